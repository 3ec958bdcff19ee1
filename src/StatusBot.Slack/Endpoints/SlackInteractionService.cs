using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Chat;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Buttons on the bot's own messages (<c>block_actions</c>): each carries a catalog command (<see cref="ReplyAction"/>),
/// run as the presser through the same pipeline as a typed command (so a viewer's press of an admin button is refused the
/// same way); the answer goes to the presser alone, through <c>response_url</c>.
/// </summary>
public sealed partial class SlackInteractionService(
    ChatPipeline pipeline,
    SlackCallers callers,
    ISlackWebApi api,
    ChatDeferrals background,
    IOptions<SlackOptions> options,
    ILogger<SlackInteractionService> logger)
{
    internal bool Accept(InteractionPayload payload)
    {
        if (payload.Type != "block_actions" || payload.User is not { } user || payload.Actions is not [var action, ..])
        {
            return false;
        }

        background.Run(ct => PressAsync(payload, user, action, ct));
        return true;
    }

    private async Task PressAsync(InteractionPayload payload, InteractionUser user, InteractionAction action, CancellationToken cancellationToken)
    {
        var command = ReplyAction.PressedCommand(action.Value);
        // The channel and workspace of the press, as for a typed command: a follow is the presser's in that workspace.
        var pressedIn = payload.Channel?.Id is { Length: > 0 } channelId ? SlackCallers.Channel(channelId, payload.Team?.Id ?? user.TeamId) : null;
        var caller = callers.Quick(user.Id, user.Username ?? user.Name, pressedIn);
        SlackMessage message;
        if (command is null)
        {
            message = SlackRenderer.Render(Reply.Error(Localizer.For(caller.Culture)[nameof(Strings.Chat_ButtonUnknown)]), showAdminActions: false);
        }
        else
        {
            // The press was claimed by its trigger_id before it was queued: no second claim here.
            var request = new ChatRequest(caller, ChatInput.CommandText(command)) { Lookup = callers };
            if (await pipeline.AnswerAsync(request, cancellationToken) is not { } result)
            {
                return;
            }

            message = SlackRenderer.Render(result.Reply, result.ForAdmin);
        }

        message = message with { ResponseType = SlackMessage.Ephemeral, ReplaceOriginal = false };
        SlackApiResult sent;
        if (payload.ResponseUrl is { Length: > 0 } url)
        {
            sent = await api.RespondAsync(url, message, cancellationToken);
        }
        else if (options.Value.CanPost && payload.Channel?.Id is { } channel)
        {
            sent = await api.PostEphemeralAsync(message with { Channel = channel, User = user.Id, ResponseType = null, ReplaceOriginal = null }, cancellationToken);
        }
        else
        {
            return;
        }

        if (!sent.Ok)
        {
            LogAnswerFailed(logger, action.ActionId, sent.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer Slack button {ActionId}: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string actionId, string? error);
}
