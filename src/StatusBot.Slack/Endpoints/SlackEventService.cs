using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Chat;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Events API deliveries for both transports: <c>app_mention</c> and direct messages (<c>message.im</c>) are answered in
/// a thread through the chat pipeline (a command, or a question for the intent matcher), once per <c>event_id</c>, after
/// the delivery has been acknowledged. A crowd's mentions in a channel are answered as <see cref="MentionReplyPlanner"/>
/// plans: the first in its own thread, the next ones in that same thread, the rest with a reaction.
/// </summary>
public sealed partial class SlackEventService(
    ChatPipeline pipeline,
    SlackCallers callers,
    ISlackWebApi api,
    ChatDeferrals background,
    SlackEventDeduplicator deduplicator,
    MentionReplyPlanner planner,
    ILogger<SlackEventService> logger)
{
    /// <summary>The reaction on a mention answered without a post of its own (<c>reactions.add</c> takes the name without colons).</summary>
    public const string SeenReaction = "eyes";

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

        background.Run(ct => AnswerAsync(ev, delivery.TeamId, ct));
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

    private async Task AnswerAsync(EventDto ev, string? teamId, CancellationToken cancellationToken)
    {
        var text = Clean(ev.Text ?? "");
        var caller = await callers.ResolveAsync(ev.User!, null, needsAdmin: true, cancellationToken);
        if (ev.Channel is { Length: > 0 } channel)
        {
            caller = caller with { Channel = SlackCallers.Channel(channel, teamId) };
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

        // A mention at the top of a channel is one of a possible crowd; a DM or a mention inside a thread is a conversation.
        var plan = ev.Type == "app_mention" && ev.ThreadTs is null && ev.Ts is not null
            ? planner.Plan(caller.Channel!, result.Topic)
            : MentionReplyPlan.Alone;
        if (plan.Kind == MentionReplyKind.InChannel)
        {
            await AnswerFirstAsync(message, plan.Thread, cancellationToken);
            return;
        }

        // In the first answer's thread while it has room (and was posted at all); else a reaction on the mention.
        if (plan.Kind == MentionReplyKind.InThread && await plan.Thread!.AnchorAsync(cancellationToken) is { } threadTs)
        {
            await PostAsync(Addressed(message, ev.User!) with { ThreadTs = threadTs }, cancellationToken);
            return;
        }

        var reacted = await api.AddReactionAsync(ev.Channel!, ev.Ts!, SeenReaction, cancellationToken);
        if (!reacted.Ok)
        {
            LogReactionFailed(logger, ev.Channel!, reacted.Error);
        }
    }

    /// <summary>Posts the answer; when others may join it, tells them the thread it went to (or that it did not go).</summary>
    private async Task AnswerFirstAsync(SlackMessage message, MentionThread? thread, CancellationToken cancellationToken)
    {
        string? threadTs = null;
        try
        {
            if (await PostAsync(message, cancellationToken))
            {
                threadTs = message.ThreadTs;
            }
        }
        finally
        {
            thread?.Answered(threadTs);
        }
    }

    private async Task<bool> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        var sent = await api.PostMessageAsync(message, cancellationToken);
        if (!sent.Ok)
        {
            LogPostFailed(logger, message.Channel!, sent.Error);
        }

        return sent.Ok;
    }

    /// <summary>An answer in someone else's thread names its asker, so they are notified of it.</summary>
    private static SlackMessage Addressed(SlackMessage message, string userId)
    {
        if (!UserIdPattern().IsMatch(userId) || message.Blocks is not { Count: < SlackRenderer.MaxBlocks } blocks)
        {
            return message;
        }

        var mention = $"<@{userId}>";
        return message with
        {
            Text = SlackEscape.Truncate(mention + " " + message.Text, SlackRenderer.MaxFallback),
            Blocks = [new ContextBlock([SlackText.Markdown(mention)]), .. blocks],
        };
    }

    /// <summary>The words of a message without the bot's mention, with Slack's entities turned back into characters.</summary>
    internal static string Clean(string text) =>
        SlackEscape.Unescape(MentionPattern().Replace(text, " ")).Trim();

    [GeneratedRegex(@"<@[UWB][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex MentionPattern();

    [GeneratedRegex("^[UW][A-Z0-9]+$")]
    private static partial Regex UserIdPattern();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventId} already taken; ignoring the repeat")]
    private static partial void LogDuplicate(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer in Slack channel {Channel}: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not react in Slack channel {Channel}: {Error}")]
    private static partial void LogReactionFailed(ILogger logger, string channel, string? error);
}
