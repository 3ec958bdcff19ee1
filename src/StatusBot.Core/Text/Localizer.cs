using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Text;

/// <summary>
/// Every user-visible sentence in one language: strings from the resources (<c>Strings.resx</c>, <c>Strings.fr.resx</c>)
/// plus Humanizer for relative times, durations and counts.
/// </summary>
public sealed class Localizer
{
    private static readonly ConcurrentDictionary<string, Localizer> Cache = new(StringComparer.Ordinal);

    private Localizer(CultureInfo culture)
    {
        Culture = culture;
    }

    public CultureInfo Culture { get; }

    public bool IsFrench => Culture.TwoLetterISOLanguageName == "fr";

    public static Localizer For(CultureInfo culture) => Cache.GetOrAdd(culture.Name, _ => new Localizer(culture));

    public string this[string key] => Strings.ResourceManager.GetString(key, Culture) ?? throw new KeyNotFoundException($"No string '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>
    /// Formats <paramref name="key"/>, or its <c>_One</c> form when <paramref name="count"/> is singular in this language
    /// (1 in English; 0 and 1 in French). The count is argument 0.
    /// </summary>
    public string Plural(string key, long count, params object?[] more)
    {
        var singular = IsFrench ? count is 0 or 1 : count == 1;
        var chosen = singular && Strings.ResourceManager.GetString(key + "_One", Culture) is not null ? key + "_One" : key;
        return Format(chosen, [count, .. more]);
    }

    public string Status(ServiceStatus status) => this["ServiceStatus_" + status];

    public string Status(IncidentStatus status) => this["IncidentStatus_" + status];

    public string Impact(Impact impact) => this["Impact_" + impact];

    public string Confidence(CauseConfidence confidence) => this["Confidence_" + confidence];

    public string Kind(UpdateKind kind) => this["UpdateKind_" + kind];

    /// <summary>
    /// "3 hours ago", "il y a 3 heures", "in 12 minutes". Rounded to the nearest minute beyond a minute, so a promise made
    /// a few seconds ago for 30 minutes reads "30 minutes from now", not "29 minutes from now".
    /// </summary>
    public string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var delta = at - now;
        if (delta.Duration() < TimeSpan.FromSeconds(1))
        {
            // Humanizer's French "maintenant" reads wrong after a past participle ("a commencé maintenant").
            return this[nameof(Strings.Relative_Now)];
        }

        if (delta.Duration() >= TimeSpan.FromMinutes(1))
        {
            at = now + TimeSpan.FromMinutes(Math.Round(delta.TotalMinutes, MidpointRounding.AwayFromZero));
        }

        return at.Humanize(now, Culture);
    }

    /// <summary>"3 hours, 12 minutes", "3 heures et 12 minutes"; seconds only for durations under a minute.</summary>
    public string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var minUnit = span < TimeSpan.FromMinutes(1) ? Humanizer.TimeUnit.Second : Humanizer.TimeUnit.Minute;
        var text = span.Humanize(precision: 2, culture: Culture, maxUnit: Humanizer.TimeUnit.Day, minUnit: minUnit);

        // French joins the two parts with "et": "3 heures et 12 minutes", not "3 heures, 12 minutes".
        var comma = text.LastIndexOf(", ", StringComparison.Ordinal);
        return IsFrench && comma > 0 ? text[..comma] + " et " + text[(comma + 2)..] : text;
    }

    /// <summary>"23:30 UTC" today, "Dec 24, 23:30 UTC" / "24 déc. 23:30 UTC" on another day.</summary>
    public string Clock(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        var format = utc.Date == now.ToUniversalTime().Date ? "HH:mm" : (IsFrench ? "d MMM HH:mm" : "MMM d, HH:mm");
        return utc.ToString(format, Culture) + " UTC";
    }

    /// <summary>
    /// <see cref="Clock"/> as a time mark (<see cref="TimeMarks"/>): each platform shows it in the reader's time zone, with
    /// the UTC text as the fallback. Only for replies and posts; text that is stored or logged uses <see cref="Clock"/>.
    /// </summary>
    public string Time(DateTimeOffset at, DateTimeOffset now)
    {
        var sameDay = at.ToUniversalTime().Date == now.ToUniversalTime().Date;
        return TimeMarks.Mark(sameDay ? TimeMarks.TimeStyle : TimeMarks.DateTimeStyle, at, Clock(at, now));
    }

    /// <summary>
    /// <see cref="Relative"/> as a time mark: "in 25 minutes" that stays true where the platform counts itself (Discord),
    /// the relative text written now plus the reader's clock elsewhere.
    /// </summary>
    public string RelativeTime(DateTimeOffset at, DateTimeOffset now) =>
        TimeMarks.Mark(TimeMarks.RelativeStyle, at, Relative(at, now), Clock(at, now));

    /// <summary>"27 million", "27 millions", "12,500", "12 500".</summary>
    public string Count(long n)
    {
        if (Math.Abs(n) < 1_000_000)
        {
            return n.ToString("N0", Culture);
        }

        if (!IsFrench)
        {
            // Not ToMetric: with one decimal it writes "27.0 million", in the process's culture rather than the reader's.
            var (english, word) = Math.Abs(n) >= 1_000_000_000 ? (n / 1e9, "billion") : (n / 1e6, "million");
            return Math.Round(english, 1).ToString("0.#", Culture) + " " + word;
        }

        var (value, singular, plural) = Math.Abs(n) >= 1_000_000_000 ? (n / 1e9, "milliard", "milliards") : (n / 1e6, "million", "millions");
        value = Math.Round(value, 1);
        return value.ToString("0.#", Culture) + " " + (Math.Abs(value) >= 2 ? plural : singular);
    }

    /// <summary>"Streaming", "Streaming and Website", "Streaming, Website and API".</summary>
    public string List(IEnumerable<string> items) => items.Humanize(this["Word_And"]);
}
