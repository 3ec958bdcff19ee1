using Microsoft.Extensions.Time.Testing;

namespace StatusBot.Testing;

/// <summary>
/// A fake clock whose wall time can be stepped, as NTP or a resumed VM steps it, while its monotonic time
/// (<see cref="TimeProvider.GetTimestamp"/>) and its timers move only with <see cref="Advance"/>.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
    private TimeSpan _step;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow() + _step;

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _fake.CreateTimer(callback, state, dueTime, period);

    /// <summary>Real time passes: both clocks move and due timers fire.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>The wall clock jumps by <paramref name="by"/> (negative: back); no real time passes.</summary>
    public void StepWallClock(TimeSpan by) => _step += by;
}
