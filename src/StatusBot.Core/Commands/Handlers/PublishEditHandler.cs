using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>publish edit &lt;draft&gt; [text…]</c>: the new text replaces the draft's (the incident's link still ends the
/// post), if it fits the platform. Without text (the Edit button), it answers how to edit and shows the current text.
/// </summary>
public sealed class PublishEditHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.PublishEdit;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        if (PublishRules.Find(state, command, mustBePending: true, out var draft) is { } refusal)
        {
            return refusal;
        }

        if (command.Text("text")?.Trim() is not { Length: > 0 } body)
        {
            return Decision.NoChange;
        }

        var length = PublicText.Length(draft.Platform, PublicText.Compose(body, draft.Link));
        if (length > PublicText.Limit(draft.Platform))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Publish_TooLong), length, draft.Platform, PublicText.Limit(draft.Platform)));
        }

        return body == draft.Body ? Decision.NoChange : Decision.Apply(new PublicDraftEdited(command.Actor, time.GetUtcNow(), draft.Id, body));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var draft = PublishRules.Draft(state, command);
        var edited = decision.Events.Count > 0;
        return new Reply
        {
            Title = edited ? l.Format(nameof(Strings.Publish_Edited), draft.Id) : l.Format(nameof(Strings.Publish_EditHow), draft.Id),
            Severity = edited ? Severity.Success : Severity.Info,
            Lines = [PublicText.Compose(draft.Body, draft.Link), l.Format(nameof(Strings.Publish_ApproveHint), draft.Id)],
        };
    }
}
