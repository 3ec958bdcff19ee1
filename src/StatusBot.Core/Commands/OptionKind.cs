namespace StatusBot.Core.Commands;

/// <summary>What an option holds; decides how it is parsed, validated, offered as choices and autocompleted.</summary>
public enum OptionKind
{
    /// <summary>One service, by id, name or alias.</summary>
    Service,

    /// <summary>One or more services, comma-separated.</summary>
    Services,

    ServiceStatus,
    IncidentStatus,
    Impact,
    Confidence,

    /// <summary>An incident id: <c>INC-7</c>, <c>inc-7</c>, <c>#7</c> or <c>7</c>.</summary>
    IncidentId,

    /// <summary>An upstream provider, by id or name.</summary>
    Upstream,

    /// <summary>What to do with a postmortem: <c>edit</c> or <c>publish</c>.</summary>
    PostmortemStep,

    Integer,

    /// <summary>Free text; as the last positional option it takes the rest of the line.</summary>
    Text,
}
