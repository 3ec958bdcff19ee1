using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A change to the board. Every event names who made it and when: together they are the audit trail.</summary>
public abstract record BoardEvent(Actor Actor, DateTimeOffset At);
