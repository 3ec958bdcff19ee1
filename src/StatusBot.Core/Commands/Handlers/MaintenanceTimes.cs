using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Reads maintenance starts and durations, all in UTC. Starts: an ISO-8601 time (<c>2026-12-25T02:00Z</c>; no offset means
/// UTC), <c>in:2h</c> / <c>in 90m</c> / <c>+2h</c>, <c>today@23:00</c>, <c>tomorrow@02:00</c> (or with a space), or a bare
/// <c>02:00</c> (its next occurrence). Durations: <c>90m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>, at most 7 days.
/// </summary>
public static partial class MaintenanceTimes
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        duration = TimeSpan.FromDays(Group(match, "d")) + TimeSpan.FromHours(Group(match, "h")) + TimeSpan.FromMinutes(Group(match, "m"));
        return duration > TimeSpan.Zero && duration <= MaxDuration;
    }

    public static bool TryParseStart(string text, DateTimeOffset now, out DateTimeOffset start)
    {
        start = default;
        var t = text.Trim().ToLowerInvariant().Replace('@', ' ');
        if (t.StartsWith("in:", StringComparison.Ordinal) || t.StartsWith("in ", StringComparison.Ordinal) || t.StartsWith('+'))
        {
            var rest = t.StartsWith('+') ? t[1..] : t[3..];
            if (TryParseDuration(rest, out var offset) || (rest.Trim() is var r && TryParseDuration(r.Replace(" ", "", StringComparison.Ordinal), out offset)))
            {
                start = now + offset;
                return true;
            }

            return false;
        }

        var day = now.UtcDateTime.Date;
        if (t.StartsWith("today ", StringComparison.Ordinal) || t.StartsWith("tomorrow ", StringComparison.Ordinal))
        {
            var tomorrow = t.StartsWith("tomorrow", StringComparison.Ordinal);
            if (!TryClock(t[(t.IndexOf(' ') + 1)..], out var clock))
            {
                return false;
            }

            start = new DateTimeOffset(day.AddDays(tomorrow ? 1 : 0) + clock, TimeSpan.Zero);
            return true;
        }

        if (TryClock(t, out var bare))
        {
            var candidate = new DateTimeOffset(day + bare, TimeSpan.Zero);
            start = candidate > now ? candidate : candidate.AddDays(1);
            return true;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);
    }

    private static bool TryClock(string text, out TimeSpan clock) =>
        TimeSpan.TryParseExact(text.Trim(), ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out clock) && clock < TimeSpan.FromDays(1);

    private static int Group(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,2})d)?(?:(?<h>\d{1,3})h)?(?:(?<m>\d{1,5})m(?:in)?)?$")]
    private static partial Regex DurationPattern();
}
