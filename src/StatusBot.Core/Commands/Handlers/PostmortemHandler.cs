using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>incident postmortem &lt;id&gt; [edit|publish] [body…]</c> on a resolved incident: without a step it drafts the
/// postmortem from the timeline (in the admin's language), or shows it once drafted; <c>edit</c> replaces its text;
/// <c>publish</c> makes it public and has the channels told once. Publishing again is possible after an edit.
/// </summary>
public sealed class PostmortemHandler(TimeProvider time) : IDecisionHandler
{
    /// <summary>How much of the text a chat answer shows (platforms cut long messages; the admin API reads the whole).</summary>
    private const int ShownLength = 2800;

    public CommandSpec Spec => Catalog.IncidentPostmortem;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (IncidentRules.Find(state, command, mustBeOpen: false, out var incident) is { } refusal)
        {
            return refusal;
        }

        var l = Localizer.For(command.Culture);
        if (!incident.IsResolved)
        {
            return Decision.Invalid(l.Format(nameof(Strings.Postmortem_NotResolved), incident.Id));
        }

        var body = command.Text("body");
        var now = time.GetUtcNow();
        switch (command.Enum<PostmortemStep>("step"))
        {
            case null when body is not null:
                return Decision.Invalid(l.Format(nameof(Strings.Postmortem_EditWord), incident.Id));
            case null:
                return incident.Postmortem is null
                    ? Decision.Apply(new PostmortemDrafted(command.Actor, now, incident.Id, PostmortemDraft.Write(incident, state, l)))
                    : Decision.NoChange;
            case PostmortemStep.Edit when body is null:
                return Decision.Invalid(l.Format(nameof(Strings.Postmortem_EditNeedsText), incident.Id));
            case PostmortemStep.Edit:
                return incident.Postmortem?.Body == body
                    ? Decision.NoChange
                    : Decision.Apply(new PostmortemEdited(command.Actor, now, incident.Id, body));
            case PostmortemStep.Publish when body is not null:
                return Decision.Invalid(l.Format(nameof(Strings.Postmortem_PublishNoText), incident.Id));
            default:
                if (incident.Postmortem is not { } postmortem)
                {
                    return Decision.Invalid(l.Format(nameof(Strings.Postmortem_None), incident.Id));
                }

                return postmortem.IsPublished && !postmortem.ChangedSincePublished
                    ? Decision.NoChange
                    : Decision.Apply(new PostmortemPublished(command.Actor, now, incident.Id));
        }
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var incident = state.Incidents[command.RequiredText("id")];
        var postmortem = incident.Postmortem!;
        var name = StatusViews.IncidentName(incident, state, l);
        return (decision.Events.Count > 0 ? decision.Events[0] : null) switch
        {
            PostmortemPublished => Done(l.Format(nameof(Strings.Postmortem_Published), name), l[nameof(Strings.Postmortem_PublishedWhere)]),
            PostmortemEdited => Done(
                l.Format(nameof(Strings.Postmortem_Edited), name),
                postmortem.IsPublished ? l.Format(nameof(Strings.Postmortem_EditedLive), incident.Id) : l.Format(nameof(Strings.Postmortem_Hint), incident.Id)),
            PostmortemDrafted => Shown(l.Format(nameof(Strings.Postmortem_Drafted), name), postmortem, incident, l),
            _ when command.Enum<PostmortemStep>("step") == PostmortemStep.Publish =>
                Done(l.Format(nameof(Strings.Postmortem_AlreadyPublished), name), l.Format(nameof(Strings.Postmortem_EditFirst), incident.Id)),
            _ when command.Enum<PostmortemStep>("step") == PostmortemStep.Edit => Done(l.Format(nameof(Strings.Postmortem_Unchanged), name), null),
            _ => Shown(
                l.Format(postmortem.IsPublished ? nameof(Strings.Postmortem_ShownPublished) : nameof(Strings.Postmortem_ShownDraft), name),
                postmortem,
                incident,
                l),
        };
    }

    private static Reply Done(string title, string? line) => new()
    {
        Title = title,
        Lines = line is null ? [] : [line],
        Severity = Severity.Success,
    };

    /// <summary>The text as it stands, cut for chat, then how to edit and publish it.</summary>
    private static Reply Shown(string title, Postmortem postmortem, Incident incident, Localizer l)
    {
        var text = postmortem.Body.Length <= ShownLength ? postmortem.Body : postmortem.Body[..ShownLength] + "…";
        return new Reply
        {
            Title = title,
            Lines = [.. text.TrimEnd().Split('\n'), "", l.Format(nameof(Strings.Postmortem_Hint), incident.Id)],
            Severity = Severity.Info,
        };
    }
}
