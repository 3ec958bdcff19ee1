using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>channel unsubscribe</c>: the caller's channel stops receiving announcements.</summary>
public sealed class ChannelUnsubscribeHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.ChannelUnsubscribe;

    public Decision Decide(BoardState state, ChatCommand command) =>
        ChannelRules.Require(state, command, mustBeSubscribed: true, out var channel, out _) is { } refusal
            ? refusal
            : Decision.Apply(new ChannelUnsubscribed(command.Actor, time.GetUtcNow(), ChannelKeys.Of(channel!)));

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision) =>
        new() { Title = Localizer.For(command.Culture)[nameof(Strings.Channel_Unsubscribed)], Severity = Severity.Success };
}
