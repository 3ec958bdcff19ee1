using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>publish skip &lt;draft&gt;</c>: the draft is never posted; the thread goes on with the next one approved.</summary>
public sealed class PublishSkipHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.PublishSkip;

    public Decision Decide(BoardState state, ChatCommand command) =>
        PublishRules.Find(state, command, mustBePending: true, out var draft) is { } refusal
            ? refusal
            : Decision.Apply(new PublicDraftSkipped(command.Actor, time.GetUtcNow(), draft.Id));

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var draft = PublishRules.Draft(state, command);
        return new Reply { Title = l.Format(nameof(Strings.Publish_Skipped), draft.Id, draft.Publisher), Severity = Severity.Success };
    }
}
