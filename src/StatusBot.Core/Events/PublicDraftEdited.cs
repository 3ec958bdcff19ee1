using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An admin rewrote a public draft's text before deciding on it.</summary>
public sealed record PublicDraftEdited(Actor Actor, DateTimeOffset At, string DraftId, string Body) : BoardEvent(Actor, At);
