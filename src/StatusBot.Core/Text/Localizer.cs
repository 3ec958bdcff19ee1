using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Text;

/// <summary>
/// Every user-visible sentence in one language: strings from the resources (<c>Strings.resx</c>, <c>Strings.fr.resx</c>,
/// <c>Strings.de.resx</c>, <c>Strings.es.resx</c>, <c>Strings.pt-BR.resx</c>, <c>Strings.ja.resx</c>) plus Humanizer for
/// relative times, durations and counts.
/// </summary>
public sealed class Localizer
{
    private static readonly ConcurrentDictionary<string, Localizer> Cache = new(StringComparer.Ordinal);

    private Localizer(CultureInfo culture)
    {
        Culture = culture;
    }

    public CultureInfo Culture { get; }

    public bool IsFrench => Language == "fr";

    /// <summary>The two-letter language of <see cref="Culture"/>: "en", "fr", "de", "es", "pt", "ja".</summary>
    private string Language => Culture.TwoLetterISOLanguageName;

    public static Localizer For(CultureInfo culture) => Cache.GetOrAdd(culture.Name, _ => new Localizer(culture));

    public string this[string key] => Strings.ResourceManager.GetString(key, Culture) ?? throw new KeyNotFoundException($"No string '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>
    /// Formats <paramref name="key"/>, or its <c>_One</c> form when <paramref name="count"/> is singular in this language
    /// (1 in English, German, Spanish and Japanese; 0 and 1 in French and Brazilian Portuguese, as CLDR has it). The count
    /// is argument 0.
    /// </summary>
    public string Plural(string key, long count, params object?[] more)
    {
        var singular = Language is "fr" or "pt" ? count is 0 or 1 : count == 1;
        var chosen = singular && Strings.ResourceManager.GetString(key + "_One", Culture) is not null ? key + "_One" : key;
        return Format(chosen, [count, .. more]);
    }

    public string Status(ServiceStatus status) => this["ServiceStatus_" + status];

    /// <summary>A label as it reads inside a sentence: "partial outage", "panne partielle"; German keeps its nouns capitalized ("Teilausfall").</summary>
    public string InSentence(string label) => Language == "de" ? label : label.ToLower(Culture);

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

        // Japanese writes the parts together ("3時間12分"); the others join the last two with their "and": "3 heures et
        // 12 minutes", "3 Stunden und 12 Minuten", not "3 heures, 12 minutes".
        if (Language == "ja")
        {
            return text.Replace(", ", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        }

        var comma = text.LastIndexOf(", ", StringComparison.Ordinal);
        return Language != "en" && comma > 0 ? text[..comma] + " " + this[nameof(Strings.Word_And)] + " " + text[(comma + 2)..] : text;
    }

    /// <summary>
    /// "23:30 UTC" today; on another day "Dec 24, 23:30 UTC", "24 déc. 23:30 UTC", "24. Dez. 23:30 UTC", "24 dic 23:30 UTC",
    /// "24 de dez. 23:30 UTC", "12月24日 23:30 UTC".
    /// </summary>
    public string Clock(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.ToUniversalTime();
        var format = utc.Date == now.ToUniversalTime().Date ? "HH:mm" : Language switch
        {
            "fr" or "es" => "d MMM HH:mm",
            "de" => "d. MMM HH:mm",
            "pt" => "d 'de' MMM HH:mm",
            "ja" => "M月d日 HH:mm",
            _ => "MMM d, HH:mm",
        };
        return utc.ToString(format, Culture) + " UTC";
    }

    /// <summary>"99.95%", "99,95 %": a non-breaking space before the sign where the language's typography wants one.</summary>
    public string PercentSign(string number) =>
        Language is "fr" or "de" or "es" ? number + "\u00A0%" : number + "%";

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

    /// <summary>"27 million", "27 millions", "27 Millionen", "27 millones", "27 milhões", "2700万", "12,500", "12 500".</summary>
    public string Count(long n)
    {
        if (Language == "ja" && Math.Abs(n) >= 10_000)
        {
            // Japanese counts in 万 (10⁴) and 億 (10⁸): 2700万, 1.2億.
            var (unit, mark) = Math.Abs(n) >= 100_000_000 ? (1e8, "億") : (1e4, "万");
            return Math.Round(n / unit, 1).ToString("0.#", Culture) + mark;
        }

        if (Math.Abs(n) < 1_000_000)
        {
            return n.ToString("N0", Culture);
        }

        if (Language is "de" or "es" or "pt")
        {
            return LargeCount(n);
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

    /// <summary>"Streaming", "Streaming and Website", "Streaming, Website and API", "Streaming、Website、API".</summary>
    public string List(IEnumerable<string> items) =>
        Language == "ja" ? string.Join("、", items) : items.Humanize(this["Word_And"]);

    private string LargeCount(long n)
    {
        var billions = Math.Abs(n) >= 1_000_000_000;
        var value = Math.Round(billions ? n / 1e9 : n / 1e6, 1);
        // "1,5 milhão" is singular in Portuguese, as "1,5 million" is in French; German and Spanish say "1,5 Millionen", "1,5 millones".
        var one = Language == "pt" ? Math.Abs(value) < 2 : Math.Abs(value) == 1;
        var word = (Language, billions, one) switch
        {
            ("de", false, true) => "Million",
            ("de", false, false) => "Millionen",
            ("de", true, true) => "Milliarde",
            ("de", true, false) => "Milliarden",
            ("es", false, true) => "millón",
            ("es", false, false) => "millones",
            ("es", true, _) => "mil millones",
            ("pt", false, true) => "milhão",
            ("pt", false, false) => "milhões",
            ("pt", true, true) => "bilhão",
            _ => "bilhões",
        };
        return value.ToString("0.#", Culture) + " " + word;
    }
}
