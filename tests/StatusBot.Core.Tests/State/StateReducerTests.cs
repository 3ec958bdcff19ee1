using System.Collections.Immutable;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.State;

public sealed partial class StateReducerTests
{
    private static readonly DateTimeOffset T0 = TestBot.Start;
    private static readonly Actor Ada = new("test", "U1", "Ada");

    private static BoardState Fresh() => BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    private static BoardState Started() => StateReducer.Apply(Fresh(), new BoardInitialized(Actor.System, T0));

    private static IncidentOpened Opened(string id = "INC-1", DateTimeOffset? at = null, bool automatic = false) => new(
        Ada,
        at ?? T0.AddHours(1),
        id,
        "Streaming fails on many devices",
        Impact.Major,
        [new AffectedService("streaming", ServiceStatus.PartialOutage)],
        ["TV", "consoles"],
        27_000_000,
        null,
        T0.AddMinutes(50),
        T0.AddHours(1.5),
        null,
        automatic);

    [Fact]
    public void Apply_BoardInitialized_SetsEpochAndStartsEveryServiceThere()
    {
        var state = Fresh();

        var next = StateReducer.Apply(state, new BoardInitialized(Actor.System, T0));

        Assert.Equal(T0, next.Epoch);
        Assert.All(next.Services.Values, s => Assert.Equal(T0, s.Since));
        Assert.All(next.Services.Values, s => Assert.Equal(ServiceStatus.Operational, s.Status));
        Assert.Equal(1, next.Sequence);
    }

    [Fact]
    public void Apply_SecondBoardInitialized_KeepsTheFirstEpoch()
    {
        var state = Started();

        var next = StateReducer.Apply(state, new BoardInitialized(Actor.System, T0.AddDays(3)));

        Assert.Equal(T0, next.Epoch);
        Assert.Equal(T0, next.Services["streaming"].Since);
        Assert.Equal(2, next.Sequence);
    }

    [Fact]
    public void Apply_AnyEvent_LeavesTheInputStateUntouched()
    {
        var state = Started();

        var next = StateReducer.Apply(state, Opened());
        var again = StateReducer.Apply(state, Opened());

        Assert.Empty(state.Incidents);
        Assert.Empty(state.OpenIncidentIds);
        Assert.Equal(1, state.Sequence);
        Assert.Equal(1, state.NextIncidentNumber);
        Assert.Equal(next.Incidents["INC-1"].Milestones, again.Incidents["INC-1"].Milestones);
        Assert.Equal(next.Incidents["INC-1"].Timeline, again.Incidents["INC-1"].Timeline);
        Assert.Equal(next.Sequence, again.Sequence);
    }

    [Fact]
    public void Apply_ServiceStatusChanged_RecordsTransitionAndSince()
    {
        var state = Started();
        var at = T0.AddHours(2);

        var next = StateReducer.Apply(state, new ServiceStatusChanged(Ada, at, "streaming", ServiceStatus.MajorOutage, "ELB down", null));

        var streaming = next.Services["streaming"];
        Assert.Equal(ServiceStatus.MajorOutage, streaming.Status);
        Assert.Equal(at, streaming.Since);
        Assert.Equal("ELB down", streaming.Note);
        Assert.Equal([new StatusTransition(at, ServiceStatus.MajorOutage)], streaming.History);
        Assert.Equal(ServiceStatus.Operational, next.Services["website"].Status);
    }

    [Fact]
    public void Apply_SameStatusAgain_KeepsSinceAndHistoryButTakesTheNote()
    {
        var state = StateReducer.Apply(Started(), new ServiceStatusChanged(Ada, T0.AddHours(2), "streaming", ServiceStatus.MajorOutage, null, null));

        var next = StateReducer.Apply(state, new ServiceStatusChanged(Ada, T0.AddHours(3), "streaming", ServiceStatus.MajorOutage, "still down", null));

        var streaming = next.Services["streaming"];
        Assert.Equal(T0.AddHours(2), streaming.Since);
        Assert.Single(streaming.History);
        Assert.Equal("still down", streaming.Note);
    }

    [Fact]
    public void Apply_StatusChangesOverTime_HistoryKeepsEveryTransitionInOrder()
    {
        var events = new BoardEvent[]
        {
            new ServiceStatusChanged(Ada, T0.AddHours(1), "api", ServiceStatus.DegradedPerformance, null, null),
            new ServiceStatusChanged(Ada, T0.AddHours(2), "api", ServiceStatus.MajorOutage, null, null),
            new ServiceStatusChanged(Ada, T0.AddHours(3), "api", ServiceStatus.Operational, null, null),
        };

        var next = StateReducer.ApplyAll(Started(), events);

        Assert.Equal(
            [ServiceStatus.DegradedPerformance, ServiceStatus.MajorOutage, ServiceStatus.Operational],
            next.Services["api"].History.Select(t => t.Status));
        Assert.Equal(T0.AddHours(3), next.Services["api"].Since);
        Assert.Equal(4, next.Sequence);
    }

    [Fact]
    public void Apply_UnknownService_ChangesNothingButTheSequence()
    {
        var state = Started();

        var next = StateReducer.Apply(state, new ServiceStatusChanged(Ada, T0, "removed-service", ServiceStatus.MajorOutage, null, null));

        Assert.Equal(state.Services, next.Services);
        Assert.Equal(state.Sequence + 1, next.Sequence);
    }

    [Fact]
    public void ApplyAll_Events_SequenceCountsEveryEvent()
    {
        var events = new BoardEvent[]
        {
            new BoardInitialized(Actor.System, T0),
            Opened("INC-1"),
            Opened("INC-2"),
            new IncidentResolved(Ada, T0.AddHours(2), "INC-1", null),
            new IncidentResolved(Ada, T0.AddHours(2), "INC-404", null),
        };

        var next = StateReducer.ApplyAll(Fresh(), events);

        Assert.Equal(5, next.Sequence);
        Assert.Equal(["INC-2"], next.OpenIncidentIds);
        Assert.Equal(3, next.NextIncidentNumber);
    }

    [Fact]
    public void Apply_UnregisteredEventType_Throws()
    {
        var state = Started();

        Assert.Throws<NotSupportedException>(() => StateReducer.Apply(state, new StrangeEvent(Ada, T0)));
    }

    [Fact]
    public void ApplyAll_ReplayOfSameEvents_GivesSameState()
    {
        ImmutableArray<BoardEvent> events =
        [
            new BoardInitialized(Actor.System, T0),
            Opened(),
            new ServiceStatusChanged(Ada, T0.AddHours(1), "streaming", ServiceStatus.PartialOutage, null, "INC-1"),
            new IncidentResolved(Ada, T0.AddHours(4), "INC-1", null),
            new ServiceStatusChanged(Ada, T0.AddHours(4), "streaming", ServiceStatus.Operational, null, "INC-1"),
        ];

        var first = StateReducer.ApplyAll(Fresh(), events);
        var second = StateReducer.ApplyAll(Fresh(), events);

        Assert.Equal(first.Sequence, second.Sequence);
        Assert.Equal(first.Incidents["INC-1"].Milestones, second.Incidents["INC-1"].Milestones);
        Assert.Equal(first.Incidents["INC-1"].Timeline, second.Incidents["INC-1"].Timeline);
        Assert.Equal(first.Services["streaming"].History, second.Services["streaming"].History);
    }

    private sealed record StrangeEvent(Actor Actor, DateTimeOffset At) : BoardEvent(Actor, At);
}
