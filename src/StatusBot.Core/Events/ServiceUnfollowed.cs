using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// A recipient stops following a service (<see cref="ServiceId"/> null: every follow of theirs). <see cref="Reason"/> is
/// set when the bot did it because the platform refused to deliver to them (blocked, left, disabled).
/// </summary>
public sealed record ServiceUnfollowed(Actor Actor, DateTimeOffset At, string RecipientKey, string? ServiceId, string? Reason = null) : BoardEvent(Actor, At);
