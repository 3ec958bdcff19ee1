using System.Collections.Immutable;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;

namespace StatusBot.Core.State;

/// <summary>
/// <c>Apply(state, event) -> state</c>: the only way state changes, and a pure function, so replaying a journal is a fold.
/// An event that names something the state no longer has (a service removed from the configuration) changes nothing
/// but the sequence number.
/// </summary>
public static class StateReducer
{
    public static BoardState Apply(BoardState state, BoardEvent e)
    {
        var next = e switch
        {
            BoardInitialized i => Apply(state, i),
            ServiceStatusChanged c => Apply(state, c),
            IncidentOpened o => Apply(state, o),
            IncidentUpdated u => Apply(state, u),
            IncidentCauseChanged c => Apply(state, c),
            IncidentResolved r => Apply(state, r),
            IncidentServiceAdded a => Apply(state, a),
            IncidentServiceRecovered r => Apply(state, r),
            IncidentNoteAdded n => Update(state, n.IncidentId, i => i with { Notes = i.Notes.Add(new IncidentNote(n.At, n.Text, n.Actor)) }),
            IncidentEvidenceRecorded v => Update(state, v.IncidentId, i => i with
            {
                Evidence = i.EvidenceFor(v.Evidence.UpstreamId) is { } old ? i.Evidence.Replace(old, v.Evidence) : i.Evidence.Add(v.Evidence),
            }),
            PostmortemDrafted d => Update(state, d.IncidentId, i => i with { Postmortem = new Postmortem(d.Body, d.Actor, d.At) }),
            PostmortemEdited d => Update(state, d.IncidentId, i => i.Postmortem is { } p
                ? i with { Postmortem = p with { Body = d.Body, EditedBy = d.Actor, EditedAt = d.At, ChangedSincePublished = true } }
                : i with { Postmortem = new Postmortem(d.Body, d.Actor, d.At) }),
            PostmortemPublished p => Update(state, p.IncidentId, i => i.Postmortem is { } pm
                ? i with
                {
                    Postmortem = pm with
                    {
                        PublishedAt = pm.PublishedAt ?? p.At,
                        PublishedBy = pm.PublishedBy ?? p.Actor,
                        LastPublishedAt = p.At,
                        Publications = pm.Publications + 1,
                        ChangedSincePublished = false,
                    },
                }
                : i),
            _ => ApplyExtension(state, e),
        };
        return next with { Sequence = state.Sequence + 1 };
    }

    public static BoardState ApplyAll(BoardState state, IEnumerable<BoardEvent> events)
    {
        foreach (var e in events)
        {
            state = Apply(state, e);
        }

        return state;
    }

    private static BoardState ApplyExtension(BoardState state, BoardEvent e) =>
        AnnouncementReducer.TryApply(state, e) ?? WebhookReducer.TryApply(state, e) ?? FollowReducer.TryApply(state, e) ?? PublicationReducer.TryApply(state, e) ?? throw new NotSupportedException($"No reducer for event type {e.GetType().Name}.");

    private static BoardState Apply(BoardState state, BoardInitialized e)
    {
        if (state.Epoch is not null)
        {
            return state;
        }

        var services = state.Services.ToImmutableDictionary(p => p.Key, p => p.Value.History.IsEmpty ? p.Value with { Since = e.At } : p.Value);
        return state with { Epoch = e.At, Services = services };
    }

    private static BoardState Apply(BoardState state, ServiceStatusChanged e)
    {
        if (!state.Services.TryGetValue(e.ServiceId, out var service))
        {
            return state;
        }

        var changed = service.Status != e.Status;
        var updated = service with
        {
            Status = e.Status,
            Since = changed ? e.At : service.Since,
            Note = e.Note,
            History = changed ? service.History.Add(new StatusTransition(e.At, e.Status)) : service.History,
        };
        return state with { Services = state.Services.SetItem(e.ServiceId, updated) };
    }

    private static BoardState Apply(BoardState state, IncidentOpened e)
    {
        var opening = new TimelineEntry(
            e.At,
            e.Automatic ? UpdateKind.Automatic : UpdateKind.Human,
            IncidentStatus.Investigating,
            e.Message ?? e.Title,
            e.Actor)
        { Phrase = e.Phrase };
        var incident = new Incident(
            e.IncidentId,
            e.Title,
            IncidentStatus.Investigating,
            e.Impact,
            e.Services,
            e.Segments,
            e.UsersAffected,
            e.Cause,
            new Milestones(e.StartedAt, e.At, e.Automatic ? null : e.At, null, null),
            e.NextUpdateDue,
            [opening],
            e.Automatic);
        var latest = state.LatestIncidentByService;
        foreach (var affected in e.Services)
        {
            if (!latest.TryGetValue(affected.ServiceId, out var previous) || IncidentIds.NumberOf(previous) < incident.Number)
            {
                latest = latest.SetItem(affected.ServiceId, e.IncidentId);
            }
        }

        return state with
        {
            Incidents = state.Incidents.SetItem(e.IncidentId, incident),
            LatestIncidentByService = latest,
            OpenIncidentIds = state.OpenIncidentIds.Remove(e.IncidentId).Add(e.IncidentId),
            NextIncidentNumber = Math.Max(state.NextIncidentNumber, IncidentIds.NumberOf(e.IncidentId) + 1),
        };
    }

    private static BoardState Apply(BoardState state, IncidentUpdated e) => Update(state, e.IncidentId, i =>
    {
        var human = e.Kind == UpdateKind.Human;
        var milestones = i.Milestones with
        {
            Acknowledged = i.Milestones.Acknowledged ?? (human ? e.At : null),
            Mitigated = i.Milestones.Mitigated ?? (e.Status == IncidentStatus.Monitoring ? e.At : null),
        };
        return i with
        {
            Status = e.Status,
            Milestones = milestones,
            Segments = e.Segments ?? i.Segments,
            UsersAffected = e.UsersAffected ?? i.UsersAffected,
            NextUpdateDue = e.NextUpdateDue,
            Timeline = i.Timeline.Add(new TimelineEntry(e.At, e.Kind, e.Status, e.Message, e.Actor) { Phrase = e.Phrase }),
        };
    });

    private static BoardState Apply(BoardState state, IncidentCauseChanged e) =>
        Update(state, e.IncidentId, i => i with { Cause = e.Cause, CauseSetByPerson = i.CauseSetByPerson || e.Actor != Actor.System });

    private static BoardState Apply(BoardState state, IncidentServiceAdded e)
    {
        var next = Update(state, e.IncidentId, i =>
        {
            var existing = i.Services.FirstOrDefault(s => s.ServiceId == e.Service.ServiceId);
            var worst = existing is not null && existing.Status.Severity() > e.Service.Status.Severity() ? existing.Status : e.Service.Status;
            return i with
            {
                Title = e.Title,
                Impact = e.Impact > i.Impact ? e.Impact : i.Impact,
                Services = existing is null ? i.Services.Add(e.Service) : i.Services.Replace(existing, new AffectedService(e.Service.ServiceId, worst)),
                Timeline = i.Timeline.Add(new TimelineEntry(e.At, UpdateKind.Automatic, i.Status, e.Message, e.Actor) { Phrase = e.Phrase }),
            };
        });
        return next.Incidents.ContainsKey(e.IncidentId)
            ? next with { LatestIncidentByService = IndexService(next.LatestIncidentByService, e.Service.ServiceId, e.IncidentId) }
            : next;
    }

    private static BoardState Apply(BoardState state, IncidentServiceRecovered e) => Update(state, e.IncidentId, i =>
    {
        var affected = i.Services.FirstOrDefault(s => s.ServiceId == e.ServiceId);
        return affected is null
            ? i
            : i with
            {
                Services = i.Services.Replace(affected, affected with { RecoveredAt = e.At }),
                Milestones = i.Milestones with { Mitigated = i.Milestones.Mitigated ?? e.At },
                Timeline = i.Timeline.Add(new TimelineEntry(e.At, UpdateKind.Automatic, i.Status, e.Message, e.Actor) { Phrase = e.Phrase }),
            };
    });

    private static ImmutableDictionary<string, string> IndexService(ImmutableDictionary<string, string> latest, string serviceId, string incidentId) =>
        !latest.TryGetValue(serviceId, out var previous) || IncidentIds.NumberOf(previous) < IncidentIds.NumberOf(incidentId)
            ? latest.SetItem(serviceId, incidentId)
            : latest;

    private static BoardState Apply(BoardState state, IncidentResolved e)
    {
        var next = Update(state, e.IncidentId, i => i with
        {
            Status = IncidentStatus.Resolved,
            Milestones = i.Milestones with { Resolved = e.At, Mitigated = i.Milestones.Mitigated ?? e.At },
            NextUpdateDue = null,
            Timeline = i.Timeline.Add(new TimelineEntry(e.At, e.Actor == Actor.System ? UpdateKind.Automatic : UpdateKind.Human, IncidentStatus.Resolved, e.Message ?? "", e.Actor)),
        });
        return next with { OpenIncidentIds = next.OpenIncidentIds.Remove(e.IncidentId) };
    }

    private static BoardState Update(BoardState state, string incidentId, Func<Incident, Incident> change) =>
        state.Incidents.TryGetValue(incidentId, out var incident)
            ? state with { Incidents = state.Incidents.SetItem(incidentId, change(incident)) }
            : state;
}
