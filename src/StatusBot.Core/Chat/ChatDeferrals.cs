using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StatusBot.Core.Chat;

/// <summary>
/// Work that finishes after the platform's request was answered: a late answer going out through its sink, a mention
/// answered in a thread, a button press. Tracks what is in flight, logs each failure on its own, and on shutdown cancels
/// and waits for it; <see cref="DrainAsync"/> waits for everything started so far (tests, shutdown).
/// </summary>
public sealed partial class ChatDeferrals : IHostedService, IDisposable
{
    /// <summary>How many queued jobs (<see cref="Run"/>) run at once.</summary>
    private const int Parallelism = 8;

    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(Parallelism);
    private readonly ILogger<ChatDeferrals> _logger;

    public ChatDeferrals(ILogger<ChatDeferrals> logger, IHostApplicationLifetime? lifetime = null)
    {
        _logger = logger;
        lifetime?.ApplicationStopping.Register(_stopping.Cancel);
    }

    /// <summary>Cancelled when the application stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Work started and not finished yet: zero once everything started so far is done.</summary>
    public int Pending => _running.Count;

    /// <summary>Follows work already running until it ends.</summary>
    public void Track(Task work)
    {
        // Listed before it is followed, and unlisted before anyone waiting on it resumes: a drain never sees finished work.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running.TryAdd(done.Task, 0);
        _ = FollowAsync(work, done);
    }

    /// <summary>Runs <paramref name="work"/> in the background, a few at a time.</summary>
    public void Run(Func<CancellationToken, Task> work) => Track(RunAsync(work));

    /// <summary>Waits until everything started so far, and whatever it started in turn, has finished.</summary>
    public async Task DrainAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await DrainAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> work)
    {
        await _slots.WaitAsync(Stopping);
        try
        {
            await work(Stopping);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task FollowAsync(Task work, TaskCompletionSource done)
    {
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(_logger, ex);
        }
        finally
        {
            _running.TryRemove(done.Task, out _);
            done.SetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat work finishing in the background failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
