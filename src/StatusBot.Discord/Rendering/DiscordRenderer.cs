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

    /// <summary>A message for a channel (no ephemeral flag there), optionally with a de-duplicating nonce.</summary>
    public static MessagePayload ToMessage(Reply reply, string? nonce = null) => new()
    {
        Embeds = [ToEmbed(reply)],
        AllowedMentions = AllowedMentions.None,
        Nonce = nonce,
        EnforceNonce = nonce is null ? null : true,
    };

    /// <summary>An interaction reply: ephemeral when the reply is private.</summary>
    public static InteractionCallbackData ToCallbackData(Reply reply) => new()
    {
        Embeds = [ToEmbed(reply)],
        AllowedMentions = AllowedMentions.None,
        Flags = reply.Visibility == Visibility.Private ? InteractionCallbackData.Ephemeral : null,
    };

    /// <summary>Plain text for places without embeds, cut to the 2,000-character content limit.</summary>
    public static string ToContent(Reply reply) => DiscordMarkdown.Clip(DiscordMarkdown.Escape(reply.ToPlainText()), MaxContent);

    // Embed titles, field names and footers do not render timestamps: there a time is its UTC text.
    private static string Text(string text) => DiscordTimes.Render(DiscordMarkdown.Escape(text));

    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? Blank : text;
}
