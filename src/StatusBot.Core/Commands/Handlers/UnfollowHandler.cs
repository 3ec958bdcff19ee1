using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>unfollow [service]</c>: no more direct messages about the service (about anything, when none is named).</summary>
public sealed class UnfollowHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.Unfollow;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        if (FollowRules.Recipient(command) is not { } recipient)
        {
            return Decision.Invalid(FollowRules.NoRecipient(l));
        }

        var service = command.Text("service");
        var follows = FollowRules.Follows(state, recipient);
        if (service is not null ? !follows.Any(f => f.ServiceId == service) : follows.Count == 0)
        {
            return Decision.Invalid(service is null
                ? l[nameof(Strings.Follow_NothingFollowed)]
                : l.Format(nameof(Strings.Follow_NotFollowing), FollowRules.ServiceText(state, service, l)));
        }

        // Follows recorded before the workspace was known are the caller's too: they stop as well.
        var now = time.GetUtcNow();
        return Decision.Apply([.. follows
            .Where(f => service is null || f.ServiceId == service)
            .Select(f => f.Recipient.Key)
            .Distinct(StringComparer.Ordinal)
            .Select(key => new ServiceUnfollowed(command.Actor, now, key, service))]);
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var title = command.Text("service") is { } id
            ? l.Format(nameof(Strings.Follow_Unfollowed), FollowRules.ServiceText(state, id, l))
            : l[nameof(Strings.Follow_UnfollowedAll)];
        return new Reply { Title = title, Severity = Severity.Success };
    }
}
