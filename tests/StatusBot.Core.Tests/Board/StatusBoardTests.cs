using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Board;

/// <summary>The single writer: group commit, contiguous sequence numbers, and failures that change nothing.</summary>
public sealed class StatusBoardTests
{
    private static readonly Actor Ada = new("test", "U1", "Ada");

    private static Func<BoardState, Decision> SetStatus(string service, ServiceStatus status, string? note = null) =>
        s => Decision.Apply(new ServiceStatusChanged(Ada, TestBot.Start, service, status, note, null));

    [Fact]
    public async Task ExecuteAsync_ManyConcurrentCallers_AllCompleteWithContiguousSequences()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var before = bot.State.Sequence;
        const int callers = 200;

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(() =>
            bot.Board.ExecuteAsync(SetStatus("streaming", i % 2 == 0 ? ServiceStatus.MajorOutage : ServiceStatus.Operational, $"n{i}"), CancellationToken.None))));

        Assert.Equal(callers, results.Length);
        Assert.All(results, r => Assert.False(r.Decision.IsInvalid));
        Assert.Equal(before + callers, bot.State.Sequence);
        Assert.Equal(before + callers, store.Events.Count);
        var next = before + 1;
        foreach (var (first, count) in store.Appends.Skip(1))
        {
            Assert.Equal(next, first);
            next += count;
        }

        Assert.Equal(before + callers + 1, next);
    }

    [Fact]
    public async Task ExecuteAsync_CommandsQueuedBehindASlowAppend_AreCommittedInOneAppend()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var entered = store.HoldNextAppend();
        var first = bot.Board.ExecuteAsync(SetStatus("api", ServiceStatus.MajorOutage), CancellationToken.None);
        await entered;

        var queued = Enumerable.Range(0, 50)
            .Select(i => bot.Board.ExecuteAsync(SetStatus("website", ServiceStatus.DegradedPerformance, $"n{i}"), CancellationToken.None))
            .ToList();
        store.Release();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal((2L, 1), store.Appends[^2]);
        Assert.Equal((3L, 50), store.Appends[^1]);
        Assert.Equal(52, bot.State.Sequence);
        Assert.Equal("n49", bot.State.Services["website"].Note);
    }

    [Fact]
    public async Task ExecuteAsync_StoreFails_CallersGetFailureAndStateIsUnchanged()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var before = bot.State;
        store.Failing = true;

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), CancellationToken.None));

        Assert.IsType<IOException>(failure.InnerException);
        Assert.Same(before, bot.State);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
        Assert.Contains("No space left", bot.Board.StoreError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_StoreRecovers_NextAppendSucceedsAndClearsStoreError()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        store.Failing = true;
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), CancellationToken.None));
        store.Failing = false;

        var result = await bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), CancellationToken.None);

        Assert.Null(bot.Board.StoreError);
        Assert.Equal(ServiceStatus.MajorOutage, result.State.Services["streaming"].Status);
        Assert.Equal(2, bot.State.Sequence);
    }

    [Fact]
    public async Task DispatchText_StoreFails_AdminIsToldNothingChanged()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var before = bot.State.Sequence;
        store.Failing = true;

        var result = await bot.RunAsync("incident open streaming major Streaming fails");

        Assert.Equal(CommandOutcome.Failed, result.Outcome);
        Assert.Equal("Your change could not be saved, so nothing was changed.", result.Reply.Title);
        Assert.Equal(before, bot.State.Sequence);
        Assert.Empty(bot.State.Incidents);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task ExecuteAsync_OneDecideThrows_OnlyItsCallerFails()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var entered = store.HoldNextAppend();
        var warmup = bot.Board.ExecuteAsync(SetStatus("billing", ServiceStatus.DegradedPerformance), CancellationToken.None);
        await entered;

        var before = bot.Board.ExecuteAsync(SetStatus("api", ServiceStatus.MajorOutage), CancellationToken.None);
        var broken = bot.Board.ExecuteAsync(_ => throw new InvalidOperationException("handler bug"), CancellationToken.None);
        var after = bot.Board.ExecuteAsync(SetStatus("website", ServiceStatus.PartialOutage), CancellationToken.None);
        store.Release();

        await warmup;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.Equal("handler bug", error.Message);
        await before;
        await after;
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["api"].Status);
        Assert.Equal(ServiceStatus.PartialOutage, bot.State.Services["website"].Status);
        Assert.Equal((3L, 2), store.Appends[^1]);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidDecision_StoresNothingAndReturnsTheError()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var appends = store.Appends.Count;

        var result = await bot.Board.ExecuteAsync(_ => Decision.Invalid("no such thing"), CancellationToken.None);

        Assert.Equal("no such thing", result.Decision.Error);
        Assert.Equal(appends, store.Appends.Count);
        Assert.Equal(1, bot.State.Sequence);
    }

    [Fact]
    public async Task Current_WhileWriterIsBlocked_ReadersStillAnswer()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var entered = store.HoldNextAppend();
        var pending = bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), CancellationToken.None);
        await entered;

        var status = await bot.RunAsync("status streaming", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Answered, status.Outcome);
        Assert.Contains("Operational", status.Reply.Title, StringComparison.Ordinal);
        Assert.False(pending.IsCompleted);
        store.Release();
        await pending;
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task ExecuteAsync_CallerStopsWaiting_ItsTaskIsCancelledAndTheCommandIsStillStored()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var entered = store.HoldNextAppend();
        using var stop = new CancellationTokenSource();
        var pending = bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), stop.Token);
        await entered;

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        store.Release();
        var next = await bot.Board.ExecuteAsync(SetStatus("api", ServiceStatus.DegradedPerformance), CancellationToken.None);

        // The wait was cancelled, not the command: it was being stored when the caller left, and stays stored.
        Assert.Equal(ServiceStatus.MajorOutage, next.State.Services["streaming"].Status);
        Assert.Contains(store.Events, e => e is ServiceStatusChanged { ServiceId: "streaming", Status: ServiceStatus.MajorOutage });
    }

    [Fact]
    public async Task ExecuteAsync_CallerAlreadyGone_IsCancelledAndChangesNothing()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var stored = store.Events.Count;
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bot.Board.ExecuteAsync(SetStatus("streaming", ServiceStatus.MajorOutage), stop.Token));
        await bot.Board.ExecuteAsync(_ => Decision.NoChange, CancellationToken.None);

        Assert.Equal(stored, store.Events.Count);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task ExecuteAsync_WriterSchedulerSupplied_DecidesOnIt()
    {
        var writer = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        await using var board = new StatusBoard(new ScriptedEventStore(), [], NullLogger<StatusBoard>.Instance, new BoardWriterScheduler(writer));
        await board.StartAsync(BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams), null, CancellationToken.None);
        TaskScheduler? seen = null;

        var result = await board.ExecuteAsync(
            s =>
            {
                seen = TaskScheduler.Current;
                return SetStatus("streaming", ServiceStatus.MajorOutage)(s);
            },
            CancellationToken.None);

        Assert.Same(writer, seen);
        Assert.Equal(ServiceStatus.MajorOutage, result.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task ExecuteAsync_NoWriterSchedulerSupplied_DecidesOnThePool()
    {
        await using var bot = await TestBot.StartAsync(new ScriptedEventStore());
        (TaskScheduler? Scheduler, bool Pool) seen = default;

        await bot.Board.ExecuteAsync(
            s =>
            {
                seen = (TaskScheduler.Current, Thread.CurrentThread.IsThreadPoolThread);
                return Decision.NoChange;
            },
            CancellationToken.None);

        Assert.Equal((TaskScheduler.Default, true), seen);
    }

    [Fact]
    public async Task DisposeAsync_WhileTheWriterAppends_FinishesThatAppendFirstThenRefusesCommands()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        var entered = store.HoldNextAppend();
        var committing = bot.Board.ExecuteAsync(SetStatus("api", ServiceStatus.MajorOutage), CancellationToken.None);
        await entered;

        // What disposal has seen of the held append at the moment it completes: a disposal that did not wait for the
        // writer would complete at once, before the append is released.
        var disposed = bot.Board.DisposeAsync().AsTask().ContinueWith(
            _ => store.Events.OfType<ServiceStatusChanged>().Any(e => e.ServiceId == "api"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        store.Release();

        Assert.True(await disposed);
        var result = await committing;
        Assert.Equal(ServiceStatus.MajorOutage, result.State.Services["api"].Status);
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            bot.Board.ExecuteAsync(SetStatus("api", ServiceStatus.Operational), CancellationToken.None));
    }
}
