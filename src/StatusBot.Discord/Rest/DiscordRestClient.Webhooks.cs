using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

internal sealed partial class DiscordRestClient
{
    /// <summary><c>POST /webhooks/{id}/{token}?wait=true</c> (optionally into a thread), returning the message.</summary>
    public Task<RestResult<DiscordMessage>> ExecuteWebhookAsync(string webhookId, string token, MessagePayload payload, string? threadId, CancellationToken cancellationToken)
    {
        var query = threadId is null ? "?wait=true" : $"?wait=true&thread_id={Id(threadId)}";
        var route = new DiscordRoute(HttpMethod.Post, "/webhooks/{webhook_id}/{webhook_token}", webhookId + "/" + token, $"/webhooks/{Id(webhookId)}/{Token(token)}{query}")
        {
            Authenticated = false,
        };
        return SendAsync(route, payload, DiscordJsonContext.Default.MessagePayload, DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    public Task<RestResult<DiscordMessage>> EditOriginalAsync(string applicationId, string token, MessagePayload payload, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Patch,
            "/webhooks/{application_id}/{interaction_token}/messages/@original",
            applicationId + "/" + token,
            $"/webhooks/{Id(applicationId)}/{Token(token)}/messages/@original")
        {
            Authenticated = false,
            CountsTowardGlobal = false,
        };
        return SendAsync(route, payload, DiscordJsonContext.Default.MessagePayload, DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    public async Task<RestResult<bool>> CallbackAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Post,
            "/interactions/{interaction_id}/{interaction_token}/callback",
            interactionId,
            $"/interactions/{Id(interactionId)}/{Token(token)}/callback")
        {
            Authenticated = false,
            CountsTowardGlobal = false,
        };
        var result = await SendAsync<DiscordError>(route, response, DiscordJsonContext.Default.InteractionResponse, null, cancellationToken);
        return new RestResult<bool>(result.Status, result.IsSuccess, result.Error, result.RetryAfter, result.Code);
    }

    /// <summary>Interaction and webhook tokens are URL-safe; anything else is refused rather than escaped into the path.</summary>
    private static string Token(string token) =>
        token.Length is > 0 and <= 500 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? token
            : throw new ArgumentException("Not a Discord token.", nameof(token));
}
