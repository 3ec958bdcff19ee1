using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.Verification;

namespace StatusBot.Slack.Endpoints;

/// <summary>The HTTP routes. Each runs after <see cref="SlackSignatureFilter"/> and reads the verified raw body.</summary>
public static class SlackEndpoints
{
    // The same answer object (a read reused by the pipeline's read cache) is serialized once, not once per request.
    private static readonly ConditionalWeakTable<SlackMessage, byte[]> Serialized = [];

    // The slash command's fields the route reads, in the order of SlashCommand's parameters after ssl_check.
    private static readonly string[] CommandFields = ["ssl_check", "command", "text", "user_id", "user_name", "channel_id", "response_url", "trigger_id", "team_id"];

    /// <summary><c>POST /slack/commands</c>: form body; <c>ssl_check</c> gets an empty 200.</summary>
    public static async Task<IResult> CommandsAsync(HttpContext http, SlackCommandService service, SlackReplayGuard replays)
    {
        var fields = new string[CommandFields.Length];
        SlackRequest.Fields(SlackRequest.Body(http), CommandFields, fields);
        if (fields[0] == "1" || !replays.FirstTrigger(fields[7]))
        {
            return Results.Ok();
        }

        var command = new SlashCommand(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8] is { Length: > 0 } team ? team : null);
        if (command.Command.Length == 0 || command.UserId.Length == 0)
        {
            return Results.BadRequest();
        }

        if (await service.HandleAsync(command, http.RequestAborted) is not { } answer)
        {
            return Results.Ok();
        }

        var bytes = Serialized.GetValue(answer, m => JsonSerializer.SerializeToUtf8Bytes(m, SlackJsonContext.Default.SlackMessage));
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }

    /// <summary><c>POST /slack/events</c>: JSON; <c>url_verification</c> echoes the challenge, events are acknowledged at once.</summary>
    public static IResult Events(HttpContext http, SlackEventService service)
    {
        EventDelivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize(SlackRequest.Body(http), SlackJsonContext.Default.EventDelivery);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        switch (delivery)
        {
            case { Type: "url_verification", Challenge: { } challenge }:
                return Results.Text(challenge, "text/plain");
            case { Type: "event_callback" }:
                service.Accept(delivery);
                return Results.Ok();
            case null:
                return Results.BadRequest();
            default:
                return Results.Ok();
        }
    }

    /// <summary><c>POST /slack/interactions</c>: form with one <c>payload</c> field of JSON; acknowledged at once.</summary>
    public static async Task<IResult> InteractionsAsync(HttpContext http, SlackInteractionService service, SlackReplayGuard replays)
    {
        var form = SlackRequest.Form(SlackRequest.Body(http));
        InteractionPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(SlackRequest.Field(form, "payload"), SlackJsonContext.Default.InteractionPayload);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (payload is null)
        {
            return Results.BadRequest();
        }

        if (replays.FirstTrigger(payload.TriggerId) && await replays.FirstChangeAsync(payload.TriggerId, http.RequestAborted))
        {
            service.Accept(payload);
        }

        return Results.Ok();
    }
}
