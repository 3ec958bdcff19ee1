using StatusBot.Core.Board;
using StatusBot.Core.Publishing;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>What the <c>publish</c> commands share: finding the draft the admin named, and refusing one already decided.</summary>
internal static class PublishRules
{
    /// <summary>Null when the draft exists (and is undecided when <paramref name="mustBePending"/>), else the refusal.</summary>
    public static Decision? Find(BoardState state, ChatCommand command, bool mustBePending, out PublicDraft draft)
    {
        var l = Localizer.For(command.Culture);
        var typed = command.RequiredText("draft");
        draft = null!;
        if (PublicSubjects.Normalize(typed) is not { } id || !state.Publications.Drafts.TryGetValue(id, out var found))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Publish_UnknownDraft), typed));
        }

        draft = found;
        return mustBePending && found.IsDecided
            ? Decision.Invalid(l.Format(nameof(Strings.Publish_AlreadyDecided), found.Id, found.DecidedBy?.DisplayName ?? "StatusBot"))
            : null;
    }

    /// <summary>The draft named by the command, once its decision is applied.</summary>
    public static PublicDraft Draft(BoardState state, ChatCommand command) =>
        state.Publications.Drafts[PublicSubjects.Normalize(command.RequiredText("draft"))!];
}
