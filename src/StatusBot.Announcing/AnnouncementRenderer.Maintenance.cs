using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>Maintenance announcements: the card shows the window's current stage; each stage is also a thread reply.</summary>
public sealed partial class AnnouncementRenderer
{
    public static Reply Maintenance(Maintenance m, int stage, BoardState state, Localizer l, DateTimeOffset now)
    {
        var key = stage switch
        {
            1 => nameof(Strings.Maintenance_Soon24h),
            2 => nameof(Strings.Maintenance_Soon10m),
            3 => nameof(Strings.Maintenance_Started),
            4 => nameof(Strings.Maintenance_Ended),
            _ => nameof(Strings.Maintenance_CancelledPost),
        };
        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = l.Format(key, m.Title),
            Severity = stage == 3 ? Severity.Minor : Severity.Info,
            Lines =
            [
                MaintenanceListHandler.Line(m, state, l, now),
                l.Format(nameof(Strings.Maintenance_Services), l.List(m.Services.Select(state.ServiceName))),
            ],
            Timestamp = now,
        };
    }
}
