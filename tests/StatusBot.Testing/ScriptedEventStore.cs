using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Testing;

/// <summary>
/// An in-memory store a test can script: make appends fail (a full or read-only disk), or hold an append open so that
/// commands queue up behind it and the writer's group commit can be observed.
/// </summary>
public sealed class ScriptedEventStore : IEventStore
{
    private readonly List<BoardEvent> _events = [];
    private readonly List<(long First, int Count)> _appends = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While true, every append throws <see cref="IOException"/> and stores nothing.</summary>
    public bool Failing { get; set; }

    public IReadOnlyList<BoardEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Each successful append: the first sequence number it was given and how many events it held.</summary>
    public IReadOnlyList<(long First, int Count)> Appends
    {
        get
        {
            lock (_gate)
            {
                return [.. _appends];
            }
        }
    }

    /// <summary>Makes the next append wait until <see cref="Release"/>; returns a task that completes when it has started waiting.</summary>
    public Task HoldNextAppend()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _entered.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StateReducer.ApplyAll(initial, Events));

    public async ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        Task? hold;
        lock (_gate)
        {
            hold = _hold?.Task;
            _entered.TrySetResult();
        }

        if (hold is not null)
        {
            await hold.WaitAsync(cancellationToken);
        }

        if (Failing)
        {
            throw new IOException("No space left on device");
        }

        lock (_gate)
        {
            if (firstSequence != _events.Count + 1)
            {
                throw new InvalidOperationException($"Expected sequence {_events.Count + 1}, got {firstSequence}.");
            }

            _events.AddRange(events);
            _appends.Add((firstSequence, events.Count));
        }
    }
}
