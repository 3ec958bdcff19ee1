using System.Globalization;

namespace StatusBot.Load;

/// <summary>Markdown rows for the results, and the machine's load average at the time of each measurement.</summary>
public static class Report
{
    public const string Header =
        "| scenario | server | rate/s | sent | answered | throughput/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | send lag p99 ms | errors | 401 as expected | server CPU µs/request | generator CPU µs/request | load avg |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>The <see cref="Header"/> with a first column <paramref name="column"/> before the scenario.</summary>
    public static string HeaderWith(string column)
    {
        var lines = Header.Split('\n');
        return $"| {column} {lines[0]}\n|---{lines[1]}";
    }

    /// <summary>The 1-minute load average (<c>/proc/loadavg</c>), read just before a measurement.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static string Row(string scenario, string server, double rate, LoadResult r, TimeSpan? serverCpu, string load)
    {
        var cpu = CpuPerRequest(serverCpu, r);
        var generator = double.IsNaN(r.GeneratorMicrosecondsPerRequest) ? "n/a" : r.GeneratorMicrosecondsPerRequest.ToString("0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {server} | {rate:#,0} | {r.Sent:#,0} | {r.Answered:#,0} | {r.Throughput:#,0} | {Ms(r.Latency.Percentile(50))} | {Ms(r.Latency.Percentile(90))} | {Ms(r.Latency.Percentile(99))} | {Ms(r.Latency.Percentile(99.9))} | {Ms(r.Latency.Max)} | {Ms(r.SendLag.Percentile(99))} | {r.ErrorSummary} | {r.RefusedAsExpected:#,0} | {cpu} | {generator} | {load} |");
    }

    /// <summary>A server's CPU per request sent, in whole microseconds, or <c>n/a</c> when it is unknown or nothing was sent.</summary>
    public static string CpuPerRequest(TimeSpan? serverCpu, LoadResult r) =>
        serverCpu is { } c && r.Sent > 0 ? (c.TotalMicroseconds / r.Sent).ToString("0", CultureInfo.InvariantCulture) : "n/a";

    public static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "n/a" : milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";

    /// <summary>The median (of an even count, the mean of the middle two); NaN when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
