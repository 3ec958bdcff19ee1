using System.Globalization;

namespace StatusBot.Core.Domain;

/// <summary>Incident ids are <c>INC-n</c>: short enough to type in chat. People also type <c>inc-7</c>, <c>#7</c> or <c>7</c>.</summary>
public static class IncidentIds
{
    public const string Prefix = "INC-";

    public static string Format(long number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryNormalize(string? text, out string id)
    {
        id = "";
        var t = text?.Trim() ?? "";
        if (t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            t = t[Prefix.Length..];
        }
        else if (t.StartsWith('#'))
        {
            t = t[1..];
        }

        if (t.Length is 0 or > 12 || !t.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        id = Format(n);
        return true;
    }

    public static long NumberOf(string id) =>
        TryNormalize(id, out var normalized) ? long.Parse(normalized.AsSpan(Prefix.Length), CultureInfo.InvariantCulture) : 0;
}
