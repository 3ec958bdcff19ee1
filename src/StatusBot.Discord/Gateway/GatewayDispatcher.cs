using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
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
/// <c>MESSAGE_CREATE</c> that mentions the bot (or a DM) answered as a reply through the chat pipeline.
/// </summary>
internal sealed partial class GatewayDispatcher(
    InteractionHandler interactions,
    ChatPipeline pipeline,
    DiscordAdmins admins,
    DiscordRestClient rest,
    ChatDeferrals work,
    ILogger<GatewayDispatcher> logger)
{
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

        var payload = DiscordRenderer.ToMessage(answer.Reply, showAdminActions: false) with { MessageReference = new MessageReference(message.Id) };
        var sent = await rest.CreateMessageAsync(message.ChannelId, payload, cancellationToken);
        if (!sent.IsSuccess)
        {
            LogReplyFailed(logger, message.ChannelId, (int)sent.Status);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed gateway event {Type}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway event {Type} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type);
}
