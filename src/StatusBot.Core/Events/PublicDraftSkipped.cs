using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An admin decided a public draft is not posted.</summary>
public sealed record PublicDraftSkipped(Actor Actor, DateTimeOffset At, string DraftId) : BoardEvent(Actor, At);
