using System.Globalization;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rendering;

/// <summary>
/// Renders the neutral <see cref="Reply"/> as one embed: color by severity, escaped text, Discord's limits respected by
/// cutting the least important parts first, and <c>allowed_mentions: {"parse": []}</c> on every message.
/// </summary>
internal static class DiscordRenderer
{
    public const int MaxContent = 2000;
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldName = 256;
    public const int MaxFieldValue = 1024;
    public const int MaxFooter = 2048;
    public const int MaxEmbedTotal = 6000;
    public const int MaxButtonsPerRow = 5;
    public const int MaxRows = 5;
    public const int MaxButtonLabel = 80;

    private const string Blank = "\u200B";

    public static int ColorOf(Severity severity) => severity switch
    {
        Severity.Success => 0x57F287,
        Severity.Minor => 0xFEE75C,
        Severity.Major => 0xE67E22,
        Severity.Critical => 0xED4245,
        Severity.Error => 0x992D22,
        _ => 0x5865F2,
    };

    public static Embed ToEmbed(Reply reply)
    {
        var title = DiscordMarkdown.Clip(DiscordMarkdown.Escape(TimeMarks.Plain(reply.Title)), MaxTitle);
        var description = DiscordMarkdown.Clip(string.Join('\n', reply.Lines.Select(Text)), MaxDescription);
        var footer = reply.Footer is null ? null : DiscordMarkdown.Clip(DiscordMarkdown.Escape(TimeMarks.Plain(reply.Footer)), MaxFooter);
        var fields = reply.Fields
            .Take(MaxFields)
            .Select(f => new EmbedField(
                Or(DiscordMarkdown.Clip(DiscordMarkdown.Escape(TimeMarks.Plain(f.Name)), MaxFieldName)),
                Or(DiscordMarkdown.Clip(Text(f.Value), MaxFieldValue)),
                f.Inline))
            .ToList();

        // Over the 6,000-character total: drop fields from the end (the overview lists the most important first), then
        // shorten the description; the title and footer always fit (256 + 2,048).
        var total = title.Length + description.Length + (footer?.Length ?? 0) + fields.Sum(f => f.Name.Length + f.Value.Length);
        while (total > MaxEmbedTotal && fields.Count > 0)
        {
            var last = fields[^1];
            total -= last.Name.Length + last.Value.Length;
            fields.RemoveAt(fields.Count - 1);
        }

        if (total > MaxEmbedTotal)
        {
            description = DiscordMarkdown.Clip(description, Math.Max(1, description.Length - (total - MaxEmbedTotal)));
        }

        return new Embed
        {
            Title = title.Length == 0 ? null : title,
            Description = description.Length == 0 ? null : description,
            Color = ColorOf(reply.Severity),
            Fields = fields.Count == 0 ? null : fields,
            Footer = footer is null or "" ? null : new EmbedFooter(footer),
            Timestamp = reply.Timestamp?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A message for a channel (no ephemeral flag there), optionally with a de-duplicating nonce. A post shows every button
    /// (whoever presses an admin one is checked then); an answer in a channel shows only the buttons anyone may press.
    /// </summary>
    public static MessagePayload ToMessage(Reply reply, string? nonce = null, bool showAdminActions = true) => new()
    {
        Embeds = [ToEmbed(reply)],
        Components = ToComponents(reply, showAdminActions),
        AllowedMentions = AllowedMentions.None,
        Nonce = nonce,
        EnforceNonce = nonce is null ? null : true,
    };

    /// <summary>An interaction reply: ephemeral when the reply is private (or <paramref name="ephemeral"/> asks for it).</summary>
    public static InteractionCallbackData ToCallbackData(Reply reply, bool showAdminActions = false, bool ephemeral = false) => new()
    {
        Embeds = [ToEmbed(reply)],
        Components = ToComponents(reply, showAdminActions),
        AllowedMentions = AllowedMentions.None,
        Flags = ephemeral || reply.Visibility == Visibility.Private ? InteractionCallbackData.Ephemeral : null,
    };

    /// <summary>
    /// The reply's buttons as action rows of up to five, at most five rows; the <c>custom_id</c> is the command the button
    /// runs, and a button whose command does not fit Discord's 100 characters is left out. Null when there are none.
    /// </summary>
    public static List<MessageComponent>? ToComponents(Reply reply, bool showAdminActions)
    {
        var buttons = reply.Actions
            .Where(a => (showAdminActions || !a.AdminOnly) && a.Command.Length <= ReplyAction.MaxCommandLength)
            .DistinctBy(a => a.Command, StringComparer.Ordinal)
            .Take(MaxButtonsPerRow * MaxRows)
            .Select(a => new MessageComponent
            {
                Type = ComponentType.Button,
                Style = a.AdminOnly ? ButtonStyle.Danger : ButtonStyle.Secondary,
                Label = Or(DiscordMarkdown.Clip(TimeMarks.Plain(a.Label), MaxButtonLabel)),
                CustomId = a.Command,
            })
            .ToList();
        return buttons.Count == 0
            ? null
            : [.. buttons.Chunk(MaxButtonsPerRow).Select(row => new MessageComponent { Type = ComponentType.ActionRow, Components = [.. row] })];
    }

    /// <summary>Plain text for places without embeds, cut to the 2,000-character content limit.</summary>
    public static string ToContent(Reply reply) => DiscordMarkdown.Clip(DiscordMarkdown.Escape(reply.ToPlainText()), MaxContent);

    // Embed titles, field names and footers do not render timestamps: there a time is its UTC text.
    private static string Text(string text) => DiscordTimes.Render(DiscordMarkdown.Escape(text));

    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? Blank : text;
}
