using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>Maintenance announcements: the card shows the window's current stage; each stage is also a thread reply.</summary>
public sealed partial class AnnouncementRenderer
{
    public Reply Maintenance(Maintenance m, int stage, BoardState state, Localizer l, DateTimeOffset now)
    {
        var kind = stage switch
        {
            1 => PostKind.MaintenanceScheduled,
            2 => PostKind.MaintenanceStarting,
            3 => PostKind.MaintenanceStarted,
            4 => PostKind.MaintenanceCompleted,
            _ => PostKind.MaintenanceCancelled,
        };
        var lines = Templates.Lines(kind, l, now, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = m.Id,
            ["title"] = m.Title,
            ["window"] = MaintenanceListHandler.Line(m, state, l, now),
            ["services"] = l.List(m.Services.Select(state.ServiceName)),
            ["start"] = l.Clock(m.Start, now),
            ["end"] = l.Clock(m.End, m.Start),
            ["start_at"] = m.Start,
            ["end_at"] = m.End,
        });
        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = lines[0],
            Severity = stage == 3 ? Severity.Minor : Severity.Info,
            Lines = [.. lines.Skip(1)],
            Timestamp = now,
        };
    }
}
