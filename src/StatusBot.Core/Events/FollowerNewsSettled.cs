using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>Every recipient of a follower fan-out was told or given up (as the delivery ledger records): it leaves the state.</summary>
public sealed record FollowerNewsSettled(Actor Actor, DateTimeOffset At, string FanOutId) : BoardEvent(Actor, At);
