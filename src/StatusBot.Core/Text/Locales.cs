using System.Globalization;

namespace StatusBot.Core.Text;

/// <summary>
/// The languages the bot speaks, and how a platform's locale tag ("fr", "fr-CA", "en-US", "de-AT", "es-419", "pt-BR", "ja-JP")
/// maps to one.
/// </summary>
public static class Locales
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr");

    public static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de");

    public static CultureInfo Spanish { get; } = CultureInfo.GetCultureInfo("es");

    public static CultureInfo BrazilianPortuguese { get; } = CultureInfo.GetCultureInfo("pt-BR");

    public static CultureInfo Japanese { get; } = CultureInfo.GetCultureInfo("ja");

    /// <summary>The language codes accepted in configuration, <c>channel locale</c> and <c>?lang=</c>, English first.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["en", "fr", "de", "es", "pt-BR", "ja"];

    /// <summary>Every supported culture, in the order of <see cref="Supported"/>.</summary>
    public static IReadOnlyList<CultureInfo> All { get; } = [English, French, German, Spanish, BrazilianPortuguese, Japanese];

    /// <summary>
    /// The supported language of a tag: its language part decides ("de-AT" is German, "es-419" Spanish, any "pt" Brazilian
    /// Portuguese); English for anything else (including garbage), or <paramref name="fallback"/> when given.
    /// </summary>
    public static CultureInfo Resolve(string? tag, CultureInfo? fallback = null) => Find(tag) ?? fallback ?? English;

    /// <summary>The supported language of a tag, or null when the tag names none of them.</summary>
    public static CultureInfo? Find(string? tag)
    {
        var t = tag?.Trim() ?? "";
        if (t.Length < 2 || (t.Length > 2 && t[2] is not ('-' or '_')))
        {
            return null;
        }

        return t[..2].ToLowerInvariant() switch
        {
            "en" => English,
            "fr" => French,
            "de" => German,
            "es" => Spanish,
            "pt" => BrazilianPortuguese,
            "ja" => Japanese,
            _ => null,
        };
    }

    /// <summary>The code a culture is stored and shown under: "en", "fr", "de", "es", "pt-BR", "ja".</summary>
    public static string Code(CultureInfo culture) => Resolve(culture.Name).Name;

    /// <summary>True for the exact codes of <see cref="Supported"/>, in any letter case ("pt-br" too).</summary>
    public static bool IsSupported(string? tag) =>
        Supported.Contains(tag?.Trim() ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>The supported code spelled as <see cref="Supported"/> spells it ("pt-br" → "pt-BR"), or null.</summary>
    public static string? Canonical(string? tag) =>
        Supported.FirstOrDefault(s => string.Equals(s, tag?.Trim(), StringComparison.OrdinalIgnoreCase));
}
