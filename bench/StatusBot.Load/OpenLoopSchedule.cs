namespace StatusBot.Load;

/// <summary>
/// When each request of an open-loop run is due: phases of a fixed arrival rate, back to back. Request <c>i</c> is due
/// at a time fixed before the run starts, whatever the server does, so a stall shows up as latency of every request
/// scheduled during it instead of slowing the generator down (the coordinated omission of closed-loop generators).
/// </summary>
public sealed class OpenLoopSchedule
{
    private readonly (TimeSpan Start, long First, double Rate, long Count)[] _phases;

    public OpenLoopSchedule(params LoadPhase[] phases)
    {
        if (phases.Length == 0)
        {
            throw new ArgumentException("a schedule needs at least one phase", nameof(phases));
        }

        _phases = new (TimeSpan, long, double, long)[phases.Length];
        var start = TimeSpan.Zero;
        var first = 0L;
        for (var p = 0; p < phases.Length; p++)
        {
            var (rate, duration) = (phases[p].PerSecond, phases[p].Duration);
            if (rate <= 0 || duration <= TimeSpan.Zero)
            {
                throw new ArgumentException("every phase needs a positive rate and duration", nameof(phases));
            }

            var count = (long)Math.Round(rate * duration.TotalSeconds);
            _phases[p] = (start, first, rate, count);
            start += duration;
            first += count;
        }

        Count = first;
        Duration = start;
    }

    /// <summary>How many requests the schedule sends.</summary>
    public long Count { get; }

    /// <summary>The length of the schedule: the sum of the phases' durations.</summary>
    public TimeSpan Duration { get; }

    /// <summary>One phase at <paramref name="perSecond"/> for <paramref name="duration"/>.</summary>
    public static OpenLoopSchedule Steady(double perSecond, TimeSpan duration) => new(new LoadPhase(perSecond, duration));

    /// <summary>When request <paramref name="index"/> (0-based) is due, from the start of the run.</summary>
    public TimeSpan DueAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var phase = _phases[^1];
        for (var p = 1; p < _phases.Length; p++)
        {
            if (index < _phases[p].First)
            {
                phase = _phases[p - 1];
                break;
            }
        }

        return phase.Start + TimeSpan.FromTicks((long)Math.Round((index - phase.First) * TimeSpan.TicksPerSecond / phase.Rate));
    }
}

/// <summary>A stretch of a schedule at a fixed arrival rate.</summary>
public readonly record struct LoadPhase(double PerSecond, TimeSpan Duration);
