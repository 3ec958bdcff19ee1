using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;
using StatusBot.Discord.Interactions;
using StatusBot.Discord.Rendering;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Gateway;

/// <summary>
/// Handles gateway events off the receive loop: <c>INTERACTION_CREATE</c> answered through the callback endpoint, and
/// <c>MESSAGE_CREATE</c> that mentions the bot (or a DM) answered as a reply through the chat pipeline. A crowd's mentions
/// in a guild channel are answered as <see cref="MentionReplyPlanner"/> plans: the first as a reply in the channel, the
/// next ones in a thread started from that reply, the rest with a reaction.
/// </summary>
internal sealed partial class GatewayDispatcher(
    InteractionHandler interactions,
    ChatPipeline pipeline,
    DiscordAdmins admins,
    DiscordRestClient rest,
    ChatDeferrals work,
    MentionReplyPlanner planner,
    ILogger<GatewayDispatcher> logger)
{
    /// <summary>The reaction on a mention answered without a post of its own.</summary>
    public const string SeenReaction = "\U0001F440";

    private const int MaxThreadName = 100;

    public void Dispatch(string type, JsonElement data, string? botUserId)
    {
        var task = type switch
        {
            "INTERACTION_CREATE" => InteractionAsync(data, work.Stopping),
            "MESSAGE_CREATE" => MessageAsync(data, botUserId, work.Stopping),
            _ => null,
        };

        if (task is not null)
        {
            work.Track(GuardAsync(type, task));
        }
    }

    private async Task InteractionAsync(JsonElement data, CancellationToken cancellationToken)
    {
        var interaction = Read(data, DiscordJsonContext.Default.Interaction, "INTERACTION_CREATE");
        if (interaction?.Id is not { } id || interaction.Token is not { } token)
        {
            return;
        }

        if (await interactions.HandleAsync(interaction, cancellationToken) is { } response)
        {
            var sent = await rest.CallbackAsync(id, token, response, cancellationToken);
            if (!sent.IsSuccess)
            {
                LogCallbackFailed(logger, id, (int)sent.Status);
            }
        }
    }

    private async Task MessageAsync(JsonElement data, string? botUserId, CancellationToken cancellationToken)
    {
        var message = Read(data, DiscordJsonContext.Default.DiscordMessage, "MESSAGE_CREATE");
        if (message?.Author is not { Id: { } authorId } author || author.Bot == true || message.Id is null || message.ChannelId is null)
        {
            return;
        }

        var direct = message.GuildId is null;
        var mentioned = botUserId is not null && (message.Mentions ?? []).Any(u => u.Id == botUserId);
        if (!direct && !mentioned)
        {
            return;
        }

        var text = (message.Content ?? "")
            .Replace($"<@{botUserId}>", "", StringComparison.Ordinal)
            .Replace($"<@!{botUserId}>", "", StringComparison.Ordinal)
            .Trim();

        // Messages carry no permissions and no locale: admins here are the configured roles and users; answers in the
        // language of the question, else English.
        var member = message.Member is null ? null : message.Member with { User = author, Permissions = null };
        var actor = new Actor(InteractionHandler.Platform, authorId, message.Member?.Nick ?? author.GlobalName ?? author.Username ?? authorId);
        var caller = new Caller(actor, admins.IsAdmin(member, author), Locales.English) { CultureIsDefault = true };
        if (await pipeline.AnswerAsync(new ChatRequest(caller, ChatInput.Message(text)), cancellationToken) is not { } answer)
        {
            return;
        }

        var payload = DiscordRenderer.ToMessage(answer.Reply, showAdminActions: false);
        var plan = direct ? MentionReplyPlan.Alone : planner.Plan(new ChannelRef(InteractionHandler.Platform, message.ChannelId), answer.Topic);
        if (plan.Kind == MentionReplyKind.InChannel)
        {
            await AnswerFirstAsync(message.ChannelId, payload with { MessageReference = new MessageReference(message.Id) }, plan.Thread, cancellationToken);
            return;
        }

        // In the thread started from the first answer while it has room (and was posted at all); else a reaction.
        if (plan.Kind == MentionReplyKind.InThread
            && await plan.Thread!.OpenAsync((first, ct) => StartThreadAsync(message.ChannelId, first, answer.Reply.Title, ct), cancellationToken) is { } threadId)
        {
            // Named, so the asker is notified of an answer outside their own message; nobody else can be pinged.
            var addressed = payload with { Content = $"<@{authorId}>", AllowedMentions = AllowedMentions.Only(authorId) };
            await PostAsync(threadId, addressed, cancellationToken);
            return;
        }

        var reacted = await rest.AddReactionAsync(message.ChannelId, message.Id, SeenReaction, cancellationToken);
        if (!reacted.IsSuccess)
        {
            LogReactionFailed(logger, message.ChannelId, (int)reacted.Status);
        }
    }

    /// <summary>Posts the answer; when others may join it, tells them which message it is (or that it was not posted).</summary>
    private async Task AnswerFirstAsync(string channelId, MessagePayload payload, MentionThread? thread, CancellationToken cancellationToken)
    {
        string? posted = null;
        try
        {
            posted = await PostAsync(channelId, payload, cancellationToken);
        }
        finally
        {
            thread?.Answered(posted);
        }
    }

    private async Task<string?> PostAsync(string channelId, MessagePayload payload, CancellationToken cancellationToken)
    {
        var sent = await rest.CreateMessageAsync(channelId, payload, cancellationToken);
        if (!sent.IsSuccess)
        {
            LogReplyFailed(logger, channelId, (int)sent.Status);
        }

        return sent.IsSuccess ? sent.Value?.Id : null;
    }

    /// <summary>Starts the thread of a crowd's answers from the first answer; a thread started from a message has its id.</summary>
    private async Task<string?> StartThreadAsync(string channelId, string answerId, string title, CancellationToken cancellationToken)
    {
        var plain = TimeMarks.Plain(title);
        var name = plain.Length == 0 ? "StatusBot" : plain.Length <= MaxThreadName ? plain : plain[..(MaxThreadName - 1)] + "…";
        var started = await rest.StartThreadAsync(channelId, answerId, name, cancellationToken);
        if (started.IsSuccess || started.Code == DiscordPublisher.ThreadAlreadyCreated)
        {
            return answerId;
        }

        LogThreadFailed(logger, channelId, (int)started.Status);
        return null;
    }

    /// <summary>The event's data, or null (and a warning, not an error) when it does not have the documented shape.</summary>
    private T? Read<T>(JsonElement data, JsonTypeInfo<T> type, string eventType)
        where T : class
    {
        try
        {
            return data.Deserialize(type);
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, eventType, ex.Message);
            return null;
        }
    }

    private async Task GuardAsync(string type, Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer gateway interaction {InteractionId}: HTTP {Status}")]
    private static partial void LogCallbackFailed(ILogger logger, string interactionId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reply in channel {ChannelId}: HTTP {Status}")]
    private static partial void LogReplyFailed(ILogger logger, string channelId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not react in channel {ChannelId}: HTTP {Status}")]
    private static partial void LogReactionFailed(ILogger logger, string channelId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a thread for answers in channel {ChannelId}: HTTP {Status}")]
    private static partial void LogThreadFailed(ILogger logger, string channelId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed gateway event {Type}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway event {Type} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type);
}
