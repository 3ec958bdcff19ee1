using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Following;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>Sending one direct message: claim it, open the person's channel once, post, record the outcome.</summary>
public sealed partial class FollowerNotifier
{
    private async Task ClaimAndSendAsync(FanOut fanOut, FanOutRecipient recipient, bool stillFollows, CancellationToken cancellationToken)
    {
        var entry = new OutboxEntry(fanOut.Id, recipient.Key, fanOut.Subject, fanOut.Version, fanOut.QueuedAt);
        DeliveryClaim claim;
        try
        {
            claim = await Ledger.ClaimAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, fanOut.Id, recipient.Key, ex);
            Delay(fanOut, recipient, null, "the delivery could not be claimed");
            return;
        }

        if (claim.Status == DeliveryClaimStatus.HeldElsewhere)
        {
            Delay(fanOut, recipient, null, "claimed by another instance");
            return;
        }

        if (claim.Status != DeliveryClaimStatus.Claimed)
        {
            return;
        }

        if (claim.AttemptedBefore)
        {
            _uncertain[Key(fanOut, recipient)] = true;
        }

        if (!stillFollows)
        {
            // Unfollowed after the change was queued: nothing more is owed.
            await RecordAsync(fanOut, recipient, null, null, "unfollowed", cancellationToken);
            return;
        }

        try
        {
            await SendAsync(fanOut, recipient, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ports report failures as values; an exception is a bug or an unexpected transport error: retry later.
            LogSendFailed(logger, fanOut.Id, recipient.Key, ex);
            Delay(fanOut, recipient, null, ex.Message);
        }
    }

    private async Task SendAsync(FanOut fanOut, FanOutRecipient recipient, CancellationToken cancellationToken)
    {
        var platform = recipient.Recipient.Platform;
        if (!_messengers.TryGetValue(platform, out var messenger) || !_publishers.TryGetValue(platform, out var publisher))
        {
            LogNoPlatform(logger, platform, recipient.Key);
            Delay(fanOut, recipient, null, "no direct messages on " + platform);
            return;
        }

        var l = Localizer.For(Locales.Resolve(recipient.Locale));
        var now = time.GetUtcNow();
        if (messages.Render(fanOut, board.Current, l, now) is not { } reply)
        {
            await RecordAsync(fanOut, recipient, null, null, "unknown incident", cancellationToken);
            return;
        }

        var options = new PostOptions(IdempotencyKeys.For(fanOut.Id, recipient.Key), l.Culture, _uncertain.ContainsKey(Key(fanOut, recipient)));
        var kept = _channels.TryGetValue(recipient.Key, out var channelId);
        PublishResult result;
        while (true)
        {
            if (channelId is null)
            {
                var opened = await messenger.OpenAsync(recipient.Recipient, cancellationToken);
                if (opened.Outcome != PublishOutcome.Delivered)
                {
                    result = opened;
                    break;
                }

                channelId = opened.MessageId!;
                _channels[recipient.Key] = channelId;
            }

            var channel = new ChannelRef(platform, channelId, recipient.Recipient.WorkspaceId);
            result = await publisher.PostAsync(channel, reply, options, cancellationToken);
            if (result.Outcome == PublishOutcome.ChannelGone && kept)
            {
                // The kept channel may be the one that is gone, not the person: open it again once before giving up on them.
                _channels.TryRemove(recipient.Key, out _);
                channelId = null;
                kept = false;
                continue;
            }

            break;
        }

        StatusBotMetrics.DirectMessage(platform, result.Outcome == PublishOutcome.ChannelGone ? "refused" : result.Outcome.ToString().ToLowerInvariant());
        switch (result.Outcome)
        {
            case PublishOutcome.Delivered:
                _backoff.TryRemove(Key(fanOut, recipient), out _);
                await RecordAsync(fanOut, recipient, result.MessageId, channelId, null, cancellationToken);
                break;
            case PublishOutcome.ChannelGone:
                _backoff.TryRemove(Key(fanOut, recipient), out _);
                await RefuseAsync(fanOut, recipient, result.Error, cancellationToken);
                break;
            case PublishOutcome.Rejected:
                _backoff.TryRemove(Key(fanOut, recipient), out _);
                LogRejected(logger, fanOut.Id, recipient.Key, result.Error);
                await RecordAsync(fanOut, recipient, null, channelId, result.Error ?? "rejected", cancellationToken);
                break;
            default:
                Delay(fanOut, recipient, result.RetryAfter, result.Error);
                break;
        }
    }

    /// <summary>The platform will not let the bot write to this person: they are unfollowed (a board change), then settled.</summary>
    private async Task RefuseAsync(FanOut fanOut, FanOutRecipient recipient, string? error, CancellationToken cancellationToken)
    {
        try
        {
            await board.ExecuteAsync(
                s => s.Following.Of(recipient.Key).Any()
                    ? Decision.Apply(new ServiceUnfollowed(Core.Domain.Actor.System, time.GetUtcNow(), recipient.Key, null, error ?? "refused"))
                    : Decision.NoChange,
                cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            LogSendFailed(logger, fanOut.Id, recipient.Key, ex);
            Delay(fanOut, recipient, null, ex.Message);
            return;
        }

        StatusBotMetrics.FollowerRefused(recipient.Recipient.Platform);
        LogRefused(logger, recipient.Key, error);
        await RecordAsync(fanOut, recipient, null, null, error ?? "refused", cancellationToken);
    }

    /// <summary>Records the outcome in the ledger; the recipient is settled only once that is durable.</summary>
    private async Task RecordAsync(FanOut fanOut, FanOutRecipient recipient, string? messageId, string? channelId, string? error, CancellationToken cancellationToken)
    {
        var key = Key(fanOut, recipient);
        _uncertain.TryRemove(key, out _);
        try
        {
            await Ledger.RecordAsync(
                new DeliveryReceipt(fanOut.Id, recipient.Key, fanOut.Subject, fanOut.Version, time.GetUtcNow(), messageId, channelId, error),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _uncertain[key] = true;
            LogSendFailed(logger, fanOut.Id, recipient.Key, ex);
            Delay(fanOut, recipient, null, ex.Message);
        }
    }

    /// <summary>Waits what the platform asked, else doubles the wait with each failed attempt, up to the configured cap.</summary>
    private void Delay(FanOut fanOut, FanOutRecipient recipient, TimeSpan? retryAfter, string? error)
    {
        var key = Key(fanOut, recipient);
        _uncertain[key] = true;
        var attempts = (_backoff.TryGetValue(key, out var b) ? b.Attempts : 0) + 1;
        var exponential = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), Math.Max(1, options.MaxBackoffSeconds)));
        var wait = retryAfter is { } after && after > TimeSpan.Zero ? after : exponential;
        var notBefore = time.GetUtcNow() + wait;
        _backoff[key] = new Backoff(attempts, notBefore);
        LogRetry(logger, fanOut.Id, recipient.Key, error, attempts, notBefore);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follower {Recipient} unfollowed: the platform refuses direct messages to them ({Error})")]
    private static partial void LogRefused(ILogger logger, string recipient, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct message {FanOut} to {Recipient} was rejected ({Error}); it will not be retried")]
    private static partial void LogRejected(ILogger logger, string fanOut, string recipient, string? error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct message {FanOut} to {Recipient} must wait ({Error}); attempt {Attempt}, next at {NotBefore:O}")]
    private static partial void LogRetry(ILogger logger, string fanOut, string recipient, string? error, int attempt, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No direct messages on platform {Platform}: the message to {Recipient} stays pending")]
    private static partial void LogNoPlatform(ILogger logger, string platform, string recipient);

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct message {FanOut} to {Recipient} failed")]
    private static partial void LogSendFailed(ILogger logger, string fanOut, string recipient, Exception exception);
}
