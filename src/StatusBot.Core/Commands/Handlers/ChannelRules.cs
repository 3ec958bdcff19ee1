using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Checks shared by the channel commands: they need a channel, and most need it subscribed. A channel subscribed before its
/// workspace was recorded is found by its channel id alone, and the commands then act on that subscription.
/// </summary>
internal static class ChannelRules
{
    public static Decision? Require(BoardState state, ChatCommand command, bool mustBeSubscribed, out ChannelRef? channel, out ChannelSubscription? subscription)
    {
        var l = Localizer.For(command.Culture);
        channel = command.Channel;
        subscription = null;
        if (channel is null)
        {
            return Decision.Invalid(l[nameof(Strings.Channel_NoChannel)]);
        }

        subscription = state.Announcements.Channels.GetValueOrDefault(ChannelKeys.Of(channel));
        if (subscription is null && channel.WorkspaceId is not null
            && state.Announcements.Channels.GetValueOrDefault(ChannelKeys.Of(channel with { WorkspaceId = null })) is { } unplaced)
        {
            // Subscribed before its workspace was known (slack:-:C1): the channel keeps that subscription and its key.
            channel = unplaced.Channel;
            subscription = unplaced;
        }

        return mustBeSubscribed && subscription is null ? Decision.Invalid(l[nameof(Strings.Channel_NotSubscribed)]) : null;
    }

    public static string ServicesText(BoardState state, IEnumerable<string> services, Localizer l)
    {
        var names = services.Select(state.ServiceName).ToList();
        return names.Count == 0 ? l[nameof(Strings.Channel_AllServices)] : l.List(names);
    }
}
