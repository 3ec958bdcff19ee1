namespace StatusBot.Core.Domain;

/// <summary>Where an incident is in its life, in Statuspage's vocabulary.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}
