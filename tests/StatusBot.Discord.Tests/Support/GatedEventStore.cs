using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Discord.Tests.Support;

/// <summary>A store whose writes wait for the test to open the gate: a slow disk, on demand.</summary>
internal sealed class GatedEventStore : IEventStore
{
    private TaskCompletionSource _gate = CompletedGate();

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken) => ValueTask.FromResult(initial);

    public async ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken) =>
        await _gate.Task.WaitAsync(cancellationToken);

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
