namespace StatusBot.Core.Commands;

/// <summary>How a command ended, for metrics and logs.</summary>
public enum CommandOutcome
{
    /// <summary>A read command was answered.</summary>
    Answered,

    /// <summary>A write command's events are durable.</summary>
    Changed,

    /// <summary>A write command was valid but changed nothing (already so).</summary>
    Unchanged,

    /// <summary>The command was understood but refused by a business rule (unknown incident, already resolved).</summary>
    Refused,

    /// <summary>The command could not be understood; the answer shows the usage.</summary>
    Usage,

    /// <summary>The caller may not run it.</summary>
    Denied,

    /// <summary>The store could not make the change durable; nothing changed.</summary>
    Failed,

    /// <summary>The caller sent too many commands too fast; nothing was run.</summary>
    Limited,
}
