using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Tests.State;

/// <summary>The admins' notice about a disabled channel: one per disabling, cleared by a re-subscribe.</summary>
public sealed partial class StateReducerTests
{
    private static readonly ChannelRef Gone2 = new("discord", "C2", "G1");
    private static readonly ChannelRef Ops = new("slack", "OPS", "T1");

    private static BoardState Subscribed() => StateReducer.Apply(Started(), new ChannelSubscribed(Ada, T0.AddMinutes(1), Gone2, [], "en"));

    private static BoardState WithNoticeQueued(BoardState state, DateTimeOffset at)
    {
        var channel = state.Announcements.Channels[ChannelKeys.Of(Gone2)];
        var subject = NoticeSubjects.Gone(channel.Key);
        return StateReducer.Apply(state, new AnnouncementQueued(Actor.System, at, NoticeSubjects.GoneId(channel), ChannelKeys.Of(Ops), subject, 1));
    }

    /// <summary>C2 disabled two minutes in, and the admins told a minute later: the state and the notice's id.</summary>
    private static (BoardState State, string NoticeId) Told()
    {
        var disabled = StateReducer.Apply(Subscribed(), new ChannelDisabled(Actor.System, T0.AddMinutes(2), ChannelKeys.Of(Gone2), "404"));
        var queued = WithNoticeQueued(disabled, T0.AddMinutes(2));
        var id = queued.Announcements.Outbox.Values.Single().AnnouncementId;
        var told = StateReducer.Apply(queued, new AnnouncementDelivered(
            Actor.System, T0.AddMinutes(3), id, ChannelKeys.Of(Ops), NoticeSubjects.Gone(ChannelKeys.Of(Gone2)), 1, "M1", null));
        return (told, id);
    }

    [Fact]
    public void Apply_ChannelDisabled_KeepsTheTimeOfTheFirstDisabling()
    {
        var first = T0.AddMinutes(2);

        var state = StateReducer.ApplyAll(Subscribed(), [
            new ChannelDisabled(Actor.System, first, ChannelKeys.Of(Gone2), "404 Unknown Channel"),
            new ChannelDisabled(Actor.System, first.AddMinutes(1), ChannelKeys.Of(Gone2), "403 Missing Access"),
        ]);

        var channel = state.Announcements.Channels[ChannelKeys.Of(Gone2)];
        Assert.Equal((first, "404 Unknown Channel"), (channel.DisabledAt, channel.DisabledReason));
        Assert.Equal($"gone:discord:G1:C2@{first.ToUnixTimeMilliseconds()}/1", NoticeSubjects.GoneId(channel));
    }

    [Fact]
    public void Apply_ResubscribeOfADisabledChannel_ClearsItsNotice_SoTheNextDisablingGetsANewOne()
    {
        var (told, firstId) = Told();

        var back = StateReducer.Apply(told, new ChannelSubscribed(Ada, T0.AddMinutes(4), Gone2, [], "en"));
        var again = StateReducer.Apply(back, new ChannelDisabled(Actor.System, T0.AddMinutes(9), ChannelKeys.Of(Gone2), "403"));

        Assert.Single(told.Announcements.Cards);
        Assert.Empty(back.Announcements.Cards);
        Assert.True(back.Announcements.Channels[ChannelKeys.Of(Gone2)].IsActive);
        Assert.NotEqual(firstId, NoticeSubjects.GoneId(again.Announcements.Channels[ChannelKeys.Of(Gone2)]));
    }

    [Fact]
    public void Apply_DisabledChannelUnsubscribedThenSubscribedAgain_ClearsItsNotice()
    {
        var (told, _) = Told();

        var gone = StateReducer.Apply(told, new ChannelUnsubscribed(Ada, T0.AddMinutes(4), ChannelKeys.Of(Gone2)));
        var back = StateReducer.Apply(gone, new ChannelSubscribed(Ada, T0.AddMinutes(5), Gone2, [], "en"));

        Assert.Single(gone.Announcements.Cards);
        Assert.Empty(back.Announcements.Cards);
    }

    [Fact]
    public void Apply_SubscribeOfAnActiveChannel_KeepsOtherChannelsNotices()
    {
        var disabled = StateReducer.Apply(Subscribed(), new ChannelDisabled(Actor.System, T0.AddMinutes(2), ChannelKeys.Of(Gone2), "404"));
        var queued = WithNoticeQueued(disabled, T0.AddMinutes(2));

        var other = StateReducer.Apply(queued, new ChannelSubscribed(Ada, T0.AddMinutes(3), new ChannelRef("discord", "C3", "G1"), [], "en"));

        Assert.Single(other.Announcements.Outbox);
    }

    [Fact]
    public void Apply_NoticeReceiptAfterAResubscribeDroppedIt_RecordsNoCard()
    {
        var disabled = StateReducer.Apply(Subscribed(), new ChannelDisabled(Actor.System, T0.AddMinutes(2), ChannelKeys.Of(Gone2), "404"));
        var queued = WithNoticeQueued(disabled, T0.AddMinutes(2));
        var pending = queued.Announcements.Outbox.Values.Single();

        var back = StateReducer.Apply(queued, new ChannelSubscribed(Ada, T0.AddMinutes(3), Gone2, [], "en"));
        var late = StateReducer.Apply(back, new AnnouncementDelivered(
            Actor.System, T0.AddMinutes(3), pending.AnnouncementId, ChannelKeys.Of(Ops), pending.Subject, 1, "M1", null));

        Assert.Empty(back.Announcements.Outbox);
        Assert.Empty(late.Announcements.Cards);
    }

    [Fact]
    public void GoneId_OfAChannelDisabledBeforeTheTimeWasKept_IsTheEarlierId()
    {
        var channel = new ChannelSubscription(Gone2, [], "en", "404");

        Assert.Equal("gone:discord:G1:C2/1", NoticeSubjects.GoneId(channel));
    }
}
