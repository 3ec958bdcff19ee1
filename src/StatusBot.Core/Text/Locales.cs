using System.Globalization;

namespace StatusBot.Core.Text;

/// <summary>The languages the bot speaks, and how a platform's locale tag ("fr", "fr-CA", "en-US", "de") maps to one.</summary>
public static class Locales
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr");

    public static IReadOnlyList<string> Supported { get; } = ["en", "fr"];

    /// <summary>French for any <c>fr</c> tag, English for anything else (including garbage).</summary>
    public static CultureInfo Resolve(string? tag, CultureInfo? fallback = null)
    {
        var t = tag?.Trim() ?? "";
        if (t.StartsWith("fr", StringComparison.OrdinalIgnoreCase) && (t.Length == 2 || t[2] is '-' or '_'))
        {
            return French;
        }

        if (t.StartsWith("en", StringComparison.OrdinalIgnoreCase) && (t.Length == 2 || t[2] is '-' or '_'))
        {
            return English;
        }

        return fallback ?? English;
    }

    public static bool IsSupported(string? tag) =>
        Supported.Contains(tag?.Trim().ToLowerInvariant() ?? "", StringComparer.Ordinal);
}
