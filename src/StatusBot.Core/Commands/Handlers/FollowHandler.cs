using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Following;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>follow [service] [resolved]</c>: the caller gets a direct message at each change of the service's incidents
/// (every service when none is named), or only when one is resolved, in the language they ask in.
/// </summary>
public sealed class FollowHandler(TimeProvider time) : IDecisionHandler
{
    /// <summary>The word that asks to be told only at the resolution.</summary>
    public const string ResolvedWord = "resolved";

    public CommandSpec Spec => Catalog.Follow;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        if (FollowRules.Recipient(command) is not { } recipient)
        {
            return Decision.Invalid(FollowRules.NoRecipient(l));
        }

        if (command.Text("resolved") is { } word && !IsResolvedWord(word, l))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Follow_BadResolved), word, l[nameof(Strings.Follow_ResolvedWord)]));
        }

        var service = command.Text("service") ?? Follow.EveryService;
        var resolvedOnly = command.Has("resolved");
        var locale = Locales.Code(command.Culture);
        var existing = state.Following.Follows.GetValueOrDefault(FollowKeys.Of(recipient.Key, service));
        var unplaced = FollowRules.UnplacedKey(recipient) is { } old && state.Following.Follows.ContainsKey(FollowKeys.Of(old, service)) ? old : null;
        if (existing is not null && existing.ResolvedOnly == resolvedOnly && existing.Locale == locale && unplaced is null)
        {
            return Decision.NoChange;
        }

        // The same follow recorded before the workspace was known moves to this workspace: one direct message, not two.
        var now = time.GetUtcNow();
        var followed = new ServiceFollowed(command.Actor, now, recipient, service, resolvedOnly, locale);
        return unplaced is null
            ? Decision.Apply(followed)
            : Decision.Apply(new ServiceUnfollowed(command.Actor, now, unplaced, service), followed);
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var service = FollowRules.ServiceText(state, command.Text("service") ?? Follow.EveryService, l);
        var key = command.Has("resolved") ? nameof(Strings.Follow_DoneResolved) : nameof(Strings.Follow_Done);
        return new Reply
        {
            Title = l.Format(key, service),
            Lines = [l.Format(nameof(Strings.Follow_HowToStop), command.Text("service") is { } id ? "unfollow " + id : "unfollow")],
            Severity = Severity.Success,
        };
    }

    /// <summary><c>resolved</c>, or its word in the caller's language.</summary>
    private static bool IsResolvedWord(string word, Localizer l) =>
        string.Equals(word, ResolvedWord, StringComparison.OrdinalIgnoreCase)
        || string.Equals(word, l[nameof(Strings.Follow_ResolvedWord)], StringComparison.OrdinalIgnoreCase);
}
