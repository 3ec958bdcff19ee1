using System.Collections.Concurrent;
using StatusBot.Announcing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Webhooks;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Webhooks;

/// <summary>
/// Sends webhooks through an outbox, like channel posts. One pass (<see cref="RunAsync"/>): bring the configured
/// endpoints in line and put every change in the board's webhook outbox (one journaled message per change, durable before
/// anything is sent), then send each message to each endpoint that wants it and has not settled it, concurrently, and record
/// each endpoint's outcome in the <see cref="IDeliveryLedger"/> (recipient <c>webhook:&lt;id&gt;</c>). After a restart the
/// outbox is in the recovered board and the outcomes in the ledger, so exactly the unsettled deliveries are sent again, with
/// the same <c>webhook-id</c>: a receiver that saw the attempt before the crash recognises it. Failures wait with exponential
/// backoff and jitter (or the receiver's Retry-After); an endpoint still failing a day after a message was queued is disabled
/// (journaled) and the admin channel told.
/// </summary>
public sealed partial class WebhookDispatcher(
    StatusBoard board,
    WebhookSender sender,
    WebhookDeliveryLog log,
    StatusBotOptions options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger,
    IDeliveryLedger? ledger = null) : LedgerOutboxWorker(ledger, "webhooks", logger)
{
    private readonly WebhooksOptions _options = options.Webhooks;
    private readonly ConcurrentDictionary<string, Backoff> _backoff = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override async Task<DateTimeOffset> RunAsync(DeliveryBook book, bool firstPass, CancellationToken cancellationToken)
    {
        var committed = await board.ExecuteAsync(s => Decision.Apply(Plan(s, time.GetUtcNow())), cancellationToken);
        var now = time.GetUtcNow();
        var due = Unsettled(committed.State, book)
            .Where(d => !_backoff.TryGetValue(BackoffKey(d.Message, d.Endpoint), out var b) || b.NotBefore <= now)
            .OrderBy(d => d.Message.At)
            .ThenBy(d => d.Endpoint.Id, StringComparer.Ordinal)
            .ToList();
        var failing = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelSends), CancellationToken = cancellationToken },
            async (d, ct) => await ClaimAndSendAsync(d.Message, d.Endpoint, failing, ct));

        if (!failing.IsEmpty)
        {
            await DisableAsync(failing, cancellationToken);
        }

        var next = now + TimeSpan.FromSeconds(30);
        return _backoff.Values.Select(b => b.NotBefore).Append(next).Min();
    }

    /// <summary>Every (message, endpoint) owed and not settled in the ledger.</summary>
    public static IEnumerable<(WebhookMessage Message, WebhookEndpoint Endpoint)> Unsettled(BoardState state, DeliveryBook book) =>
        state.Webhooks.Owed().Where(d => !book.IsSettled(d.Message.Id, d.Endpoint.Key, d.Message.Id));

    /// <summary>
    /// The delivery log of endpoint <paramref name="endpointId"/>, newest first, at most
    /// <see cref="WebhooksOptions.DeliveryLogSize"/> lines: the attempts this process made, then how every other delivery
    /// ended as the ledger recorded it (which survives a restart), and the deliveries still owed.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryEntry>> DeliveriesAsync(string endpointId, CancellationToken cancellationToken)
    {
        var book = await Ledger.ReadAsync(cancellationToken);
        var attempts = log.Of(endpointId);
        var shown = attempts.Select(a => a.EventId).ToHashSet(StringComparer.Ordinal);
        var key = WebhookKeys.Recipient(endpointId);
        var recorded = book.Last.Values
            .Where(r => r.ChannelKey == key && !shown.Contains(r.AnnouncementId))
            .Select(r => new WebhookDeliveryEntry(r.AnnouncementId, null, null, r.At, r.Delivered ? "delivered" : "rejected", r.Error));
        var pending = Unsettled(board.Current, book)
            .Where(d => d.Endpoint.Id == endpointId && !shown.Contains(d.Message.Id))
            .Select(d => new WebhookDeliveryEntry(d.Message.Id, null, null, d.Message.At, "pending", null));
        return [.. attempts.Concat(recorded).Concat(pending).OrderByDescending(e => e.At).Take(Math.Max(1, _options.DeliveryLogSize))];
    }

    /// <inheritdoc/>
    protected override void OnTakeOver() => _backoff.Clear();

    /// <summary>The deliveries not settled yet.</summary>
    public async Task<IReadOnlyList<(WebhookMessage Message, WebhookEndpoint Endpoint)>> PendingAsync(CancellationToken cancellationToken) =>
        [.. Unsettled(board.Current, await Ledger.ReadAsync(cancellationToken))];

    private List<BoardEvent> Plan(BoardState state, DateTimeOffset now)
    {
        var endpoints = WebhookPlanner.ConfiguredEndpoints(state, _options.Endpoints, now);
        state = StateReducer.ApplyAll(state, endpoints);
        return [.. endpoints, .. WebhookPlanner.Queue(state, options.Web, now)];
    }

    private async Task ClaimAndSendAsync(WebhookMessage message, WebhookEndpoint endpoint, ConcurrentDictionary<string, string> failing, CancellationToken cancellationToken)
    {
        var entry = new OutboxEntry(message.Id, endpoint.Key, message.Id, 1, message.At);
        try
        {
            var claim = await Ledger.ClaimAsync(entry, cancellationToken);
            if (claim.Status == DeliveryClaimStatus.HeldElsewhere)
            {
                Delay(message, endpoint, TimeSpan.FromSeconds(5));
                return;
            }

            if (claim.Status == DeliveryClaimStatus.Delivered)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, message.Id, endpoint.Id, ex.Message);
            Delay(message, endpoint, null);
            return;
        }

        var attempt = (_backoff.TryGetValue(BackoffKey(message, endpoint), out var b) ? b.Attempts : 0) + 1;
        var result = await sender.SendAsync(endpoint, message, cancellationToken);
        var now = time.GetUtcNow();
        log.Add(endpoint.Id, new WebhookDeliveryEntry(message.Id, result.StatusCode, attempt, now, result.Outcome.ToString().ToLowerInvariant(), result.Error));
        switch (result.Outcome)
        {
            case WebhookOutcome.Delivered:
                await RecordAsync(message, endpoint, now, null, cancellationToken);
                break;
            case WebhookOutcome.Rejected:
                LogRejected(logger, message.Id, endpoint.Id, endpoint.DisplayUrl, result.Error);
                await RecordAsync(message, endpoint, now, result.Error ?? "rejected", cancellationToken);
                break;
            default:
                if (now - message.At >= TimeSpan.FromHours(Math.Max(1, _options.DisableAfterHours)))
                {
                    failing[endpoint.Id] = result.Error ?? "failed";
                    break;
                }

                var wait = Delay(message, endpoint, result.RetryAfter);
                LogRetry(logger, message.Id, endpoint.Id, result.Error, attempt, now + wait);
                break;
        }
    }

    private async Task RecordAsync(WebhookMessage message, WebhookEndpoint endpoint, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        try
        {
            await Ledger.RecordAsync(new DeliveryReceipt(message.Id, endpoint.Key, message.Id, 1, at, null, null, error), cancellationToken);
            _backoff.TryRemove(BackoffKey(message, endpoint), out _);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not recorded: the delivery stays pending and is sent again with the same webhook-id.
            LogSendFailed(logger, message.Id, endpoint.Id, ex.Message);
            Delay(message, endpoint, null);
        }
    }

    /// <summary>Endpoints that failed a message for a day: disabled on the board, which queues the admins' notice.</summary>
    private async Task DisableAsync(ConcurrentDictionary<string, string> failing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await board.ExecuteAsync(
                s => Decision.Apply([.. failing.Where(f => s.Webhooks.Endpoints.TryGetValue(f.Key, out var e) && e.IsActive)
                    .Select(f => new WebhookEndpointDisabled(Actor.System, now, f.Key, f.Value))]),
                cancellationToken);
            foreach (var (id, error) in failing)
            {
                LogDisabled(logger, id, error, _options.DisableAfterHours);
            }
        }
        catch (StoreUnavailableException ex)
        {
            LogSendFailed(logger, "-", string.Join(", ", failing.Keys), ex.Message);
        }
    }

    /// <summary>
    /// Waits what the receiver asked (Retry-After, at most a day), else 1 s, 2 s, 4 s… capped at
    /// <see cref="WebhooksOptions.MaxBackoffSeconds"/>, each with jitter (half of it random), so endpoints that failed
    /// together do not retry together.
    /// </summary>
    private TimeSpan Delay(WebhookMessage message, WebhookEndpoint endpoint, TimeSpan? retryAfter)
    {
        var key = BackoffKey(message, endpoint);
        var attempts = (_backoff.TryGetValue(key, out var b) ? b.Attempts : 0) + 1;
        var cap = Math.Max(1, _options.MaxBackoffSeconds);
        var exponential = Math.Min(Math.Pow(2, attempts - 1), cap);
        var jittered = TimeSpan.FromSeconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
        var wait = retryAfter is { } after && after > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(after.Ticks, TimeSpan.FromDays(1).Ticks)) : jittered;
        _backoff[key] = new Backoff(attempts, time.GetUtcNow() + wait);
        return wait;
    }

    private static string BackoffKey(WebhookMessage message, WebhookEndpoint endpoint) => message.Id + "\n" + endpoint.Id;

    private sealed record Backoff(int Attempts, DateTimeOffset NotBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Message} to endpoint {Endpoint} could not be sent or recorded ({Error}); it will be retried")]
    private static partial void LogSendFailed(ILogger logger, string message, string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Message} to endpoint {Endpoint} ({Url}) was refused ({Error}); it will not be retried")]
    private static partial void LogRejected(ILogger logger, string message, string endpoint, string url, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Message} to endpoint {Endpoint} must wait ({Error}); attempt {Attempt}, next at {NotBefore:O}")]
    private static partial void LogRetry(ILogger logger, string message, string endpoint, string? error, int attempt, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {Endpoint} failed for {Hours} hours ({Error}): it is disabled and the admins are told")]
    private static partial void LogDisabled(ILogger logger, string endpoint, string error, int hours);
}
