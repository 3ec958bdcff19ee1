using System.Globalization;

namespace StatusBot.Testing.Metrics;

/// <summary>
/// The server's own view of its answer times, from a histogram on <c>/metrics</c>: <c>http_request_duration_seconds</c>
/// (from the routed request to its answer, by endpoint; bucket bounds at 10 and 50 ms among others) or
/// <c>statusbot_command_duration</c> (from the parsed command to the reply, fsync included), summed over the series
/// selected. Percentiles are given as "at most the bucket bound", which decides "under 10 ms" and "under 50 ms" exactly.
/// </summary>
public sealed class ServerMetrics
{
    private readonly SortedDictionary<double, double> _buckets;

    private ServerMetrics(SortedDictionary<double, double> buckets) => _buckets = buckets;

    public const string CommandDuration = "statusbot_command_duration_seconds";

    public const string RequestDuration = "http_request_duration_seconds";

    public const string FsyncDuration = "statusbot_journal_fsync_duration_seconds";

    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http, Uri root, Func<string, bool>? series = null, string metric = CommandDuration)
    {
        var text = await http.GetStringAsync(new Uri(root, "metrics"));
        return Parse(text, series, metric);
    }

    /// <summary>The chat platforms' commands (the default series).</summary>
    public static bool ChatCommands(string line) =>
        line.Contains("platform=\"slack\"", StringComparison.Ordinal) || line.Contains("platform=\"discord\"", StringComparison.Ordinal);

    /// <summary>Incident updates through the admin API: from the parsed request to the answer, the journal's fsync included.</summary>
    public static bool AdminUpdates(string line) =>
        line.Contains("platform=\"api\"", StringComparison.Ordinal) && line.Contains("command=\"incident update\"", StringComparison.Ordinal);

    /// <summary>Answered <c>/status</c> questions: the Slack slash-command and Discord interaction endpoints, 2xx only.</summary>
    public static bool Questions(string line) =>
        line.Contains("code=\"2xx\"", StringComparison.Ordinal)
        && (line.Contains("endpoint=\"/slack/commands\"", StringComparison.Ordinal) || line.Contains("endpoint=\"/discord/interactions\"", StringComparison.Ordinal));

    /// <summary>Acknowledged incident updates through the admin API, 2xx only.</summary>
    public static bool UpdateRequests(string line) =>
        line.Contains("code=\"2xx\"", StringComparison.Ordinal) && line.Contains("endpoint=\"/api/admin/incidents/{id}/updates\"", StringComparison.Ordinal);

    /// <summary>Cumulative counts by upper bound (<c>le</c>) of the histogram <paramref name="metric"/>, for the series selected (chat commands by default).</summary>
    public static ServerMetrics Parse(string exposition, Func<string, bool>? series = null, string metric = CommandDuration)
    {
        var selected = series ?? ChatCommands;
        var buckets = new SortedDictionary<double, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "_bucket{", StringComparison.Ordinal) || !selected(line))
            {
                continue;
            }

            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }

        return new ServerMetrics(buckets);
    }

    /// <summary>The value of the sample whose line starts with <paramref name="series"/> (name and labels), or 0 when absent.</summary>
    public static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Garbage collections by generation (0, 1, 2) so far, from prometheus-net's <c>dotnet_collection_count_total</c>.</summary>
    public static async Task<double[]> CollectionsAsync(HttpClient http, Uri root)
    {
        var text = await http.GetStringAsync(new Uri(root, "metrics"));
        return [.. Enumerable.Range(0, 3).Select(g => Sample(text, $"dotnet_collection_count_total{{generation=\"{g}\"}}"))];
    }

    public double Count => _buckets.GetValueOrDefault(double.PositiveInfinity);

    /// <summary>What was counted between <paramref name="before"/> and this scrape.</summary>
    public ServerMetrics Since(ServerMetrics before) =>
        new(new SortedDictionary<double, double>(_buckets.ToDictionary(b => b.Key, b => b.Value - before._buckets.GetValueOrDefault(b.Key))));

    /// <summary>The smallest bucket bound (seconds) with at least <paramref name="percent"/> % of the commands at or below it.</summary>
    public double PercentileBound(double percent)
    {
        var needed = Math.Ceiling(Math.Round(percent * Count / 100, 6));
        return _buckets.FirstOrDefault(b => b.Value >= needed && needed > 0, new(double.NaN, 0)).Key;
    }

    /// <summary>Commands slower than <paramref name="seconds"/> (which must be a bucket bound).</summary>
    public double SlowerThan(double seconds) => Count - _buckets.GetValueOrDefault(seconds, Count);
}
