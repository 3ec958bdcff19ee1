using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>
/// The single writer. Commands queue their decide functions; one task drains every waiting one, decides each against the
/// state left by the one before, appends all their events in one store call (one fsync), then publishes the new state
/// and answers them all. If the store fails, none of the batch is applied and each caller gets the error. Readers use
/// <see cref="Current"/>, one volatile read, and never wait for the writer.
/// </summary>
public sealed partial class StatusBoard(IEventStore store, IEnumerable<IBoardObserver> observers, ILogger<StatusBoard> logger) : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IBoardObserver[] _observers = [.. observers];
    private readonly CancellationTokenSource _stopping = new();
    private BoardState? _state;
    private Task? _writer;
    private volatile string? _storeError;

    /// <summary>The current state. Valid once <see cref="StartAsync"/> has completed.</summary>
    public BoardState Current => Volatile.Read(ref _state) ?? throw new InvalidOperationException("The board has not been started.");

    public bool IsStarted => Volatile.Read(ref _state) is not null;

    /// <summary>Null while the store accepts writes; the last failure otherwise (readiness reports it).</summary>
    public string? StoreError => _storeError;

    /// <summary>Recovers the state from the store, starting from <paramref name="initial"/>, and starts the writer.</summary>
    public async Task StartAsync(BoardState initial, Func<BoardState, BoardState>? afterRecovery, CancellationToken cancellationToken)
    {
        var recovered = await store.RecoverAsync(initial, cancellationToken);
        Volatile.Write(ref _state, afterRecovery is null ? recovered : afterRecovery(recovered));
        _writer = Task.Run(() => RunWriterAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on the writer against the latest state; its events are durable and applied when the
    /// returned task completes. Throws <see cref="StoreUnavailableException"/> when they could not be stored.
    /// </summary>
    public Task<CommitResult> ExecuteAsync(Func<BoardState, Decision> decide, CancellationToken cancellationToken)
    {
        var request = new Request(decide, new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
        {
            throw new StoreUnavailableException("The board is shutting down.");
        }

        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking commands, finishes the ones queued, and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        _stopping.Dispose();
    }

    private async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Request>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            await CommitBatchAsync(batch, cancellationToken);
        }
    }

    private async Task CommitBatchAsync(List<Request> batch, CancellationToken cancellationToken)
    {
        var before = Current;
        var working = before;
        var events = new List<BoardEvent>();
        var decided = new List<(Request Request, Decision Decision)>(batch.Count);
        foreach (var request in batch)
        {
            Decision decision;
            try
            {
                decision = request.Decide(working);
                working = StateReducer.ApplyAll(working, decision.Events);
            }
            catch (Exception ex)
            {
                // A bug in one handler must not take the writer down, nor the other commands of the batch.
                request.Completion.TrySetException(ex);
                continue;
            }

            events.AddRange(decision.Events);
            decided.Add((request, decision));
        }

        if (events.Count > 0)
        {
            try
            {
                await store.AppendAsync(events, before.Sequence + 1, cancellationToken);
                _storeError = null;
            }
            catch (Exception ex)
            {
                _storeError = ex.Message;
                LogStoreFailed(logger, events.Count, ex);
                var failure = new StoreUnavailableException("The change could not be saved; nothing was changed.", ex);
                foreach (var (request, decision) in decided)
                {
                    if (decision.Events.Count > 0)
                    {
                        request.Completion.TrySetException(failure);
                    }
                    else
                    {
                        request.Completion.TrySetResult(new CommitResult(decision, before));
                    }
                }

                return;
            }

            Volatile.Write(ref _state, working);
            foreach (var observer in _observers)
            {
                try
                {
                    observer.OnCommitted(events, working);
                }
                catch (Exception ex)
                {
                    LogObserverFailed(logger, observer.GetType().Name, ex);
                }
            }
        }

        foreach (var (request, decision) in decided)
        {
            request.Completion.TrySetResult(new CommitResult(decision, working));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} events; the commands behind them were refused")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board observer {Observer} failed")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    private sealed record Request(Func<BoardState, Decision> Decide, TaskCompletionSource<CommitResult> Completion);
}
