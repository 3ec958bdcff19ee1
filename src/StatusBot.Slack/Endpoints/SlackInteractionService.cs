using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Buttons on the bot's own messages (<c>block_actions</c>): "show timeline" for everyone, "resolve" for admins. Only
/// the commands those buttons carry are run; the answer goes to the presser through <c>response_url</c>.
/// </summary>
public sealed partial class SlackInteractionService(
    CommandDispatcher dispatcher,
    SlackCallers callers,
    ISlackWebApi api,
    SlackBackgroundWork background,
    IOptions<SlackOptions> options,
    ILogger<SlackInteractionService> logger)
{
    internal bool Accept(InteractionPayload payload)
    {
        if (payload.Type != "block_actions" || payload.User is not { } user || payload.Actions is not [var action, ..])
        {
            return false;
        }

        background.Enqueue(ct => PressAsync(payload, user, action, ct));
        return true;
    }

    /// <summary>The catalog command a button of ours carries, or null for anything else.</summary>
    internal static string? ButtonCommand(string actionId, string? value)
    {
        if (value is null || ButtonValue().Match(value) is not { Success: true } match)
        {
            return null;
        }

        var expected = (match.Groups[1].Value == "show" ? "timeline:" : "resolve:") + match.Groups[2].Value;
        return string.Equals(actionId, expected, StringComparison.OrdinalIgnoreCase) ? value : null;
    }

    private async Task PressAsync(InteractionPayload payload, InteractionUser user, InteractionAction action, CancellationToken cancellationToken)
    {
        var command = ButtonCommand(action.ActionId, action.Value);
        var caller = await callers.ResolveAsync(user.Id, user.Username ?? user.Name, needsAdmin: command is not null && SlackCallers.NeedsAdmin(command), cancellationToken);
        Reply reply;
        if (command is null)
        {
            reply = Reply.Error(Localizer.For(caller.Culture)[nameof(Strings.Slack_ButtonUnknown)]);
        }
        else
        {
            reply = (await dispatcher.DispatchTextAsync(command, caller, cancellationToken)).Reply;
        }

        var message = SlackRenderer.Render(reply, caller.IsAdmin) with { ResponseType = SlackMessage.Ephemeral, ReplaceOriginal = false };
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

    [GeneratedRegex(@"^incident (show|resolve) (INC-\d{1,9})$", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonValue();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer Slack button {ActionId}: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string actionId, string? error);
}
