using System.Collections.Concurrent;
using StatusBot.Core.Timing;

namespace StatusBot.Slack.WebApi;

/// <summary>
/// Slack's posting pace: at most one message per second per channel (the next one starts a full second after the
/// previous one finished, retries included) and a workspace-wide budget of messages per second. Turns are timestamps of
/// the monotonic clock: a wall-clock step back (NTP, a resumed VM) must not hold the posts for as long as it stepped.
/// </summary>
public sealed class SlackPacer(TimeProvider time, double workspacePerSecond)
{
    public static readonly TimeSpan ChannelInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Lane _workspace = new();
    private readonly TimeSpan _workspaceInterval = TimeSpan.FromSeconds(1 / workspacePerSecond);

    /// <summary>Runs <paramref name="send"/> when the channel's and the workspace's turns come.</summary>
    public async Task<T> RunAsync<T>(string channel, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var lane = _lanes.GetOrAdd(channel, _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            await DelayUntilAsync(lane.NextAt, cancellationToken);
            await TakeWorkspaceTurnAsync(cancellationToken);
            return await send(cancellationToken);
        }
        finally
        {
            lane.NextAt = time.TimestampAfter(ChannelInterval);
            lane.Gate.Release();
        }
    }

    private async Task TakeWorkspaceTurnAsync(CancellationToken cancellationToken)
    {
        await _workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            await DelayUntilAsync(_workspace.NextAt, cancellationToken);
            _workspace.NextAt = time.TimestampAfter(_workspaceInterval);
        }
        finally
        {
            _workspace.Gate.Release();
        }
    }

    private async Task DelayUntilAsync(long at, CancellationToken cancellationToken)
    {
        if (time.Until(at) is var wait && wait > TimeSpan.Zero)
        {
            await time.DelayAsync(wait, cancellationToken);
        }
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>A monotonic timestamp; 0 (long before any) until the first turn.</summary>
        public long NextAt { get; set; }
    }
}
