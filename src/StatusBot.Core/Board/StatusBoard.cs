using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Telemetry;

namespace StatusBot.Core.Board;

/// <summary>
/// The single writer. Commands queue their decide functions; one task drains every waiting one, decides each against the
/// state left by the one before, appends all their events in one store call (one fsync), then publishes the new state
/// and answers them all. If the store fails, none of the batch is applied and each caller gets the error. Readers use
/// <see cref="Current"/>, one volatile read, and never wait for the writer.
/// </summary>
/// <remarks>
/// The writer runs on the thread pool, or on the scheduler the host supplies (<see cref="BoardWriterScheduler"/>).
/// </remarks>
public sealed partial class StatusBoard(
    IEventStore store,
    IEnumerable<IBoardObserver> observers,
    ILogger<StatusBoard> logger,
    BoardWriterScheduler? writerScheduler = null) : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int MaxConflictAttempts = 16;
    private const int CatchUpPage = 1000;

    // Read by the writer alone.
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IBoardObserver[] _observers = [.. observers];
    private readonly CancellationTokenSource _stopping = new();
    private BoardState? _state;
    private Task? _writer;
    private readonly ISharedEventStore? _shared = store as ISharedEventStore;
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
        _writer = Task.Factory.StartNew(
            () => RunWriterAsync(_stopping.Token),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            writerScheduler?.Scheduler ?? TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on the writer against the latest state; its events are durable and applied when the
    /// returned task completes. Throws <see cref="StoreUnavailableException"/> when they could not be stored.
    /// </summary>
    public Task<CommitResult> ExecuteAsync(Func<BoardState, Decision> decide, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // A caller that has already gone (an aborted request) changes nothing.
            return Task.FromCanceled<CommitResult>(cancellationToken);
        }

        var request = new Request(decide, new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
        {
            throw new StoreUnavailableException("The board is shutting down.");
        }

        return Await(request, cancellationToken);
    }

    /// <summary>
    /// The caller's view of a queued request: cancelling stops the wait, not the command (it may still be stored). The
    /// writer completes the request's own task, so the caller's continuation is queued straight to where it awaits (the
    /// admin API's threads, say) rather than through the pool first, as <c>WaitAsync</c> would.
    /// </summary>
    private static Task<CommitResult> Await(Request request, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return request.Completion.Task;
        }

        var registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((TaskCompletionSource<CommitResult>)state!).TrySetCanceled(token), request.Completion);
        return AwaitThenUnregister(request.Completion.Task, registration);
    }

    private static async Task<CommitResult> AwaitThenUnregister(Task<CommitResult> completion, CancellationTokenRegistration registration)
    {
        using (registration)
        {
            return await completion;
        }
    }

    /// <summary>
    /// With a shared store, applies the events other instances appended since this one last looked (on the writer, between
    /// batches). Completes once they are applied; with a single-process store there is nothing to read.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return Task.CompletedTask;
        }

        var request = new Request(null, new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(request)
            ? Await(request, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Stops taking commands, finishes the ones queued, and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            if (_writer is not null)
            {
                await _writer;
            }
        }
        finally
        {
            _stopping.Dispose();
        }
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
        var pending = new List<Request>(batch.Count);
        var catchUps = new List<Request>();
        foreach (var request in batch)
        {
            (request.Decide is null ? catchUps : pending).Add(request);
        }

        if (_shared is not null)
        {
            // Read what other instances appended before deciding anything of this batch, so it decides on the newest state
            // (an update to an incident opened elsewhere a moment ago must find it). If the store cannot be read, the batch
            // is decided on what this instance has; an append would fail the same way and refuse the writes.
            try
            {
                await CatchUpFromStoreAsync(cancellationToken);
                foreach (var request in catchUps)
                {
                    request.Completion.TrySetResult(new CommitResult(Decision.NoChange, Current));
                }
            }
            catch (Exception ex)
            {
                LogCatchUpFailed(logger, ex);
                foreach (var request in catchUps)
                {
                    request.Completion.TrySetException(new StoreUnavailableException("Could not read the shared store.", ex));
                }
            }
        }

        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var before = Current;
            var working = before;
            var events = new List<BoardEvent>();
            var decided = new List<(Request Request, Decision Decision)>(pending.Count);
            foreach (var request in pending)
            {
                Decision decision;
                try
                {
                    decision = request.Decide!(working);
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
                catch (SequenceConflictException ex) when (_shared is not null && attempt < MaxConflictAttempts)
                {
                    // Another instance appended first: nothing of ours was stored. Apply theirs, then decide again.
                    StatusBotMetrics.StoreConflict();
                    LogConflict(logger, ex.ExpectedSequence, attempt);
                    pending = [.. decided.Select(d => d.Request)];
                    try
                    {
                        await CatchUpFromStoreAsync(cancellationToken);
                    }
                    catch (Exception readFailure)
                    {
                        Refuse(decided, before, readFailure);
                        return;
                    }

                    continue;
                }
                catch (Exception ex)
                {
                    Refuse(decided, before, ex);
                    return;
                }

                Publish(events, working);
            }

            foreach (var (request, decision) in decided)
            {
                request.Completion.TrySetResult(new CommitResult(decision, working));
            }

            return;
        }
    }

    /// <summary>Nothing of the batch was stored: its writes fail with a clear error; its reads are answered.</summary>
    private void Refuse(List<(Request Request, Decision Decision)> decided, BoardState before, Exception ex)
    {
        _storeError = ex.Message;
        LogStoreFailed(logger, decided.Sum(d => d.Decision.Events.Count), ex);
        var failure = ex is SequenceConflictException
            ? new StoreUnavailableException("The board is too busy with changes from other instances; nothing was changed. Try again.", ex)
            : new StoreUnavailableException("The change could not be saved; nothing was changed.", ex);
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
    }

    /// <summary>Applies every event other instances appended after the current state, in pages, telling the observers.</summary>
    private async Task CatchUpFromStoreAsync(CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        while (true)
        {
            var current = Current;
            var events = await _shared.ReadAfterAsync(current.Sequence, CatchUpPage, cancellationToken);
            if (events.Count == 0)
            {
                return;
            }

            Publish(events, StateReducer.ApplyAll(current, events));
            if (events.Count < CatchUpPage)
            {
                return;
            }
        }
    }

    private void Publish(IReadOnlyList<BoardEvent> events, BoardState state)
    {
        Volatile.Write(ref _state, state);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnCommitted(events, state);
            }
            catch (Exception ex)
            {
                LogObserverFailed(logger, observer.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance appended first (sequence {Sequence}); caught up and deciding again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, long sequence, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read new events from the shared store; this instance serves what it has")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} events; the commands behind them were refused")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board observer {Observer} failed")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    /// <summary>A command (<paramref name="Decide"/> set) or a catch-up with the shared store (null).</summary>
    private sealed record Request(Func<BoardState, Decision>? Decide, TaskCompletionSource<CommitResult> Completion);
}
