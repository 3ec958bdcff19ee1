using System.Diagnostics;

namespace StatusBot.StorageBench;

/// <summary>Timing helpers: percentiles over recorded durations, and a scratch data directory on the real disk.</summary>
internal static class Measure
{
    public static string Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)(p * milliseconds.Count))];
        return $"n={milliseconds.Count} p50={At(0.50):0.000} ms p90={At(0.90):0.000} ms p99={At(0.99):0.000} ms max={milliseconds[^1]:0.000} ms";
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A fresh directory on the same disk as the working directory (not /dev/shm: fsync must cost what it costs).</summary>
    public static string ScratchDirectory(string[] args)
    {
        var root = Arg(args, "--dir", Path.Combine(Directory.GetCurrentDirectory(), "bench-data"));
        var path = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static long RssBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
