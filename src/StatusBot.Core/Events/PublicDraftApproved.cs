using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An admin approved a public draft; with <see cref="HoldingToo"/>, also the incident's later holding updates on that timeline.</summary>
public sealed record PublicDraftApproved(Actor Actor, DateTimeOffset At, string DraftId, bool HoldingToo = false) : BoardEvent(Actor, At);
