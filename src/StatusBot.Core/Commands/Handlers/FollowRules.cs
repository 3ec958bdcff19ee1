using StatusBot.Core.Following;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>What <c>follow</c>, <c>unfollow</c> and <c>following</c> share: who the caller is as a recipient, and how a follow reads.</summary>
internal static class FollowRules
{
    /// <summary>The platforms a direct message can reach.</summary>
    private static readonly string[] DirectPlatforms = ["slack", "discord"];

    /// <summary>The caller as a recipient of direct messages, or null where there is none (the console, the admin API).</summary>
    public static DirectRecipient? Recipient(ChatCommand command) =>
        DirectPlatforms.Contains(command.Actor.Platform, StringComparer.Ordinal)
            ? new DirectRecipient(command.Actor.Platform, command.Actor.UserId, command.Actor.Platform == "slack" ? command.Channel?.WorkspaceId : null)
            : null;

    /// <summary>
    /// The key the caller had as a follower before Slack followers were recorded with their workspace
    /// (<c>dm:slack:-:U1</c>), when the caller has a workspace now; null otherwise.
    /// </summary>
    public static string? UnplacedKey(DirectRecipient recipient) =>
        recipient.WorkspaceId is null ? null : RecipientKeys.Direct(recipient.Platform, null, recipient.UserId);

    /// <summary>The caller's follows: those of this workspace, and those recorded without one.</summary>
    public static List<Follow> Follows(BoardState state, DirectRecipient recipient) =>
        [.. state.Following.Of(recipient.Key).Concat(UnplacedKey(recipient) is { } unplaced ? state.Following.Of(unplaced) : []).OrderBy(f => f.ServiceId, StringComparer.Ordinal)];

    public static string NoRecipient(Localizer l) => l[nameof(Strings.Follow_NoRecipient)];

    public static string ServiceText(BoardState state, string serviceId, Localizer l) =>
        serviceId == Follow.EveryService ? l[nameof(Strings.Follow_EveryService)] : state.ServiceName(serviceId);
}
