using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace StatusBot.Discord.Interactions;

/// <summary>Deferred replies still being finished; stopping the app waits for them (briefly) instead of dropping them.</summary>
internal sealed class DeferredWork(IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public int Count => _running.Count;

    public void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for everything deferred so far (tests, shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Keys);

    public void Dispose() => _running.Clear();
}
