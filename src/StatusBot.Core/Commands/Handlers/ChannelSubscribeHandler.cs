using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>channel subscribe [services…]</c>: the caller's channel receives announcements (all services when none are named).</summary>
public sealed class ChannelSubscribeHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.ChannelSubscribe;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (ChannelRules.Require(state, command, mustBeSubscribed: false, out var channel, out var existing) is { } refusal)
        {
            return refusal;
        }

        var locale = existing?.Locale ?? Locales.Code(command.Culture);
        var services = command.ServiceIds("services");
        if (existing is not null && existing.IsActive && existing.Services.SequenceEqual(services))
        {
            return Decision.NoChange;
        }

        return Decision.Apply(new ChannelSubscribed(command.Actor, time.GetUtcNow(), channel!, services, locale));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var services = ChannelRules.ServicesText(state, command.ServiceIds("services"), l);
        return new Reply { Title = l.Format(nameof(Strings.Channel_Subscribed), services), Severity = Severity.Success };
    }
}
