using StatusBot.Core.Announcing;
using StatusBot.Core.Publishing;
using StatusBot.Core.Telemetry;

namespace StatusBot.Announcing;

/// <summary>
/// Sending an approved public draft: the first post of its thread, or a reply to the thread's latest post. The posts of
/// one thread go out in order: a draft waits until every approved draft before it is settled.
/// </summary>
public sealed partial class Announcer
{
    private async Task SendPublicAsync(OutboxEntry entry, string draftId, DeliveryBook book, CancellationToken cancellationToken)
    {
        var state = board.Current;
        if (!state.Publications.Drafts.TryGetValue(draftId, out var draft) || draft.Status != PublicDraftStatus.Approved)
        {
            await RecordAsync(entry, Receipt(entry, null, time.GetUtcNow(), null, null, "not approved"), cancellationToken);
            return;
        }

        if (_timelines.Client(draft.Publisher) is not { } timeline)
        {
            LogNoPublisher(logger, draft.Platform, entry.ChannelKey);
            Delay(entry, null, "no publisher", uncertain: false);
            return;
        }

        string? root = null;
        string? parent = null;
        foreach (var earlier in state.Publications.Thread(draft.Publisher, draft.IncidentId).Where(d => d.Number < draft.Number && d.Status == PublicDraftStatus.Approved))
        {
            if (!book.Last.TryGetValue(OutboxKeys.Of(PublicSubjects.Post(earlier.Id), entry.ChannelKey), out var receipt) || receipt.AnnouncementId != PublicSubjects.Post(earlier.Id) + "/1")
            {
                Delay(entry, TimeSpan.FromSeconds(1), $"{earlier.Id} goes first", uncertain: false);
                return;
            }

            if (receipt is { Delivered: true, MessageId: { } posted })
            {
                root ??= posted;
                parent = posted;
            }
        }

        var post = new PublicPost(
            PublicText.Compose(draft.Body, draft.Link),
            draft.Link,
            root is null ? null : new PublicThread(root, parent!),
            IdempotencyKeys.For(entry.AnnouncementId, entry.ChannelKey),
            _uncertain.ContainsKey(UncertainKey(entry)));
        PublishResult result;
        try
        {
            result = await timeline.PostAsync(post, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A timeout or a dropped connection: the post may have been made, so the next attempt looks for it first.
            LogSendFailed(logger, entry.AnnouncementId, entry.ChannelKey, ex);
            Delay(entry, null, ex.Message);
            return;
        }

        var now = time.GetUtcNow();
        StatusBotMetrics.Announcement(draft.Platform, result.Outcome.ToString().ToLowerInvariant());
        switch (result.Outcome)
        {
            case PublishOutcome.Delivered:
                _backoff.TryRemove(entry.Key, out _);
                await RecordAsync(entry, Receipt(entry, null, now, result.MessageId, null), cancellationToken);
                break;
            case PublishOutcome.RetryLater:
                Delay(entry, result.RetryAfter, result.Error);
                break;
            default:
                // Refused (bad credentials, too long, a parent deleted): retrying the same request cannot succeed.
                _backoff.TryRemove(entry.Key, out _);
                LogRejected(logger, entry.AnnouncementId, entry.ChannelKey, result.Error);
                await RecordAsync(entry, Receipt(entry, null, now, null, null, result.Error ?? "rejected"), cancellationToken);
                break;
        }
    }
}
