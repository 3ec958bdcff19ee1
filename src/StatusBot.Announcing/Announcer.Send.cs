using StatusBot.Announcing.Publishing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>Sending one outbox entry: post the card the first time, else edit it and reply in its thread; record the outcome.</summary>
public sealed partial class Announcer
{
    /// <summary>
    /// Sends an entry once this instance holds its claim. Another instance's live claim leaves it alone; an entry already
    /// delivered elsewhere waits for its receipt to arrive; a claim that lapsed without a receipt makes the send uncertain,
    /// so it first looks for an earlier post.
    /// </summary>
    private async Task ClaimAndSendAsync(OutboxEntry entry, DeliveryBook book, CancellationToken cancellationToken)
    {
        DeliveryClaim claim;
        try
        {
            claim = await Ledger.ClaimAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, entry.AnnouncementId, entry.ChannelKey, ex);
            Delay(entry, null, "the delivery could not be claimed");
            return;
        }

        switch (claim.Status)
        {
            case DeliveryClaimStatus.Claimed:
                if (claim.AttemptedBefore)
                {
                    _uncertain[UncertainKey(entry)] = true;
                }

                await SendAsync(entry, book, cancellationToken);
                break;
            case DeliveryClaimStatus.HeldElsewhere:
                LogHeldElsewhere(logger, entry.AnnouncementId, entry.ChannelKey);
                Delay(entry, null, "claimed by another instance");
                break;
            default:
                // Settled since this pass read the ledger: nothing to send.
                break;
        }
    }

    private async Task SendAsync(OutboxEntry entry, DeliveryBook book, CancellationToken cancellationToken)
    {
        if (PublicSubjects.PostOf(entry.Subject) is { } draftId)
        {
            await SendPublicAsync(entry, draftId, book, cancellationToken);
            return;
        }

        var state = board.Current;
        var card = book.CardOf(state.Announcements, entry.Subject, entry.ChannelKey);
        var toAdmins = _admin is not null && entry.ChannelKey == _admin.Key && NoticeSubjects.IsNotice(entry.Subject);
        ChannelSubscription? channel;
        if (toAdmins)
        {
            channel = _admin!;
        }
        else if (!state.Announcements.Channels.TryGetValue(entry.ChannelKey, out channel) || !channel.IsActive)
        {
            await RecordAsync(entry, Receipt(entry, card, time.GetUtcNow(), null, null, "unsubscribed"), cancellationToken);
            return;
        }

        if (!_publishers.TryGetValue(channel.Channel.Platform, out var publisher))
        {
            LogNoPublisher(logger, channel.Channel.Platform, entry.ChannelKey);
            Delay(entry, null, "no publisher");
            return;
        }

        PublishResult result;
        string? messageId;
        try
        {
            (result, messageId) = await PublishAsync(publisher, channel, entry, card, state, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The port reports failures as values; an exception is a bug or an unexpected transport error: retry later.
            LogSendFailed(logger, entry.AnnouncementId, entry.ChannelKey, ex);
            Delay(entry, null, ex.Message);
            return;
        }

        var now = time.GetUtcNow();
        StatusBotMetrics.Announcement(channel.Channel.Platform, result.Outcome.ToString().ToLowerInvariant());
        switch (result.Outcome)
        {
            case PublishOutcome.Delivered:
                _backoff.TryRemove(entry.Key, out _);
                await RecordAsync(entry, Receipt(entry, card, now, messageId, result.ThreadId), cancellationToken);
                break;
            case PublishOutcome.ChannelGone when toAdmins:
                // Not a subscription to disable: the notice fails for good, and the log is the last resort.
                _backoff.TryRemove(entry.Key, out _);
                LogAdminChannelGone(logger, entry.ChannelKey, result.Error);
                await RecordAsync(entry, Receipt(entry, card, now, null, null, result.Error ?? "channel gone"), cancellationToken);
                break;
            case PublishOutcome.ChannelGone:
                _backoff.TryRemove(entry.Key, out _);
                LogChannelGone(logger, entry.ChannelKey, result.Error, _admin is null ? "" : $" (admins are told in {_admin.Key})");
                await DisableAsync(entry, new ChannelDisabled(Bot, now, entry.ChannelKey, result.Error ?? "channel gone"), cancellationToken);
                break;
            case PublishOutcome.Rejected:
                _backoff.TryRemove(entry.Key, out _);
                LogRejected(logger, entry.AnnouncementId, entry.ChannelKey, result.Error);
                await RecordAsync(entry, Receipt(entry, card, now, null, null, result.Error ?? "rejected"), cancellationToken);
                break;
            default:
                Delay(entry, result.RetryAfter, result.Error);
                break;
        }
    }

    /// <summary>Returns the publisher's answer and the card's message id when this call posted it.</summary>
    private async Task<(PublishResult Result, string? MessageId)> PublishAsync(
        IChatPublisher publisher, ChannelSubscription channel, OutboxEntry entry, PostedCard? card, BoardState state, CancellationToken cancellationToken)
    {
        var l = Localizer.For(Locales.Resolve(channel.Locale));
        var now = time.GetUtcNow();
        var postOptions = new PostOptions(IdempotencyKeys.For(entry.AnnouncementId, entry.ChannelKey), l.Culture, _uncertain.ContainsKey(UncertainKey(entry)));
        Reply cardReply;
        Reply change;
        if (PublicSubjects.NoticeOf(entry.Subject) is { } noticed)
        {
            return PublicNotices.Render(noticed, state, l, now) is { } draftNotice
                ? await PostCardAsync(publisher, channel, draftNotice, postOptions, cancellationToken)
                : (PublishResult.Rejected("the draft was decided before its notice was posted"), null);
        }

        if (NoticeSubjects.IsNotice(entry.Subject))
        {
            // A notice is posted once (its entry is pending until then) and never edited.
            return AdminNotices.Render(entry.Subject, state, l, now, renderer.Templates) is { } notice
                ? await PostCardAsync(publisher, channel, notice, postOptions, cancellationToken)
                : (PublishResult.Rejected("the channel is active again, or the notice was posted"), null);
        }

        if (state.FindIncident(entry.Subject) is { } incident)
        {
            cardReply = renderer.Card(incident, state, l, now);
            change = renderer.Changes(incident, card?.Version ?? 0, entry.Version, state, l, now);
        }
        else if (state.Announcements.Maintenances.TryGetValue(entry.Subject, out var maintenance))
        {
            cardReply = renderer.Maintenance(maintenance, maintenance.StageAt(now), state, l, now);
            change = renderer.Maintenance(maintenance, entry.Version, state, l, now);
        }
        else
        {
            return (PublishResult.Rejected("unknown subject " + entry.Subject), null);
        }

        if (card?.MessageId is not { } messageId)
        {
            return await PostCardAsync(publisher, channel, cardReply, postOptions, cancellationToken);
        }

        var edited = await publisher.EditAsync(channel.Channel, messageId, cardReply, cancellationToken);
        if (edited.Outcome is PublishOutcome.RetryLater or PublishOutcome.ChannelGone)
        {
            return (edited, null);
        }

        // A rejected edit (message deleted by someone) still lets the change reach people in the thread.
        var replied = await publisher.ReplyInThreadAsync(channel.Channel, messageId, card.ThreadId, change, postOptions, cancellationToken);
        return (replied with { ThreadId = replied.ThreadId ?? card.ThreadId }, null);
    }

    private static async Task<(PublishResult Result, string? MessageId)> PostCardAsync(
        IChatPublisher publisher, ChannelSubscription channel, Reply reply, PostOptions options, CancellationToken cancellationToken)
    {
        var posted = await publisher.PostAsync(channel.Channel, reply, options, cancellationToken);
        return (posted, posted.MessageId);
    }

    private static string UncertainKey(OutboxEntry entry) => entry.AnnouncementId + "\n" + entry.ChannelKey;

    /// <summary>The outcome with the card as it stands after it: a new post's message, else the card's, never a lower version.</summary>
    private static DeliveryReceipt Receipt(OutboxEntry entry, PostedCard? card, DateTimeOffset at, string? messageId, string? threadId, string? error = null) =>
        new(
            entry.AnnouncementId,
            entry.ChannelKey,
            entry.Subject,
            Math.Max(entry.Version, card?.Version ?? 0),
            at,
            messageId ?? card?.MessageId,
            threadId ?? card?.ThreadId,
            error);

    /// <summary>Records the outcome in the ledger; the entry is done only once that is durable.</summary>
    private async Task RecordAsync(OutboxEntry entry, DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        _uncertain.TryRemove(UncertainKey(entry), out _);
        try
        {
            await Ledger.RecordAsync(receipt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not recorded: the entry stays pending and is resent with the same idempotency key.
            _uncertain[UncertainKey(entry)] = true;
            LogSendFailed(logger, entry.AnnouncementId, entry.ChannelKey, ex);
            Delay(entry, null, ex.Message);
        }
    }

    /// <summary>The channel is gone: a change of the board (it stops receiving announcements, its outbox entries go).</summary>
    private async Task DisableAsync(OutboxEntry entry, ChannelDisabled disabled, CancellationToken cancellationToken)
    {
        _uncertain.TryRemove(UncertainKey(entry), out _);
        try
        {
            await board.ExecuteAsync(_ => Decision.Apply(disabled), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            _uncertain[UncertainKey(entry)] = true;
            LogSendFailed(logger, entry.AnnouncementId, entry.ChannelKey, ex);
            Delay(entry, null, ex.Message);
        }
    }

    /// <summary>
    /// Waits exactly what the platform asked (a rate limit says when it resets); without a Retry-After (5xx, timeout), doubles
    /// the wait with each failed attempt (1 s, 2 s, 4 s… capped at <see cref="AnnouncementOptions.MaxBackoffSeconds"/>).
    /// </summary>
    private void Delay(OutboxEntry entry, TimeSpan? retryAfter, string? error, bool uncertain = true)
    {
        if (uncertain)
        {
            _uncertain[UncertainKey(entry)] = true;
        }

        var attempts = (_backoff.TryGetValue(entry.Key, out var b) ? b.Attempts : 0) + 1;
        var exponential = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), Math.Max(1, options.MaxBackoffSeconds)));
        var wait = retryAfter is { } after && after > TimeSpan.Zero ? after : exponential;
        var notBefore = time.GetUtcNow() + wait;
        _backoff[entry.Key] = new Backoff(attempts, notBefore);
        LogRetry(logger, entry.AnnouncementId, entry.ChannelKey, error, attempts, notBefore);
    }
}
