namespace StatusBot.Core.Domain;

/// <summary>One update in an incident's timeline; the bot's own sentences also keep their <see cref="Phrase"/> for other languages.</summary>
public sealed record TimelineEntry(DateTimeOffset At, UpdateKind Kind, IncidentStatus Status, string Message, Actor Author)
{
    public Phrase? Phrase { get; init; }
}
