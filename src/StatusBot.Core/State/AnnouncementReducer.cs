using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;

namespace StatusBot.Core.State;

/// <summary>The reducer cases of channel, maintenance, upstream, crowd and outbox events; null for any other event.</summary>
public static class AnnouncementReducer
{
    public static BoardState? TryApply(BoardState state, BoardEvent e)
    {
        var a = state.Announcements;
        AnnouncementState? next = e switch
        {
            ChannelSubscribed s => Subscribe(a, s),
            ChannelUnsubscribed u => a with { Channels = a.Channels.Remove(u.ChannelKey) },
            ChannelLocaleChanged l => a.Channels.TryGetValue(l.ChannelKey, out var c)
                ? a with { Channels = a.Channels.SetItem(l.ChannelKey, c with { Locale = l.Locale }) }
                : a,
            ChannelDisabled d => Disable(a, d),
            MaintenanceScheduled m => a with
            {
                Maintenances = a.Maintenances.SetItem(m.MaintenanceId, new Maintenance(m.MaintenanceId, m.Title, m.Services, m.Start, m.End, m.ExpectedDown, false) { ScheduledAt = m.At }),
                NextMaintenanceNumber = Math.Max(a.NextMaintenanceNumber, NumberOf(m.MaintenanceId) + 1),
            },
            MaintenanceCancelled c => a.Maintenances.TryGetValue(c.MaintenanceId, out var m)
                ? a with { Maintenances = a.Maintenances.SetItem(c.MaintenanceId, m with { Cancelled = true, CancelledAt = c.At }) }
                : a,
            UpstreamStatusChanged u => a with { Upstreams = a.Upstreams.SetItem(u.UpstreamId, Report(a.Upstreams.GetValueOrDefault(u.UpstreamId), u)) },
            CrowdSurged c => a with { Crowds = a.Crowds.SetItem(c.Surge.ServiceId, c.Surge) },
            AnnouncementQueued q => a with
            {
                Outbox = a.Outbox.SetItem(OutboxKeys.Of(q.Subject, q.ChannelKey), new OutboxEntry(q.AnnouncementId, q.ChannelKey, q.Subject, q.Version, q.At)),
            },
            // Outcomes as journals of earlier versions hold them; outcomes now go to the delivery ledger.
            AnnouncementDelivered d => Settle(a, d.AnnouncementId, d.Subject, d.ChannelKey, d.Version, d.MessageId, d.ThreadId),
            AnnouncementFailed f => Settle(a, f.AnnouncementId, f.Subject, f.ChannelKey, f.Version, null, null),
            _ => null,
        };
        return next is null ? null : state with { Announcements = next };
    }

    /// <summary>What the upstream says now; trouble that goes on keeps the time it began.</summary>
    private static UpstreamReport Report(UpstreamReport? before, UpstreamStatusChanged u)
    {
        var next = new UpstreamReport(u.UpstreamId, u.Indicator, u.IncidentName, u.IncidentStatus, u.At);
        return next.HasTrouble ? next with { TroubleSince = before is { HasTrouble: true } ? before.TroubleSince ?? before.At : u.At } : next;
    }

    /// <summary>
    /// A subscription, new or changed. A channel subscribed again after it was disabled (and perhaps unsubscribed) leaves
    /// the admins' notice about that disabling behind (card and pending post), so that the next disabling is reported too.
    /// </summary>
    private static AnnouncementState Subscribe(AnnouncementState a, ChannelSubscribed s)
    {
        var key = ChannelKeys.Of(s.Channel);
        var next = a with { Channels = a.Channels.SetItem(key, new ChannelSubscription(s.Channel, s.Services, s.Locale)) };
        if (a.Channels.TryGetValue(key, out var before) && before.IsActive)
        {
            return next;
        }

        var notice = NoticeSubjects.Gone(key);
        return next with
        {
            Outbox = a.Outbox.RemoveRange(a.Outbox.Where(p => p.Value.Subject == notice).Select(p => p.Key)),
            Cards = a.Cards.RemoveRange(a.Cards.Where(p => p.Value.Subject == notice).Select(p => p.Key)),
        };
    }

    /// <summary>The channel stops receiving announcements; a second answer that it is gone changes nothing more.</summary>
    private static AnnouncementState Disable(AnnouncementState a, ChannelDisabled d)
    {
        if (!a.Channels.TryGetValue(d.ChannelKey, out var channel))
        {
            return a;
        }

        return a with
        {
            Channels = channel.IsActive ? a.Channels.SetItem(d.ChannelKey, channel with { DisabledReason = d.Reason, DisabledAt = d.At }) : a.Channels,
            Outbox = a.Outbox.RemoveRange(a.Outbox.Where(p => p.Value.ChannelKey == d.ChannelKey).Select(p => p.Key)),
        };
    }

    /// <summary>Takes the entry out of the outbox (if it is still the one settled) and records how far the card got.</summary>
    private static AnnouncementState Settle(AnnouncementState a, string announcementId, string subject, string channelKey, int version, string? messageId, string? threadId)
    {
        var key = OutboxKeys.Of(subject, channelKey);
        var settled = a.Outbox.TryGetValue(key, out var pending) && pending.AnnouncementId == announcementId;
        var outbox = settled ? a.Outbox.Remove(key) : a.Outbox;
        if (!settled && NoticeSubjects.IsNotice(subject))
        {
            // A notice dropped by a re-subscribe while it was being posted: no card, or the next disabling would go untold.
            return a;
        }

        var card = a.Cards.GetValueOrDefault(key);
        var updated = new PostedCard(
            subject,
            channelKey,
            messageId ?? card?.MessageId,
            threadId ?? card?.ThreadId,
            Math.Max(version, card?.Version ?? 0));
        return a with { Outbox = outbox, Cards = a.Cards.SetItem(key, updated) };
    }

    private static long NumberOf(string maintenanceId) =>
        long.TryParse(maintenanceId.AsSpan(maintenanceId.IndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
