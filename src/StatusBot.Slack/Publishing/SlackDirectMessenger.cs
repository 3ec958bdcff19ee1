using StatusBot.Core.Announcing;
using StatusBot.Core.Following;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Publishing;

/// <summary>
/// Opens direct message channels on Slack (<c>conversations.open</c>, scope <c>im:write</c>). A user Slack will not let the
/// bot write to (<c>cannot_dm_bot</c>, <c>user_not_found</c>, <c>user_disabled</c>) is reported as gone. A follower's
/// direct message is opened in the follower's own workspace (its bot token), and posted there.
/// </summary>
public sealed class SlackDirectMessenger(ISlackWebApi api) : IDirectMessenger
{
    public string Platform => "slack";

    public async Task<PublishResult> OpenAsync(DirectRecipient recipient, CancellationToken cancellationToken)
    {
        var result = await api.OpenDirectAsync(recipient.UserId, cancellationToken, recipient.WorkspaceId);
        return result is { Ok: true, Channel: { Length: > 0 } channel }
            ? PublishResult.Delivered(channel)
            : SlackChatPublisher.Failure(result.Ok ? result with { Outcome = SlackCallOutcome.Failed, Error = "no_channel_in_answer" } : result);
    }
}
