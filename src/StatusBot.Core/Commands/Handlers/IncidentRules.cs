using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Rules shared by the commands that change an existing incident.</summary>
internal static class IncidentRules
{
    /// <summary>Finds the incident named by the <c>id</c> option; returns a refusal when it does not exist (or is resolved, if it must be open).</summary>
    public static Decision? Find(BoardState state, ChatCommand command, bool mustBeOpen, out Incident incident)
    {
        var l = Localizer.For(command.Culture);
        var id = command.RequiredText("id");
        incident = null!;
        if (state.FindIncident(id) is not { } found)
        {
            return Decision.Invalid(l.Format(nameof(Strings.Error_UnknownIncident), id) + " " + l[nameof(Strings.Error_UnknownIncidentHint)]);
        }

        if (mustBeOpen && found.IsResolved)
        {
            return Decision.Invalid(l.Format(nameof(Strings.Error_AlreadyResolved), found.Id));
        }

        incident = found;
        return null;
    }

    /// <summary>
    /// The events that resolve an incident: the resolution, then each affected service back to the worst status that
    /// other open incidents still give it, or operational.
    /// </summary>
    public static List<BoardEvent> Resolve(BoardState state, Incident incident, Actor actor, DateTimeOffset now, string? message)
    {
        var events = new List<BoardEvent> { new IncidentResolved(actor, now, incident.Id, message) };
        foreach (var affected in incident.Services)
        {
            if (!state.Services.TryGetValue(affected.ServiceId, out var service))
            {
                continue;
            }

            var remaining = state.OpenIncidents
                .Where(i => i.Id != incident.Id)
                .SelectMany(i => i.Services)
                .Where(s => s.ServiceId == affected.ServiceId)
                .Select(s => s.Status)
                .DefaultIfEmpty(ServiceStatus.Operational)
                .MaxBy(s => s.Severity());
            if (service.Status != remaining)
            {
                events.Add(new ServiceStatusChanged(actor, now, affected.ServiceId, remaining, null, incident.Id));
            }
        }

        return events;
    }
}
