using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// Reports to admins: when a channel is disabled (the platform answered 403/404, <c>not_in_channel</c>, archived…), a notice
/// goes to the configured admin channel (<c>Announcements:AdminChannel</c>) through the outbox like any announcement, so it
/// survives a restart and is posted once per disabling. Subject <c>gone:&lt;channel key&gt;</c> (<see cref="NoticeSubjects"/>),
/// version 1; the admin channel needs no subscription and receives nothing else from this path.
/// </summary>
public static class AdminNotices
{
    /// <summary>The admin channel as a subscription the sender can post to, or null when none is configured.</summary>
    public static ChannelSubscription? AdminChannel(ChannelOptions? options) =>
        options is { Platform.Length: > 0, ChannelId.Length: > 0 }
            ? new ChannelSubscription(new ChannelRef(options.Platform.ToLowerInvariant(), options.ChannelId, options.WorkspaceId), [], options.Locale is "fr" ? "fr" : "en")
            : null;

    /// <summary>
    /// A notice for every disabled channel the admin channel has not been told about (nor has pending). A re-subscribe
    /// clears the notice of the earlier disabling (<see cref="AnnouncementReducer"/>), so each disabling is told once.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Queue(BoardState state, ChannelSubscription? admin, DateTimeOffset now)
    {
        if (admin is null)
        {
            return [];
        }

        var a = state.Announcements;
        return
        [
            .. a.Channels.Values
                .Where(c => !c.IsActive && c.Key != admin.Key)
                .Select(c => (Subject: NoticeSubjects.Gone(c.Key), Id: NoticeSubjects.GoneId(c)))
                .Where(n => a.CardOf(n.Subject, admin.Key) is null && a.PendingOf(n.Subject, admin.Key) is null)
                .Select(n => new AnnouncementQueued(Actor.System, now, n.Id, admin.Key, n.Subject, 1)),
        ];
    }

    /// <summary>The notice: which channel, what the platform said, and how to bring it back.</summary>
    public static Reply? Render(string subject, BoardState state, Localizer l, DateTimeOffset now)
    {
        var key = subject[NoticeSubjects.GonePrefix.Length..];
        if (!state.Announcements.Channels.TryGetValue(key, out var channel) || channel.IsActive)
        {
            return null;
        }

        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = l[nameof(Strings.Announce_ChannelGoneTitle)],
            Severity = Severity.Minor,
            Lines =
            [
                l.Format(nameof(Strings.Announce_ChannelGone), key, channel.DisabledReason),
                l[nameof(Strings.Announce_ChannelGoneFix)],
            ],
            Timestamp = now,
        };
    }
}
