using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>following</c>: the services the caller follows on this platform, and how.</summary>
public sealed class FollowingHandler : IQueryHandler
{
    public CommandSpec Spec => Catalog.Following;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        if (FollowRules.Recipient(command) is not { } recipient)
        {
            return new Reply { Title = FollowRules.NoRecipient(l) };
        }

        var follows = FollowRules.Follows(state, recipient);
        if (follows.Count == 0)
        {
            return new Reply { Title = l[nameof(Strings.Follow_NoneTitle)], Lines = [l[nameof(Strings.Follow_NoneHint)]] };
        }

        return new Reply
        {
            Title = l.Plural(nameof(Strings.Follow_ListTitle), follows.Count),
            Lines = [.. follows.Select(f => l.Format(
                f.ResolvedOnly ? nameof(Strings.Follow_LineResolved) : nameof(Strings.Follow_LineEveryChange),
                FollowRules.ServiceText(state, f.ServiceId, l)))],
            Footer = l[nameof(Strings.Follow_ListFooter)],
        };
    }
}
