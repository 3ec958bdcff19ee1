using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Work that must not hold up Slack's 3-second acknowledgement (answering a mention, finishing a slow command through
/// <c>response_url</c>): queued here and run in the background, a few at a time, each failure logged on its own.
/// </summary>
public sealed partial class SlackBackgroundWork(ILogger<SlackBackgroundWork> logger) : BackgroundService
{
    private const int Parallelism = 8;

    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateUnbounded<Func<CancellationToken, Task>>();

    private int _pending;

    /// <summary>Work queued or running: zero once everything queued so far has finished.</summary>
    internal int Pending => Volatile.Read(ref _pending);

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        var running = new List<Task>();
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunAsync(work, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack background work failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
