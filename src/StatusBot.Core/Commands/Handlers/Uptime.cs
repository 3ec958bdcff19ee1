using StatusBot.Core.Domain;
using StatusBot.Core.State;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Availability over a window: time observed (anything but <c>unknown</c>, and nothing before the board existed), and
/// downtime weighted as Statuspage does (major outage fully, partial outage at 30%).
/// </summary>
public readonly record struct Uptime(TimeSpan Observed, TimeSpan Down, TimeSpan Unknown)
{
    public double Ratio => Observed <= TimeSpan.Zero ? 1 : 1 - (Down / Observed);

    public static Uptime Compute(IReadOnlyList<StatusTransition> history, DateTimeOffset? epoch, DateTimeOffset from, DateTimeOffset to)
    {
        var observed = TimeSpan.Zero;
        var down = TimeSpan.Zero;
        var unknown = TimeSpan.Zero;
        if (to <= from)
        {
            return default;
        }

        // Before the board existed nobody looked: that time is unknown, never "up". From then on a service nobody
        // reported on is operational, as on Statuspage.
        if (epoch is null || epoch >= to)
        {
            return new Uptime(TimeSpan.Zero, TimeSpan.Zero, to - from);
        }

        var cursor = from;
        if (epoch > cursor)
        {
            unknown += epoch.Value - cursor;
            cursor = epoch.Value;
        }

        var status = ServiceStatus.Operational;
        foreach (var t in history)
        {
            if (t.At <= cursor)
            {
                status = t.Status;
                continue;
            }

            if (t.At >= to)
            {
                break;
            }

            Add(t.At - cursor, status, ref observed, ref down, ref unknown);
            cursor = t.At;
            status = t.Status;
        }

        Add(to - cursor, status, ref observed, ref down, ref unknown);
        return new Uptime(observed, down, unknown);
    }

    private static void Add(TimeSpan span, ServiceStatus status, ref TimeSpan observed, ref TimeSpan down, ref TimeSpan unknown)
    {
        if (span <= TimeSpan.Zero)
        {
            return;
        }

        if (status == ServiceStatus.Unknown)
        {
            unknown += span;
            return;
        }

        observed += span;
        down += span * status.DowntimeWeight();
    }
}
