using StatusBot.Core.Publishing;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// The admin notice of a public draft: where it would go, the exact post, and the Approve, Edit and Skip buttons (admins
/// only; each runs a <c>publish</c> command as the presser). A holding update also offers to approve the incident's
/// later holding updates at once. Null once the draft was decided.
/// </summary>
public static class PublicNotices
{
    public static Reply? Render(string draftId, BoardState state, Localizer l, DateTimeOffset now)
    {
        if (!state.Publications.Drafts.TryGetValue(draftId, out var draft) || draft.IsDecided)
        {
            return null;
        }

        var actions = new List<ReplyAction> { new("approve:" + draft.Id, l[nameof(Strings.Action_Approve)], "publish approve " + draft.Id, AdminOnly: true) };
        if (draft.Kind == PublicPostKind.Holding)
        {
            actions.Add(new("holding:" + draft.Id, l[nameof(Strings.Action_ApproveHolding)], "publish approve " + draft.Id + " holding", AdminOnly: true));
        }

        actions.Add(new("edit:" + draft.Id, l[nameof(Strings.Action_Edit)], "publish edit " + draft.Id, AdminOnly: true));
        actions.Add(new("skip:" + draft.Id, l[nameof(Strings.Action_Skip)], "publish skip " + draft.Id, AdminOnly: true));
        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = l.Format(nameof(Strings.Publish_DraftTitle), draft.Id, draft.Publisher, draft.IncidentId),
            Severity = Severity.Info,
            Lines = [PublicText.Compose(draft.Body, draft.Link), l.Format(nameof(Strings.Publish_DraftHint), draft.Id)],
            Actions = [.. actions],
            Timestamp = now,
        };
    }
}
