using StatusBot.Core.Commands;

namespace StatusBot.Core.Chat;

/// <summary>What kind of words a <see cref="ChatInput"/> carries.</summary>
public enum ChatInputKind
{
    /// <summary>A command as typed text (a Slack slash command, a button's command): parsed once by the pipeline.</summary>
    CommandText,

    /// <summary>A command whose options arrive already sorted (Discord options, the admin API, a button).</summary>
    Command,

    /// <summary>A free message (a mention, a DM, a console line): a command when it reads as one, else a question.</summary>
    Message,
}

/// <summary>What the person said: raw text, or a command already typed by the platform.</summary>
public readonly record struct ChatInput(ChatInputKind Kind, string? Text, CommandInput? Typed, bool MustAnswer = true)
{
    /// <summary>A command as text, <c>incident open streaming major "Streaming fails"</c>.</summary>
    public static ChatInput CommandText(string text) => new(ChatInputKind.CommandText, text, null);

    /// <summary>A command whose options are already named.</summary>
    public static ChatInput Command(CommandInput input) => new(ChatInputKind.Command, null, input);

    /// <summary>
    /// A free message. With <paramref name="mustAnswer"/> false, plain chatter gets no answer (the result is null),
    /// as in a channel where the bot only listens.
    /// </summary>
    public static ChatInput Message(string text, bool mustAnswer = true) => new(ChatInputKind.Message, text, null, mustAnswer);
}
