using StatusBot.Host.Tuning;

namespace StatusBot.Host.Tests.Tuning;

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

    [Fact]
    public async Task Urgent_ThreadsRunRaisedWhenTheOsGrantsIt_AndThreadsTheyCreateDoNot()
    {
        var creator = (UrgentThread.CurrentPolicy(), UrgentThread.CurrentNice());
        using var urgent = new DedicatedThreadScheduler("test urgent", 2, urgent: true);
        using var plain = new DedicatedThreadScheduler("test plain", 1);
        ((int Policy, int Nice) Own, (int Policy, int Nice) Child) seen = default;
        (int Policy, int Nice) plainSeen = default;

        await urgent.Run(() =>
        {
            (int, int) child = default;
            var thread = new Thread(() => child = (UrgentThread.CurrentPolicy(), UrgentThread.CurrentNice()));
            thread.Start();
            thread.Join();
            seen = ((UrgentThread.CurrentPolicy(), UrgentThread.CurrentNice()), child);
            return Task.CompletedTask;
        });
        await plain.Run(() =>
        {
            plainSeen = (UrgentThread.CurrentPolicy(), UrgentThread.CurrentNice());
            return Task.CompletedTask;
        });

        Assert.False(plain.RunsUrgent);
        Assert.Equal(creator, plainSeen);
        if (urgent.RunsUrgent && OperatingSystem.IsLinux())
        {
            // Real time where granted, else nice -10; either way, threads they create start ordinary.
            Assert.True(
                seen.Own == (UrgentThread.SchedFifo, creator.Item2) || seen.Own == (0, UrgentThread.Nice),
                $"urgent thread runs with policy {seen.Own.Policy}, nice {seen.Own.Nice}");
            Assert.Equal((0, 0), seen.Child);
        }
        else
        {
            // Refused (no CAP_SYS_NICE nor RLIMIT_NICE): the threads keep working at their creator's priority.
            Assert.True(OperatingSystem.IsLinux());
            Assert.Equal((creator, creator), seen);
        }
    }
}
