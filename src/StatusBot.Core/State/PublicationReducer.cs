using StatusBot.Core.Events;
using StatusBot.Core.Publishing;

namespace StatusBot.Core.State;

/// <summary>The reducer cases of public drafts; null for any other event. A decision on an unknown draft changes nothing.</summary>
public static class PublicationReducer
{
    public static BoardState? TryApply(BoardState state, BoardEvent e)
    {
        var p = state.Publications;
        PublicationState? next = e switch
        {
            PublicDraftWritten w => Write(p, w),
            PublicDraftApproved a => Approve(p, a),
            PublicDraftSkipped s => Decide(p, s.DraftId, d => d with { Status = PublicDraftStatus.Skipped, DecidedBy = s.Actor, DecidedAt = s.At }) ?? p,
            PublicDraftEdited x => Decide(p, x.DraftId, d => d with { Body = x.Body }) ?? p,
            _ => null,
        };
        return next is null ? null : state with { Publications = next };
    }

    private static PublicationState Write(PublicationState p, PublicDraftWritten w)
    {
        var number = long.TryParse(w.DraftId.AsSpan(PublicSubjects.IdPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : p.NextDraftNumber;
        var draft = new PublicDraft(
            w.DraftId, number, w.Publisher, w.Platform, w.IncidentId, w.Version, w.Kind, w.Body, w.Link, w.At,
            w.Approved ? PublicDraftStatus.Approved : PublicDraftStatus.Pending,
            w.Approved ? w.Actor : null,
            w.Approved ? w.At : null);
        return p with { Drafts = p.Drafts.SetItem(w.DraftId, draft), NextDraftNumber = Math.Max(p.NextDraftNumber, number + 1) };
    }

    private static PublicationState Approve(PublicationState p, PublicDraftApproved a)
    {
        if (Decide(p, a.DraftId, d => d with { Status = PublicDraftStatus.Approved, DecidedBy = a.Actor, DecidedAt = a.At }) is not { } next)
        {
            return p;
        }

        return a.HoldingToo ? next with { HoldingApproved = next.HoldingApproved.Add(next.Drafts[a.DraftId].ThreadKey) } : next;
    }

    private static PublicationState? Decide(PublicationState p, string draftId, Func<PublicDraft, PublicDraft> change) =>
        p.Drafts.TryGetValue(draftId, out var draft) ? p with { Drafts = p.Drafts.SetItem(draftId, change(draft)) } : null;
}
