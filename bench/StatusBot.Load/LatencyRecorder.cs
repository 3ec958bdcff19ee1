namespace StatusBot.Load;

/// <summary>
/// Every latency of a run, kept exactly (no buckets): percentiles by the nearest-rank method over the sorted values, so
/// p99.9 of 10,000 requests is the 9,990th smallest, and max is the true maximum. Thread-safe for recording.
/// </summary>
/// <param name="capacity">
/// How many values to make room for at once: a recorder sized for its run does not grow its list while the run measures
/// (growing a large list allocates on the large object heap, and that can start a full collection in the generator).
/// </param>
public sealed class LatencyRecorder(int capacity = 0)
{
    private readonly Lock _gate = new();
    private readonly List<double> _values = new(capacity);
    private double[]? _sorted;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public void Record(TimeSpan latency) => Record(latency.TotalMilliseconds);

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "a latency is a non-negative number");
        }

        lock (_gate)
        {
            _values.Add(milliseconds);
            _sorted = null;
        }
    }

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds (nearest rank: the smallest value with at least that share of values at or below it); NaN when empty.</summary>
    public double Percentile(double percent)
    {
        if (percent is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is in (0, 100]");
        }

        var sorted = Sorted();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        // Rounded first: 99.9 % of 10,000 is 9,990, not the 9,991 that binary floating point would make of it.
        var rank = (long)Math.Ceiling(Math.Round(percent * sorted.Length / 100, 6));
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public double Max => Sorted() is { Length: > 0 } sorted ? sorted[^1] : double.NaN;

    private double[] Sorted()
    {
        lock (_gate)
        {
            if (_sorted is null)
            {
                _sorted = [.. _values];
                Array.Sort(_sorted);
            }

            return _sorted;
        }
    }
}
