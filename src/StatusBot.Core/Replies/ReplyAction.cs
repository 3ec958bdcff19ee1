using StatusBot.Core.Commands;

namespace StatusBot.Core.Replies;

/// <summary>
/// A button a platform shows under a reply or a post (a Slack block action, a Discord button component). Pressing it runs
/// <see cref="Command"/>, a catalog command as text, as the presser, through the chat pipeline like a typed command: a
/// viewer's press of an admin command is refused and changes nothing. <see cref="Id"/> (<c>verb:argument</c>) is unique
/// within one reply; <see cref="AdminOnly"/> buttons are shown only where an admin reads (answers to admins, posts).
/// </summary>
public sealed record ReplyAction(string Id, string Label, string Command, bool AdminOnly)
{
    /// <summary>The longest command a button carries: Discord's <c>custom_id</c> holds 100 characters.</summary>
    public const int MaxCommandLength = 100;

    /// <summary>
    /// The command a pressed button carries, or null when the value cannot be one of ours: empty, longer than
    /// <see cref="MaxCommandLength"/>, on several lines, or not starting with a catalog command. What it may do is then
    /// decided by the pipeline, exactly as if the presser had typed it.
    /// </summary>
    public static string? PressedCommand(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxCommandLength || value.Any(char.IsControl))
        {
            return null;
        }

        return TextCommandParser.TryParse(value, out _, out _) ? value : null;
    }
}
