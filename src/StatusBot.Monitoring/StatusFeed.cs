using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using StatusBot.Core.Domain;

namespace StatusBot.Monitoring;

/// <summary>
/// An RSS 2.0 or Atom status feed (the AWS Health Dashboard publishes one per service and region) read as an upstream
/// report. The newest item decides. It resolves the incident when its title says so in any of the forms AWS has used
/// ("Service is operating normally: …", "[RESOLVED]" anywhere, a "Resolved:" prefix as in "Resolved: Informational message:
/// Recovery underway"), or when its title is unchanged but its text says the issue has been resolved and the service is
/// operating normally. Any other item is an open incident, its severity taken from AWS's title prefixes ("Informational
/// message", "Performance issues", "Service impact", "Service degradation", "Service disruption"). Read with
/// <see cref="XDocument"/> rather than System.ServiceModel.Syndication, whose RSS reader rejects the time-zone names (PST)
/// real feeds put in dates.
/// </summary>
public sealed partial record StatusFeed(IReadOnlyList<StatusFeedItem> Items)
{
    private const string ResolvedTag = "[RESOLVED]";

    private static readonly (string Prefix, string Indicator)[] Prefixes =
    [
        ("Service is operating normally", "none"),
        ("Informational message", "minor"),
        ("Performance issues", "minor"),
        ("Service impact", "major"),
        ("Service degradation", "major"),
        ("Service disruption", "critical"),
    ];

    /// <summary>Reads a feed; throws <see cref="FormatException"/> when the document is neither RSS 2.0 nor Atom.</summary>
    public static StatusFeed Parse(string xml)
    {
        XDocument doc;
        try
        {
            // No DTDs: a feed has no business declaring entities, and refusing them rules out entity-expansion bombs.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new FormatException("Not an RSS or Atom feed: " + ex.Message, ex);
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var root = doc.Root!;
        if (root.Name == "rss")
        {
            var channel = root.Element("channel") ?? throw new FormatException("Not an RSS feed: <rss> has no <channel>.");
            return new StatusFeed([.. channel.Elements("item").Select((e, i) => new StatusFeedItem(
                Text(e.Element("title")),
                Text(e.Element("description")),
                ParseDate(Text(e.Element("pubDate"))),
                i))]);
        }

        if (root.Name == atom + "feed")
        {
            return new StatusFeed([.. root.Elements(atom + "entry").Select((e, i) => new StatusFeedItem(
                Text(e.Element(atom + "title")),
                Text(e.Element(atom + "summary") ?? e.Element(atom + "content")),
                ParseDate(Text(e.Element(atom + "updated") ?? e.Element(atom + "published"))),
                i))]);
        }

        throw new FormatException($"Not an RSS or Atom feed: the root element is <{root.Name.LocalName}>.");
    }

    /// <summary>
    /// What the feed says now, from its newest item. No item, or a newest item older than <paramref name="staleAfter"/>,
    /// reports nothing wrong. A status feed covers one service in one region already, so there are no components to pick.
    /// </summary>
    public (string Indicator, string? IncidentName, string? IncidentStatus) ReportAt(DateTimeOffset now, TimeSpan staleAfter)
    {
        var newest = Items
            .OrderByDescending(i => i.Published ?? DateTimeOffset.MinValue)
            .ThenBy(i => i.Position)
            .FirstOrDefault();
        if (newest is null || (newest.Published is { } at && now - at > staleAfter))
        {
            return ("none", null, null);
        }

        return Classify(newest);
    }

    /// <summary>
    /// What one item says: <c>("none", name, "resolved")</c> for a resolution in any of AWS's forms, else the trouble it
    /// reports with its severity; <c>("none", null, null)</c> for an item that names nothing ("Service is operating normally").
    /// </summary>
    public static (string Indicator, string? IncidentName, string? IncidentStatus) Classify(StatusFeedItem item)
    {
        var (resolved, title) = StripResolvedPrefix(item.Title);
        var (prefix, indicator) = Prefixes.FirstOrDefault(p => title.StartsWith(p.Prefix, StringComparison.OrdinalIgnoreCase));
        var name = prefix is null ? title : title[prefix.Length..].TrimStart(':', ' ');
        resolved = resolved || indicator == "none" || name.Contains(ResolvedTag, StringComparison.OrdinalIgnoreCase) || SaysResolved(item.Summary);
        name = name.Replace(ResolvedTag, "", StringComparison.OrdinalIgnoreCase).Trim();
        if (name.Length == 0)
        {
            return ("none", null, null);
        }

        return resolved
            ? ("none", name, "resolved")
            : (indicator ?? "minor", name, prefix?.ToLowerInvariant() ?? "reported");
    }

    /// <summary>
    /// The report after <paramref name="last"/>: what <see cref="ReportAt"/> reads, except that a resolution names the
    /// incident the upstream was last reported with, so "Resolved: Informational message: Recovery underway" reaches the
    /// timeline as the resolution of "Increased Error Rates", not as a new incident called "Recovery underway".
    /// </summary>
    public UpstreamReport ReportAfter(string upstreamId, UpstreamReport? last, DateTimeOffset now, TimeSpan staleAfter)
    {
        var (indicator, name, status) = ReportAt(now, staleAfter);
        if (status == "resolved" && last?.IncidentName is { } lastName)
        {
            name = lastName;
        }

        return new UpstreamReport(upstreamId, indicator, name, status, now);
    }

    private static (bool Resolved, string Remainder) StripResolvedPrefix(string title) =>
        title.StartsWith("Resolved:", StringComparison.OrdinalIgnoreCase) ? (true, title["Resolved:".Length..].TrimStart()) : (false, title);

    /// <summary>
    /// AWS sometimes keeps an item's title ("Service impact: Increased Error Rates") through its whole life and says the
    /// resolution only in its text: "The issue has been resolved and the service is operating normally."
    /// </summary>
    private static bool SaysResolved(string summary) =>
        ResolvedText().IsMatch(summary) && summary.Contains("operating normally", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(has|have) been resolved\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResolvedText();

    private static string Text(XElement? e) => e?.Value.Trim() ?? "";

    /// <summary>RFC 3339 (Atom), or RFC 822 (RSS) with a numeric offset or a North American zone name as AWS writes them.</summary>
    internal static DateTimeOffset? ParseDate(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        var space = text.LastIndexOf(' ');
        if (space < 0)
        {
            return null;
        }

        TimeSpan? offset = text[(space + 1)..].ToUpperInvariant() switch
        {
            "UT" or "GMT" or "Z" => TimeSpan.Zero,
            "EDT" => TimeSpan.FromHours(-4),
            "EST" or "CDT" => TimeSpan.FromHours(-5),
            "CST" or "MDT" => TimeSpan.FromHours(-6),
            "MST" or "PDT" => TimeSpan.FromHours(-7),
            "PST" => TimeSpan.FromHours(-8),
            _ => null,
        };
        return offset is { } o && DateTime.TryParse(text[..space], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), o)
            : null;
    }
}
