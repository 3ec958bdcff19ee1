using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

/// <summary>The interaction-token calls: answering a gateway interaction and finishing a deferred reply.</summary>
internal interface IDiscordInteractionClient
{
    /// <summary><c>POST /interactions/{id}/{token}/callback</c>.</summary>
    Task<RestResult<bool>> CallbackAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken);

    /// <summary><c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
    Task<RestResult<DiscordMessage>> EditOriginalAsync(string applicationId, string token, MessagePayload payload, CancellationToken cancellationToken);
}
