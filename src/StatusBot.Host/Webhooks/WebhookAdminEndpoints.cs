using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Webhooks;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Admin;
using StatusBot.Http;

namespace StatusBot.Host.Webhooks;

/// <summary>Body of <c>POST /api/admin/webhooks</c>: the URL, a <c>whsec_</c> secret (one is made when absent) and the services (all when empty).</summary>
public sealed record AddWebhookRequest(string? Url, string? Secret, string[]? Services);

/// <summary>An endpoint as the admin API shows it: the secret masked, except in the answer that made it.</summary>
public sealed record WebhookEndpointResponse(
    string Id, string Url, string Secret, string[] Services, string Source, DateTimeOffset AddedAt, bool Active, string? DisabledReason, DateTimeOffset? DisabledAt);

/// <summary>An endpoint's last attempts, newest first.</summary>
public sealed record WebhookDeliveriesResponse(string Id, WebhookDeliveryEntry[] Deliveries);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AddWebhookRequest))]
[JsonSerializable(typeof(WebhookEndpointResponse))]
[JsonSerializable(typeof(WebhookEndpointResponse[]))]
[JsonSerializable(typeof(WebhookDeliveriesResponse))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class WebhookAdminJsonContext : JsonSerializerContext;

/// <summary>
/// <c>GET/POST /api/admin/webhooks</c>, <c>DELETE /api/admin/webhooks/{id}</c> and <c>GET /api/admin/webhooks/{id}/deliveries</c>,
/// behind the admin tokens like every admin route. An endpoint added here is journaled (it survives a restart) and its URL
/// is checked as a configured one is: https, resolving to public addresses only.
/// </summary>
public static class WebhookAdminEndpoints
{
    private const int MaxBody = 16 * 1024;

    public static IEndpointRouteBuilder MapWebhookAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/webhooks").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        admin.MapGet("/", (StatusBoard board) =>
            Results.Json(
                board.Current.Webhooks.Endpoints.Values.OrderBy(e => e.AddedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => Response(e, e.MaskedSecret)).ToArray(),
                WebhookAdminJsonContext.Default.WebhookEndpointResponseArray));

        admin.MapPost("/", AddAsync);

        admin.MapDelete("/{id}", async (string id, HttpContext http, StatusBoard board, TimeProvider time) =>
        {
            if (!board.Current.Webhooks.Endpoints.TryGetValue(id, out var endpoint))
            {
                return Problem(StatusCodes.Status404NotFound, $"There is no webhook endpoint '{Clip(id)}'.");
            }

            if (endpoint.Source == "config")
            {
                return Problem(StatusCodes.Status409Conflict, $"Webhook endpoint '{id}' comes from StatusBot:Webhooks:Endpoints: remove it there.");
            }

            try
            {
                await board.ExecuteAsync(
                    s => s.Webhooks.Endpoints.ContainsKey(id) ? Decision.Apply(new WebhookEndpointRemoved(Caller(http), time.GetUtcNow(), id)) : Decision.NoChange,
                    http.RequestAborted);
            }
            catch (StoreUnavailableException)
            {
                return Problem(StatusCodes.Status503ServiceUnavailable, "The change could not be made durable; nothing was changed.");
            }

            return Results.NoContent();
        });

        admin.MapGet("/{id}/deliveries", async (string id, StatusBoard board, WebhookDispatcher dispatcher, HttpContext http) =>
        {
            if (!board.Current.Webhooks.Endpoints.ContainsKey(id))
            {
                return Problem(StatusCodes.Status404NotFound, $"There is no webhook endpoint '{Clip(id)}'.");
            }

            try
            {
                return Results.Json(new WebhookDeliveriesResponse(id, [.. await dispatcher.DeliveriesAsync(id, http.RequestAborted)]), WebhookAdminJsonContext.Default.WebhookDeliveriesResponse);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Problem(StatusCodes.Status503ServiceUnavailable, "The delivery ledger could not be read; try again.");
            }
        });
        return endpoints;
    }

    private static async Task<IResult> AddAsync(HttpContext http, StatusBoard board, IOptions<StatusBotOptions> options, TimeProvider time)
    {
        var bytes = await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBody, http.RequestAborted);
        if (bytes is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBody} bytes.");
        }

        AddWebhookRequest? body;
        try
        {
            body = bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, WebhookAdminJsonContext.Default.AddWebhookRequest);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON for this route.", ex.Message);
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "A JSON object body is required.");
        }

        var w = options.Value.Webhooks;
        if (await WebhookAddresses.CheckAsync(body.Url, w.AllowPrivateNetworks, w.AllowHttp, http.RequestAborted) is { } badUrl)
        {
            return Problem(StatusCodes.Status400BadRequest, $"url {badUrl}.");
        }

        var made = body.Secret is null;
        var secret = body.Secret ?? WebhookSecrets.New();
        if (WebhookSecrets.Check(secret) is { } badSecret)
        {
            return Problem(StatusCodes.Status400BadRequest, $"secret {badSecret}.");
        }

        var state = board.Current;
        var services = new List<string>();
        foreach (var name in body.Services ?? [])
        {
            if (state.Index.Find(name) is not { } serviceId)
            {
                return Problem(StatusCodes.Status400BadRequest, $"services: there is no service '{Clip(name)}'.");
            }

            services.Add(serviceId);
        }

        var id = "ep_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var added = new WebhookEndpointAdded(Caller(http), time.GetUtcNow(), id, body.Url!.Trim(), secret, [.. services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], "api");
        CommitResult committed;
        try
        {
            committed = await board.ExecuteAsync(_ => Decision.Apply(added), http.RequestAborted);
        }
        catch (StoreUnavailableException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "The change could not be made durable; nothing was changed.");
        }

        var endpoint = committed.State.Webhooks.Endpoints[id];
        return Results.Json(Response(endpoint, made ? endpoint.Secret : endpoint.MaskedSecret), WebhookAdminJsonContext.Default.WebhookEndpointResponse, statusCode: StatusCodes.Status201Created);
    }

    private static WebhookEndpointResponse Response(WebhookEndpoint e, string secret) =>
        new(e.Id, e.Url, secret, [.. e.Services], e.Source, e.AddedAt, e.IsActive, e.DisabledReason, e.DisabledAt);

    private static Actor Caller(HttpContext http)
    {
        var name = (string)http.Items[AdminAuthFilter.TokenNameItem]!;
        return new Actor("api", name, name);
    }

    private static IResult Problem(int status, string title, string? detail = null) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
