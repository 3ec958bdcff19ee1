using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Board;

/// <summary>
/// Two boards on one shared store, as two instances on one database: an append behind the head is refused, the loser
/// catches up and decides again, so the history stays one and both instances fold to the same state.
/// </summary>
public sealed class SharedStoreTests
{
    [Fact]
    public async Task ConcurrentOpensOnTwoBoards_UniqueIdsAndOneHistory()
    {
        var store = new InMemoryEventStore();
        await using var a = await TestBot.StartAsync(store);
        await using var b = await TestBot.StartAsync(store);
        const int each = 25;

        var opens = Enumerable.Range(0, each).SelectMany(i => new[]
        {
            Task.Run(() => a.RunAsync($"incident open streaming major \"A fails {i}\"")),
            Task.Run(() => b.RunAsync($"incident open website minor \"B fails {i}\"")),
        });
        var results = await Task.WhenAll(opens);
        await a.Board.CatchUpAsync(CancellationToken.None);
        await b.Board.CatchUpAsync(CancellationToken.None);

        Assert.All(results, r => Assert.Equal(CommandOutcome.Changed, r.Outcome));
        var folded = StateReducer.ApplyAll(BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams), store.Events);
        Assert.Equal(2 * each, folded.Incidents.Count);
        Assert.Equal(folded.Incidents.Keys.Order(), a.State.Incidents.Keys.Order());
        Assert.Equal(folded.Incidents.Keys.Order(), b.State.Incidents.Keys.Order());
        Assert.Equal(folded.Sequence, a.State.Sequence);
        Assert.Equal(folded.Sequence, b.State.Sequence);
        Assert.Equal(2 * each, folded.Incidents.Values.Select(i => i.Title).Distinct().Count());
    }

    [Fact]
    public async Task UpdateOnAnIncidentOpenedElsewhere_DecidedAgainstTheCaughtUpState()
    {
        var store = new InMemoryEventStore();
        await using var a = await TestBot.StartAsync(store);
        await using var b = await TestBot.StartAsync(store);
        await a.RunAsync("incident open streaming major \"Streaming fails\"");

        // B has not looked yet: its append is refused, it reads A's events and decides again, so INC-1 exists for it.
        var update = await b.RunAsync("incident update INC-1 identified Load balancers failing");

        Assert.Equal(CommandOutcome.Changed, update.Outcome);
        Assert.Equal("Load balancers failing", b.State.Incidents["INC-1"].Timeline[^1].Message);
        await a.Board.CatchUpAsync(CancellationToken.None);
        Assert.Equal(b.State.Sequence, a.State.Sequence);
        Assert.Equal(2, a.State.Incidents["INC-1"].Timeline.Count);
    }

    [Fact]
    public async Task CatchUp_AppliesEventsAppendedElsewhereAndTellsObservers()
    {
        var store = new InMemoryEventStore();
        await using var a = await TestBot.StartAsync(store);
        await using var b = await TestBot.StartAsync(store);
        var before = b.State;

        await a.RunAsync("incident open streaming major \"Streaming fails\"");
        Assert.Same(before, b.State);
        await b.Board.CatchUpAsync(CancellationToken.None);

        Assert.True(b.State.Incidents.ContainsKey("INC-1"));
        Assert.Equal(a.State.Sequence, b.State.Sequence);
    }

    [Fact]
    public async Task AppendBehindTheHead_RefusedThenDecidedAgainAfterCatchingUp()
    {
        var shared = new InMemoryEventStore();
        var blindB = new BlindStore(shared);
        await using var a = await TestBot.StartAsync(shared);
        await using var b = await TestBot.StartAsync(blindB);
        await a.RunAsync("incident open streaming major \"Streaming fails\"");

        // B's look before deciding misses A's open (as if it raced it): it decides INC-1 too, the append is refused, B reads
        // what it missed and decides again.
        blindB.HideNextReads = 1;
        var opened = await b.RunAsync("incident open website minor \"Website slow\"");

        Assert.Equal(CommandOutcome.Changed, opened.Outcome);
        Assert.Equal(1, blindB.Conflicts);
        Assert.Equal("Website slow", b.State.Incidents["INC-2"].Title);
        Assert.Equal("Streaming fails", b.State.Incidents["INC-1"].Title);
        Assert.Equal(shared.Events.Count, b.State.Sequence);
    }

    [Fact]
    public async Task ConflictsThatNeverEnd_RefusedWithAClearErrorAndNothingChanged()
    {
        var shared = new InMemoryEventStore();
        var blindB = new BlindStore(shared) { HideNextReads = int.MaxValue };
        await using var a = await TestBot.StartAsync(shared);
        await using var b = await TestBot.StartAsync(blindB);
        await a.RunAsync("incident open streaming major \"Streaming fails\"");
        var before = b.State;

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            b.Board.ExecuteAsync(s => Decision.Apply(new IncidentResolved(TestBot.Admin().Actor, TestBot.Start, "INC-1", "Fixed")), CancellationToken.None));
        var answered = await b.RunAsync("incident open website minor \"Website slow\"");

        Assert.Contains("other instances", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Failed, answered.Outcome);
        Assert.Same(before, b.State);
        Assert.Single(shared.Events.OfType<IncidentOpened>());
    }

    /// <summary>A shared store whose reads can miss what was appended (a read that raced an append elsewhere).</summary>
    private sealed class BlindStore(InMemoryEventStore inner) : ISharedEventStore
    {
        public int HideNextReads { get; set; }

        public int Conflicts { get; private set; }

        public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken) => inner.RecoverAsync(initial, cancellationToken);

        public async ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
        {
            try
            {
                await inner.AppendAsync(events, firstSequence, cancellationToken);
            }
            catch (SequenceConflictException)
            {
                Conflicts++;
                throw;
            }
        }

        public ValueTask<IReadOnlyList<BoardEvent>> ReadAfterAsync(long sequence, int max, CancellationToken cancellationToken)
        {
            if (HideNextReads > 0)
            {
                HideNextReads--;
                return ValueTask.FromResult<IReadOnlyList<BoardEvent>>([]);
            }

            return inner.ReadAfterAsync(sequence, max, cancellationToken);
        }
    }
}
