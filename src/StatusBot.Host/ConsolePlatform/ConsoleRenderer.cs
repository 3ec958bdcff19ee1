using System.Text;
using StatusBot.Core.Replies;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>Renders a neutral reply as plain terminal text. Control characters are dropped so no text can drive the terminal.</summary>
public static class ConsoleRenderer
{
    public static string Render(Reply reply)
    {
        var sb = new StringBuilder();
        var marker = reply.Severity == Severity.Error ? "⚠ " : "";
        sb.Append(marker).AppendLine(Clean(reply.Title));
        foreach (var line in reply.Lines)
        {
            AppendIndented(sb, "  ", line);
        }

        foreach (var field in reply.Fields)
        {
            sb.Append("  ").AppendLine(Clean(field.Name));
            AppendIndented(sb, "    ", field.Value);
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            sb.Append("  — ").AppendLine(Clean(footer));
        }

        return sb.ToString();
    }

    private static void AppendIndented(StringBuilder sb, string indent, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            sb.Append(indent).AppendLine(Clean(line));
        }
    }

    private static string Clean(string text)
    {
        // The console keeps UTC text: a time mark becomes its fallback.
        text = TimeMarks.Plain(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        return new string([.. text.Where(c => !char.IsControl(c))]);
    }
}
