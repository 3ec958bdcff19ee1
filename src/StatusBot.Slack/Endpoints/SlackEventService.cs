using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Chat;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Events API deliveries for both transports: <c>app_mention</c> and direct messages (<c>message.im</c>) are answered in
/// a thread through the chat pipeline (a command, or a question for the intent matcher), once per <c>event_id</c>, after
/// the delivery has been acknowledged.
/// </summary>
public sealed partial class SlackEventService(
    ChatPipeline pipeline,
    SlackCallers callers,
    ISlackWebApi api,
    ChatDeferrals background,
    SlackEventDeduplicator deduplicator,
    ILogger<SlackEventService> logger)
{
    /// <summary>Takes an <c>event_callback</c>: returns at once; the answer is posted in the background.</summary>
    internal bool Accept(EventDelivery delivery)
    {
        if (delivery.Event is not { } ev || delivery.EventId is not { Length: > 0 } eventId)
        {
            return false;
        }

        if (!deduplicator.TryClaim(eventId))
        {
            LogDuplicate(logger, eventId);
            return false;
        }

        var botUserId = delivery.Authorizations?.FirstOrDefault(a => a.IsBot)?.UserId;
        if (!IsForUs(ev, botUserId))
        {
            return false;
        }

        background.Run(ct => AnswerAsync(ev, ct));
        return true;
    }

    private static bool IsForUs(EventDto ev, string? botUserId)
    {
        if (ev.User is not { Length: > 0 } user || ev.BotId is not null || ev.Subtype is not null || ev.Channel is null || user == botUserId)
        {
            // Bots (ourselves included), edits and joins never get an answer: no loops, no noise.
            return false;
        }

        return ev.Type == "app_mention" || (ev.Type == "message" && ev.ChannelType == "im");
    }

    private async Task AnswerAsync(EventDto ev, CancellationToken cancellationToken)
    {
        var text = Clean(ev.Text ?? "");
        var caller = await callers.ResolveAsync(ev.User!, null, needsAdmin: true, cancellationToken);
        if (ev.Channel is { Length: > 0 } channel)
        {
            caller = caller with { Channel = new ChannelRef(SlackCallers.Platform, channel) };
        }
        var result = await pipeline.AnswerAsync(new ChatRequest(caller, ChatInput.Message(text)), cancellationToken);
        if (result is null)
        {
            return;
        }

        // The thread is public: buttons for admins only are left out; the core checks again when one is pressed.
        var message = SlackRenderer.Render(result.Reply, showAdminActions: false) with
        {
            Channel = ev.Channel,
            ThreadTs = ev.ThreadTs ?? ev.Ts,
            UnfurlLinks = false,
        };
        var sent = await api.PostMessageAsync(message, cancellationToken);
        if (!sent.Ok)
        {
            LogPostFailed(logger, ev.Channel!, sent.Error);
        }
    }

    /// <summary>The words of a message without the bot's mention, with Slack's entities turned back into characters.</summary>
    internal static string Clean(string text) =>
        SlackEscape.Unescape(MentionPattern().Replace(text, " ")).Trim();

    [GeneratedRegex(@"<@[UWB][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex MentionPattern();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventId} already taken; ignoring the repeat")]
    private static partial void LogDuplicate(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer in Slack channel {Channel}: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string channel, string? error);
}
