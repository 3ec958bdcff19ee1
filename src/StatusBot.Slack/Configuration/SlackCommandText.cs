using StatusBot.Core.Commands;

namespace StatusBot.Slack.Configuration;

/// <summary>Turns a slash command and its text into the catalog command text: <c>/statusbot why streaming</c> → <c>why streaming</c>.</summary>
public static class SlackCommandText
{
    /// <summary>True when <paramref name="target"/> is a catalog command or a group of them (<c>why</c>, <c>incident</c>, <c>incident show</c>).</summary>
    public static bool IsCatalogPrefix(string target)
    {
        var t = target.Trim();
        return Catalog.Find(t) is not null || Catalog.Groups.Contains(t, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The catalog text for a slash command, or null when the command is not ours. The umbrella command alone is the
    /// overview (<c>status</c>).
    /// </summary>
    public static string? ToCatalogText(SlackOptions options, string command, string text)
    {
        var trimmed = text.Trim();
        if (string.Equals(command, options.CommandName, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed.Length == 0 ? Catalog.Status.Name : trimmed;
        }

        if (options.Shortcuts.TryGetValue(command, out var target))
        {
            return trimmed.Length == 0 ? target.Trim() : target.Trim() + " " + trimmed;
        }

        return null;
    }
}
