namespace StatusBot.Host.Demo;

/// <summary>The demo's story clock: it only moves when the script says so, so hours of an outage pass in seconds.</summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
