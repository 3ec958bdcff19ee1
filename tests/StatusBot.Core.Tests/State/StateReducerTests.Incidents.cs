using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.State;

/// <summary>The incident events.</summary>
public sealed partial class StateReducerTests
{
    [Fact]
    public void Apply_IncidentOpened_AddsOpenIncidentWithTimelineAndMilestones()
    {
        var e = Opened("INC-7");

        var next = StateReducer.Apply(Started(), e);

        var incident = next.Incidents["INC-7"];
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(Impact.Major, incident.Impact);
        Assert.Equal(["TV", "consoles"], incident.Segments.ToArray());
        Assert.Equal(27_000_000, incident.UsersAffected);
        Assert.Equal(e.StartedAt, incident.Milestones.Started);
        Assert.Equal(e.At, incident.Milestones.Detected);
        Assert.Equal(e.At, incident.Milestones.Acknowledged);
        Assert.Equal(e.NextUpdateDue, incident.NextUpdateDue);
        var opening = Assert.Single(incident.Timeline);
        Assert.Equal(UpdateKind.Human, opening.Kind);
        Assert.Equal(e.Title, opening.Message);
        Assert.Equal(["INC-7"], next.OpenIncidentIds);
        Assert.Equal(8, next.NextIncidentNumber);
    }

    [Fact]
    public void Apply_AutomaticIncidentOpened_IsNotAcknowledgedByAnyone()
    {
        var next = StateReducer.Apply(Started(), Opened(automatic: true));

        var incident = next.Incidents["INC-1"];
        Assert.Null(incident.Milestones.Acknowledged);
        Assert.Equal(UpdateKind.Automatic, incident.Timeline[0].Kind);
    }

    [Fact]
    public void Apply_IncidentUpdated_AddsTimelineEntryAndMarksMitigatedOnMonitoring()
    {
        var state = StateReducer.Apply(Started(), Opened(automatic: true));
        var at = T0.AddHours(3);

        var next = StateReducer.Apply(state, new IncidentUpdated(Ada, at, "INC-1", IncidentStatus.Monitoring, "Restored for most", UpdateKind.Human, at.AddMinutes(30)));

        var incident = next.Incidents["INC-1"];
        Assert.Equal(IncidentStatus.Monitoring, incident.Status);
        Assert.Equal(at, incident.Milestones.Mitigated);
        Assert.Equal(at, incident.Milestones.Acknowledged);
        Assert.Equal(at.AddMinutes(30), incident.NextUpdateDue);
        Assert.Equal("Restored for most", incident.Timeline[^1].Message);
        Assert.Equal(2, incident.Timeline.Count);
    }

    [Fact]
    public void Apply_IncidentCauseChanged_SetsCause()
    {
        var state = StateReducer.Apply(Started(), Opened());
        var cause = new Cause("ELB failing", CauseConfidence.Identified, DemoCatalog.ElbId);

        var next = StateReducer.Apply(state, new IncidentCauseChanged(Ada, T0.AddHours(2), "INC-1", cause));

        Assert.Equal(cause, next.Incidents["INC-1"].Cause);
    }

    [Fact]
    public void Apply_IncidentResolved_ClosesItAndSetsMilestones()
    {
        var state = StateReducer.Apply(Started(), Opened());
        var at = T0.AddHours(5);

        var next = StateReducer.Apply(state, new IncidentResolved(Ada, at, "INC-1", "All good"));

        var incident = next.Incidents["INC-1"];
        Assert.True(incident.IsResolved);
        Assert.Equal(at, incident.Milestones.Resolved);
        Assert.Equal(at, incident.Milestones.Mitigated);
        Assert.Null(incident.NextUpdateDue);
        Assert.Equal(IncidentStatus.Resolved, incident.Timeline[^1].Status);
        Assert.Empty(next.OpenIncidentIds);
        Assert.Equal(TimeSpan.FromHours(5) - TimeSpan.FromMinutes(50), incident.Duration(at.AddDays(1)));
    }

    [Theory]
    [MemberData(nameof(EventsForUnknownIncident))]
    public void Apply_EventForUnknownIncident_IsIgnored(BoardEvent e)
    {
        var state = StateReducer.Apply(Started(), Opened());

        var next = StateReducer.Apply(state, e);

        Assert.Equal(state.Incidents, next.Incidents);
        Assert.Equal(state.OpenIncidentIds, next.OpenIncidentIds);
        Assert.False(next.Incidents.ContainsKey("INC-99"));
        Assert.Equal(state.Sequence + 1, next.Sequence);
    }

    public static TheoryData<BoardEvent> EventsForUnknownIncident() =>
    [
        new IncidentUpdated(Ada, T0, "INC-99", IncidentStatus.Identified, "x", UpdateKind.Human, null),
        new IncidentCauseChanged(Ada, T0, "INC-99", new Cause("x", CauseConfidence.Suspected, null)),
        new IncidentResolved(Ada, T0, "INC-99", null),
    ];
}
