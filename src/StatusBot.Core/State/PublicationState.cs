using System.Collections.Immutable;
using StatusBot.Core.Publishing;

namespace StatusBot.Core.State;

/// <summary>
/// The public timelines' half of the board: every draft with its decision, the next draft number, and the threads whose
/// holding updates an admin approved ahead (<see cref="PublicSubjects.Thread"/> keys).
/// </summary>
public sealed record PublicationState(
    ImmutableDictionary<string, PublicDraft> Drafts,
    long NextDraftNumber,
    ImmutableHashSet<string> HoldingApproved)
{
    public static PublicationState Empty { get; } = new(ImmutableDictionary<string, PublicDraft>.Empty, 1, ImmutableHashSet<string>.Empty);

    /// <summary>The drafts of one thread (publisher and incident), oldest first.</summary>
    public IEnumerable<PublicDraft> Thread(string publisher, string incidentId) =>
        Drafts.Values.Where(d => d.Publisher == publisher && d.IncidentId == incidentId).OrderBy(d => d.Number);

    /// <summary>How far the incident's timeline was drafted for a publisher (0 when never).</summary>
    public int DraftedVersion(string publisher, string incidentId) => Thread(publisher, incidentId).Select(d => d.Version).DefaultIfEmpty(0).Max();
}
