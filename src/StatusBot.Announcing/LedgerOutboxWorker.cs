using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>
/// An outbox worker whose outcomes are kept in the <see cref="IDeliveryLedger"/> (channel posts, direct messages to
/// followers, webhooks). Taking over releases the previous sender's claims; each pass reads the ledger once and hands the
/// book to the worker's own <see cref="RunAsync"/>. A ledger that cannot be read stops the pass like a board that cannot
/// write: nothing is sent until it can be read again.
/// </summary>
/// <param name="ledger">The ledger; null for one in memory (a single process without a journal).</param>
/// <param name="deliveries">What this worker delivers, for the log ("channel posts", "webhooks").</param>
/// <param name="logger">The worker's logger.</param>
public abstract partial class LedgerOutboxWorker(IDeliveryLedger? ledger, string deliveries, ILogger logger) : IOutboxWorker
{
    private int _passes;

    protected IDeliveryLedger Ledger { get; } = ledger ?? new LocalDeliveryLedger();

    /// <summary>This instance has just become the one that sends: whatever is pending may have been sent already.</summary>
    public async Task TakeOverAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _passes, 0);
        OnTakeOver();
        try
        {
            await Ledger.TakeOverAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The previous sender's claims then lapse with their lease instead: later, not lost.
            LogTakeOverFailed(logger, deliveries, ex);
        }
    }

    /// <summary>Runs one pass; returns when the next one is due at the latest.</summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        DeliveryBook book;
        try
        {
            book = await Ledger.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StoreUnavailableException)
        {
            throw new StoreUnavailableException("The delivery ledger could not be read: " + ex.Message, ex);
        }

        return await RunAsync(book, Interlocked.Exchange(ref _passes, 1) == 0, cancellationToken);
    }

    /// <summary>
    /// One pass over the outbox with the ledger as read at its start. <paramref name="firstPass"/> is true for the first
    /// pass since this instance started or took over: what is pending then may have been sent by a process that died
    /// before recording it.
    /// </summary>
    protected abstract Task<DateTimeOffset> RunAsync(DeliveryBook book, bool firstPass, CancellationToken cancellationToken);

    /// <summary>Forgets what this instance learnt while it last sent (backoffs), before it takes over.</summary>
    protected virtual void OnTakeOver()
    {
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the previous sender's claims on {Deliveries}; its unfinished deliveries wait for their lease to lapse")]
    private static partial void LogTakeOverFailed(ILogger logger, string deliveries, Exception exception);
}
