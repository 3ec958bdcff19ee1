using System.Globalization;

namespace StatusBot.Load;

/// <summary>
/// The server's own view of its answer times: the <c>statusbot_command_duration</c> histogram from <c>/metrics</c>
/// (time from parsed command to reply, fsync included), summed over the chat platforms. Its buckets are coarse, so
/// percentiles are given as "at most the bucket bound".
/// </summary>
public sealed class ServerMetrics
{
    private readonly SortedDictionary<double, double> _buckets;

    private ServerMetrics(SortedDictionary<double, double> buckets) => _buckets = buckets;

    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http, Uri root, Func<string, bool>? series = null)
    {
        var text = await http.GetStringAsync(new Uri(root, "metrics"));
        return Parse(text, series);
    }

    /// <summary>The chat platforms' commands (the default series).</summary>
    public static bool ChatCommands(string line) =>
        line.Contains("platform=\"slack\"", StringComparison.Ordinal) || line.Contains("platform=\"discord\"", StringComparison.Ordinal);

    /// <summary>Incident updates through the admin API: from the parsed request to the answer, the journal's fsync included.</summary>
    public static bool AdminUpdates(string line) =>
        line.Contains("platform=\"api\"", StringComparison.Ordinal) && line.Contains("command=\"incident update\"", StringComparison.Ordinal);

    /// <summary>Cumulative counts by upper bound (<c>le</c>) of the command-duration histogram, for the series selected (chat commands by default).</summary>
    public static ServerMetrics Parse(string exposition, Func<string, bool>? series = null)
    {
        var selected = series ?? ChatCommands;
        var buckets = new SortedDictionary<double, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith("statusbot_command_duration", StringComparison.Ordinal) || !line.Contains("_bucket{", StringComparison.Ordinal) || !selected(line))
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
