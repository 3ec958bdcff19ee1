using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Slack.Rendering;

/// <summary>
/// Renders the neutral reply as Block Kit: a header with a severity icon, sections for the lines, fields, a context for
/// the footer and time, and buttons. Every user text is escaped; Slack's limits are respected by cutting gracefully.
/// </summary>
public static class SlackRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFieldText = 2000;
    public const int MaxFieldsPerSection = 10;
    public const int MaxButtons = 25;
    public const int MaxFallback = 3000;

    /// <summary>Renders <paramref name="reply"/>; admin-only buttons are shown only when <paramref name="showAdminActions"/>.</summary>
    public static SlackMessage Render(Reply reply, bool showAdminActions)
    {
        var content = new List<SlackBlock>();
        AddLines(content, reply.Lines);
        AddFields(content, reply.Fields);

        var tail = new List<SlackBlock>();
        var context = Context(reply);
        if (context is not null)
        {
            tail.Add(context);
        }

        var buttons = reply.Actions.Where(a => showAdminActions || !a.AdminOnly).Take(MaxButtons).Select(Button).ToList();
        if (buttons.Count > 0)
        {
            tail.Add(new ActionsBlock("statusbot_actions", buttons));
        }

        var room = MaxBlocks - 1 - tail.Count;
        if (content.Count > room)
        {
            var hidden = content.Count - (room - 1);
            content = [.. content.Take(room - 1), new ContextBlock([SlackText.Markdown($"{SlackEscape.Ellipsis} +{hidden}")])];
        }

        var blocks = new List<SlackBlock>(content.Count + tail.Count + 1) { Header(reply) };
        blocks.AddRange(content);
        blocks.AddRange(tail);
        return new SlackMessage
        {
            Text = SlackEscape.Truncate(SlackEscape.Mrkdwn(reply.ToPlainText()), MaxFallback),
            Blocks = blocks,
        };
    }

    /// <summary>The icon a reply's severity shows in its header (Slack has no embed color for blocks).</summary>
    public static string Icon(Severity severity) => severity switch
    {
        Severity.Success => "✅",
        Severity.Minor => "🟡",
        Severity.Major => "🟠",
        Severity.Critical => "🔴",
        Severity.Error => "⚠️",
        _ => "ℹ️",
    };

    private static HeaderBlock Header(Reply reply)
    {
        var title = TimeMarks.Plain(SlackEscape.Plain(reply.Title)).Replace('\n', ' ');
        var text = title.Length > 0 && char.IsLetterOrDigit(title[0]) ? $"{Icon(reply.Severity)} {title}" : title;
        return new HeaderBlock(SlackText.Plain(SlackEscape.Truncate(text.Length == 0 ? Icon(reply.Severity) : text, MaxHeader)));
    }

    private static void AddLines(List<SlackBlock> blocks, IEnumerable<string> lines)
    {
        var current = new List<string>();
        var length = 0;
        foreach (var line in lines.Select(l => SlackEscape.Truncate(SlackTimes.Render(SlackEscape.Mrkdwn(l)), MaxSectionText)))
        {
            if (current.Count > 0 && length + 1 + line.Length > MaxSectionText)
            {
                blocks.Add(Section(string.Join('\n', current)));
                current.Clear();
                length = 0;
            }

            length += (current.Count > 0 ? 1 : 0) + line.Length;
            current.Add(line);
        }

        if (current.Count > 0)
        {
            blocks.Add(Section(string.Join('\n', current)));
        }
    }

    private static void AddFields(List<SlackBlock> blocks, IEnumerable<ReplyField> fields)
    {
        var inline = new List<SlackText>();
        foreach (var field in fields)
        {
            if (field.Inline)
            {
                inline.Add(SlackText.Markdown(FieldText(field, MaxFieldText)));
                if (inline.Count == MaxFieldsPerSection)
                {
                    blocks.Add(new SectionBlock(null, [.. inline]));
                    inline.Clear();
                }

                continue;
            }

            if (inline.Count > 0)
            {
                blocks.Add(new SectionBlock(null, [.. inline]));
                inline.Clear();
            }

            blocks.Add(Section(FieldText(field, MaxSectionText)));
        }

        if (inline.Count > 0)
        {
            blocks.Add(new SectionBlock(null, [.. inline]));
        }
    }

    private static string FieldText(ReplyField field, int max)
    {
        var name = SlackEscape.Mrkdwn(field.Name).Replace('\n', ' ').Replace("*", "", StringComparison.Ordinal);
        return SlackEscape.Truncate($"*{TimeMarks.Plain(name)}*\n{SlackTimes.Render(SlackEscape.Mrkdwn(field.Value))}", max);
    }

    private static ContextBlock? Context(Reply reply)
    {
        var parts = new List<string>();
        if (reply.Footer is { Length: > 0 } footer)
        {
            parts.Add(SlackTimes.Render(SlackEscape.Mrkdwn(footer)));
        }

        if (reply.Timestamp is { } at)
        {
            parts.Add(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? null : new ContextBlock([SlackText.Markdown(SlackEscape.Truncate(string.Join(" · ", parts), MaxFieldText))]);
    }

    private static SlackButton Button(ReplyAction action) => new(
        SlackText.Plain(SlackEscape.Truncate(TimeMarks.Plain(SlackEscape.Plain(action.Label)), 75)),
        action.Id,
        action.Command,
        action.AdminOnly ? "danger" : null);

    private static SectionBlock Section(string mrkdwn) => new(SlackText.Markdown(mrkdwn));
}
