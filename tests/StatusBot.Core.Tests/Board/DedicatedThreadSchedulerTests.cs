using StatusBot.Core.Board;

namespace StatusBot.Core.Tests.Board;

/// <summary>Work started on the scheduler runs, and resumes after its awaits, on its own threads, never the pool.</summary>
public sealed class DedicatedThreadSchedulerTests
{
    [Fact]
    public async Task Run_WorkAndItsContinuations_StayOnTheSchedulersThread()
    {
        using var scheduler = new DedicatedThreadScheduler("test lane", 1);
        var elsewhere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<(string? Name, bool Pool)>();

        var work = scheduler.Run(async () =>
        {
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            await elsewhere.Task;
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            await Task.Yield();
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
        });

        // Completed from a pool thread: the continuation still goes back to the scheduler's thread.
        await Task.Run(elsewhere.SetResult);
        await work;

        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.Equal(("test lane", false), s));
    }

    [Fact]
    public async Task Run_SeveralThreads_RunsWorkSideBySide()
    {
        using var scheduler = new DedicatedThreadScheduler("pair", 2);
        using var bothIn = new Barrier(2);

        // Each waits (blocking) for the other: this only completes if two threads run them at once.
        var first = scheduler.Run(() => Task.FromResult(bothIn.SignalAndWait(TimeSpan.FromSeconds(30))));
        var second = scheduler.Run(() => Task.FromResult(bothIn.SignalAndWait(TimeSpan.FromSeconds(30))));
        await Task.WhenAll(first, second);

        Assert.Equal(2, scheduler.MaximumConcurrencyLevel);
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Run_AfterDispose_ALateContinuationStillRuns()
    {
        var scheduler = new DedicatedThreadScheduler("short-lived", 1);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = scheduler.Run(async () => await late.Task);

        scheduler.Dispose();
        late.SetResult();

        await work.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(work.IsCompletedSuccessfully);
    }

    [Fact]
    public void Constructor_NoThreads_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DedicatedThreadScheduler("none", 0));
    }

    [Fact]
    public async Task Run_WorkThrows_TheErrorReachesTheCaller()
    {
        using var scheduler = new DedicatedThreadScheduler("failing", 1);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.Run(() => throw new InvalidOperationException("boom")));

        Assert.Equal("boom", ex.Message);
    }
}
