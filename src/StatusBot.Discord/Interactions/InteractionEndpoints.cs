using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Telemetry;
using StatusBot.Discord.Wire;
using StatusBot.Http;

namespace StatusBot.Discord.Interactions;

/// <summary><c>POST /discord/interactions</c>: signature and freshness first, then replay, then the interaction.</summary>
internal static class InteractionEndpoints
{
    public const string Route = "/discord/interactions";

    /// <summary>Interactions are small; anything bigger is refused before it is read.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Bytes of answers that are reused (read commands within a second), serialized once.</summary>
    private static readonly ConditionalWeakTable<InteractionResponse, byte[]> Serialized = [];

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost(Route, HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var request = context.Request;
        var response = context.Response;
        var (body, tooLarge) = await BoundedBody.ReadWithReasonAsync(request.Body, request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (tooLarge)
        {
            // Declared too large, or a chunked body that grew past the limit: refused before the rest is read.
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var verifier = services.GetRequiredService<InteractionVerifier>();
        var failure = body is null
            ? StatusBotMetrics.SignatureFailureReasons.Body
            : verifier.Failure(request.Headers["X-Signature-Timestamp"], request.Headers["X-Signature-Ed25519"], body);
        if (failure is not null)
        {
            StatusBotMetrics.SignatureFailure("discord", failure);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            await response.WriteAsync("invalid request signature", context.RequestAborted);
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null || string.IsNullOrEmpty(interaction.Id))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // A signed request seen before is a replay: refuse it like a bad signature, so it never runs twice.
        if (interaction.Type != 1 && !services.GetRequiredService<ReplayGuard>().TryAccept(interaction.Id))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            await response.WriteAsync("interaction already received", context.RequestAborted);
            return;
        }

        var answer = await services.GetRequiredService<InteractionHandler>().HandleAsync(interaction, context.RequestAborted);
        if (answer is null)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var bytes = Serialized.GetValue(answer, a => JsonSerializer.SerializeToUtf8Bytes(a, DiscordJsonContext.Default.InteractionResponse));
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
