using StatusBot.Core.Domain;
using StatusBot.Core.State;

namespace StatusBot.Host.Web;

/// <summary>Where a maintenance window stands: the same four stages on the page, in the feed and in the Statuspage API.</summary>
internal enum MaintenanceStage
{
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>One moment of a window's life (it was scheduled, it started, it ended, it was cancelled).</summary>
internal sealed record MaintenanceStep(MaintenanceStage Stage, DateTimeOffset At);

/// <summary>
/// A maintenance window's timeline, derived from its schedule and the clock: the board records only when it was scheduled
/// and cancelled, so the start and the end are steps once their time has passed.
/// </summary>
internal static class MaintenanceTimeline
{
    public static MaintenanceStage StageAt(Maintenance m, DateTimeOffset now) =>
        m.Cancelled ? MaintenanceStage.Cancelled
        : now >= m.End ? MaintenanceStage.Completed
        : now >= m.Start ? MaintenanceStage.InProgress
        : MaintenanceStage.Scheduled;

    /// <summary>The steps that have happened by <paramref name="now"/>, oldest first.</summary>
    public static List<MaintenanceStep> Steps(Maintenance m, DateTimeOffset now)
    {
        var scheduled = m.ScheduledAt ?? m.Start;
        var stoppedAt = m.Cancelled ? m.CancelledAt ?? scheduled : DateTimeOffset.MaxValue;
        var steps = new List<MaintenanceStep> { new(MaintenanceStage.Scheduled, scheduled) };
        if (now >= m.Start && m.Start < stoppedAt)
        {
            steps.Add(new MaintenanceStep(MaintenanceStage.InProgress, m.Start));
        }

        if (now >= m.End && m.End <= stoppedAt)
        {
            steps.Add(new MaintenanceStep(MaintenanceStage.Completed, m.End));
        }

        if (m.Cancelled)
        {
            steps.Add(new MaintenanceStep(MaintenanceStage.Cancelled, stoppedAt));
        }

        return steps;
    }

    /// <summary>Windows not cancelled and not over: running ones and upcoming ones, soonest first.</summary>
    public static IEnumerable<Maintenance> Current(BoardState state, DateTimeOffset now) => state.Announcements.Scheduled.Where(m => m.End > now);

    /// <summary>The <paramref name="count"/> most recently starting windows, whatever their stage, latest first.</summary>
    public static IEnumerable<Maintenance> Recent(BoardState state, int count) =>
        state.Announcements.Maintenances.Values.OrderByDescending(m => m.Start).ThenByDescending(m => m.Id, StringComparer.Ordinal).Take(count);

    public static Maintenance? Find(BoardState state, string id) =>
        state.Announcements.Maintenances.GetValueOrDefault(id.Trim().ToUpperInvariant());

    /// <summary>The step in the reader's language: "MNT-1 scheduled", "Maintenance in progress: …".</summary>
    public static string Describe(MaintenanceStep step, Maintenance m, Localizer l) => step.Stage switch
    {
        MaintenanceStage.Scheduled => l.Format(nameof(Strings.Maintenance_Scheduled), m.Id) + " · " + m.Title,
        MaintenanceStage.InProgress => l.Format(nameof(Strings.Maintenance_Started), m.Title),
        MaintenanceStage.Completed => l.Format(nameof(Strings.Maintenance_Ended), m.Title),
        _ => l.Format(nameof(Strings.Maintenance_CancelledPost), m.Title),
    };

    /// <summary>"Dec 25, 02:00 UTC → 04:00 UTC".</summary>
    public static string Window(Maintenance m, Localizer l, DateTimeOffset now) => l.Clock(m.Start, now) + " → " + l.Clock(m.End, m.Start);

    public static string Services(Maintenance m, BoardState state, Localizer l) =>
        l.Format(nameof(Strings.Maintenance_Services), l.List(m.Services.Select(state.ServiceName)));
}
