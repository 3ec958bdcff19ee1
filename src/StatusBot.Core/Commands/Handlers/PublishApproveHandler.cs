using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>publish approve &lt;draft&gt; [holding]</c>: the draft goes to its public timeline; with <c>holding</c>, the
/// incident's later holding updates on that timeline go without asking (also on a draft approved before).
/// </summary>
public sealed class PublishApproveHandler(TimeProvider time) : IDecisionHandler
{
    public const string HoldingScope = "holding";

    public CommandSpec Spec => Catalog.PublishApprove;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var scope = command.Text("scope")?.Trim();
        if (scope is { Length: > 0 } && !string.Equals(scope, HoldingScope, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Publish_BadScope), scope));
        }

        var holding = scope is { Length: > 0 };
        if (PublishRules.Find(state, command, mustBePending: false, out var draft) is { } refusal)
        {
            return refusal;
        }

        if (draft.IsDecided)
        {
            // Approving the holding updates after the draft itself is still a decision of its own.
            return holding && draft.Status == PublicDraftStatus.Approved && !state.Publications.HoldingApproved.Contains(draft.ThreadKey)
                ? Decision.Apply(new PublicDraftApproved(command.Actor, time.GetUtcNow(), draft.Id, HoldingToo: true))
                : Decision.Invalid(l.Format(nameof(Strings.Publish_AlreadyDecided), draft.Id, draft.DecidedBy?.DisplayName ?? "StatusBot"));
        }

        // A thread is posted in order: once a later post was approved, an older draft would land out of place.
        if (state.Publications.Thread(draft.Publisher, draft.IncidentId).Any(d => d.Number > draft.Number && d.Status == PublicDraftStatus.Approved))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Publish_Superseded), draft.Id));
        }

        return Decision.Apply(new PublicDraftApproved(command.Actor, time.GetUtcNow(), draft.Id, holding));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var draft = PublishRules.Draft(state, command);
        var lines = new List<string>();
        if (decision.Events.OfType<PublicDraftApproved>().Any(a => a.HoldingToo))
        {
            lines.Add(l.Format(nameof(Strings.Publish_ApprovedHolding), draft.Publisher));
        }

        return new Reply
        {
            Title = l.Format(nameof(Strings.Publish_Approved), draft.Id, draft.Publisher),
            Severity = Severity.Success,
            Lines = [.. lines],
        };
    }
}
