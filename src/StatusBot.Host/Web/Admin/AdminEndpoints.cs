using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Crowd;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Http;

namespace StatusBot.Host.Web.Admin;

/// <summary>
/// The admin HTTP API for deploy pipelines and scripts: the chat admin commands as JSON routes. Each call goes through
/// the same chat pipeline as chat (same validation, same single writer), is answered only once its events are durable,
/// and records the token's name as the actor.
/// </summary>
public static class AdminEndpoints
{
    private const int MaxBody = 16 * 1024;
    private const int MaxPostmortemBody = 64 * 1024;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");

        admin.MapPost("/incidents", (HttpContext http, ChatPipeline pipeline) =>
            RunAsync(http, pipeline, AdminJsonContext.Default.OpenIncidentRequest, Catalog.IncidentOpen, b => new()
            {
                ["services"] = b.Services,
                ["impact"] = b.Impact,
                ["title"] = b.Title,
                ["cause"] = b.Cause,
                ["segments"] = b.Segments,
                ["users"] = b.Users,
            }));

        // The incident as an admin sees it: with its evidence and its internal notes (what the probes and alerts saw).
        admin.MapGet("/incidents/{id}", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, async () =>
            {
                var result = await AskAsync(pipeline, http, CommandInput.Of(Catalog.IncidentShow, new Dictionary<string, string> { ["id"] = id }));
                var incidentId = IncidentIds.TryNormalize(id, out var normalized) ? normalized : id;
                return Results.Json(
                    new AdminResponse(result.Outcome.ToString().ToLowerInvariant(), incidentId, result.Reply.Title, [.. result.Reply.Lines.Concat(result.Reply.Fields.Select(f => $"{f.Name}: {f.Value}")).Select(TimeMarks.Plain)]),
                    AdminJsonContext.Default.AdminResponse);
            }));

        // The crowd as a signal: how many people ask about each service now, and how many usually do (counted in memory on
        // this instance; the surges that told admins are in the journal).
        admin.MapGet("/crowd", (StatusBoard board, CrowdWatch crowd) =>
        {
            var state = board.Current;
            var settings = crowd.Settings;
            var services = state.ServiceOrder.Select(id =>
            {
                var count = crowd.CountOf(id);
                var last = state.Announcements.Crowds.GetValueOrDefault(id);
                return new CrowdServiceResponse(id, state.ServiceName(id), count.Askers, count.Usual, [.. state.OpenIncidentsFor(id).Select(i => i.Id)], last?.At, last?.Askers);
            });
            return Results.Json(
                new CrowdResponse(settings.Threshold, settings.Factor, (int)settings.Window.TotalSeconds, (int)settings.Cooldown.TotalSeconds, [.. services]),
                AdminJsonContext.Default.CrowdResponse);
        });

        admin.MapPost("/incidents/{id}/updates", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentUpdateRequest, Catalog.IncidentUpdate, b => new()
            {
                ["id"] = id,
                ["status"] = b.Status,
                ["message"] = b.Message,
            })));

        admin.MapPut("/incidents/{id}/cause", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentCauseRequest, Catalog.IncidentCause, b => new()
            {
                ["id"] = id,
                ["confidence"] = b.Confidence,
                ["text"] = b.Text,
                ["upstream"] = b.Upstream,
            })));

        admin.MapPost("/incidents/{id}/resolve", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentMessageRequest, Catalog.IncidentResolve, b => new()
            {
                ["id"] = id,
                ["message"] = b.Message,
            })));

        admin.MapPost("/incidents/{id}/apology", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentMessageRequest, Catalog.IncidentApologize, b => new()
            {
                ["id"] = id,
                ["message"] = b.Message,
            })));

        // Postmortems: drafted from the timeline, replaced with the admin's Markdown, published. A postmortem is longer than
        // a command, so its text may take up to 64 KiB of JSON.
        admin.MapGet("/incidents/{id}/postmortem", (string id, HttpContext http, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () =>
            {
                var incident = board.Current.FindIncident(IncidentIds.TryNormalize(id, out var normalized) ? normalized : id)!;
                return Task.FromResult(incident.Postmortem is { } postmortem
                    ? Results.Json(PostmortemResponse.Of(incident.Id, postmortem), AdminJsonContext.Default.PostmortemResponse)
                    : Problem(StatusCodes.Status404NotFound, $"{incident.Id} has no postmortem yet."));
            }));

        admin.MapPost("/incidents/{id}/postmortem", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentMessageRequest, Catalog.IncidentPostmortem, _ => new()
            {
                ["id"] = id,
            })));

        admin.MapPut("/incidents/{id}/postmortem", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(
                http,
                pipeline,
                AdminJsonContext.Default.PostmortemRequest,
                Catalog.IncidentPostmortem,
                b => new()
                {
                    ["id"] = id,
                    ["step"] = "edit",
                    ["body"] = b.Body?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\t", "    ", StringComparison.Ordinal),
                },
                MaxPostmortemBody,
                b => string.IsNullOrWhiteSpace(b.Body) ? "The postmortem's Markdown text is required in \"body\"." : null)));

        admin.MapPost("/incidents/{id}/postmortem/publish", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            ForIncidentAsync(id, board, http, () => RunAsync(http, pipeline, AdminJsonContext.Default.IncidentMessageRequest, Catalog.IncidentPostmortem, _ => new()
            {
                ["id"] = id,
                ["step"] = "publish",
            })));

        admin.MapPut("/services/{id}/status", (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
            board.Current.FindService(id) is null
                ? Task.FromResult(Problem(StatusCodes.Status404NotFound, $"There is no service '{Clip(id)}'."))
                : RunAsync(http, pipeline, AdminJsonContext.Default.ServiceStatusRequest, Catalog.ServiceSet, b => new()
                {
                    ["service"] = id,
                    ["status"] = b.Status,
                    ["note"] = b.Note,
                }));

        admin.MapPost("/maintenances", (HttpContext http, ChatPipeline pipeline) =>
            RunAsync(http, pipeline, AdminJsonContext.Default.ScheduleMaintenanceRequest, Catalog.MaintenanceSchedule, b => new()
            {
                ["services"] = b.Services,
                ["start"] = b.Start,
                ["duration"] = b.Duration,
                ["title"] = b.Title,
            }));

        admin.MapPost("/maintenances/{id}/cancel", async (string id, HttpContext http, ChatPipeline pipeline, StatusBoard board) =>
        {
            if (MaintenanceTimeline.Find(board.Current, id) is null)
            {
                await CatchUpAsync(board, http.RequestAborted);
            }

            if (MaintenanceTimeline.Find(board.Current, id) is not null)
            {
                return await RunAsync(http, pipeline, AdminJsonContext.Default.IncidentMessageRequest, Catalog.MaintenanceCancel, _ => new() { ["maintenance"] = id });
            }

            // An oversized body is refused as on every route, before the unknown id.
            return await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBody, http.RequestAborted) is null
                ? Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBody} bytes.")
                : Problem(StatusCodes.Status404NotFound, $"There is no maintenance window '{Clip(id)}'.");
        });
        return endpoints;
    }

    /// <summary>Runs <paramref name="run"/> when the incident exists; 404 otherwise.</summary>
    private static async Task<IResult> ForIncidentAsync(string id, StatusBoard board, HttpContext http, Func<Task<IResult>> run)
    {
        if (!IncidentIds.TryNormalize(id, out var normalized))
        {
            return Problem(StatusCodes.Status404NotFound, $"There is no incident '{Clip(id)}'.");
        }

        if (board.Current.FindIncident(normalized) is null)
        {
            // Opened through another instance a moment ago? Read what the shared store has before saying no.
            await CatchUpAsync(board, http.RequestAborted);
            if (board.Current.FindIncident(normalized) is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"There is no incident '{Clip(id)}'.");
            }
        }

        return await run();
    }

    private static async Task CatchUpAsync(StatusBoard board, CancellationToken cancellationToken)
    {
        try
        {
            await board.CatchUpAsync(cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            // The database is unreachable: answer from what this instance has.
        }
    }

    private static async Task<IResult> RunAsync<TBody>(
        HttpContext http,
        ChatPipeline pipeline,
        JsonTypeInfo<TBody> bodyType,
        CommandSpec spec,
        Func<TBody, Dictionary<string, object?>> toOptions,
        int maxBody = MaxBody,
        Func<TBody, string?>? check = null)
    {
        var (body, failure) = await ReadBodyAsync(http.Request, bodyType, maxBody, http.RequestAborted);
        if (failure is not null)
        {
            return failure;
        }

        if (check?.Invoke(body!) is { } wrong)
        {
            return Problem(StatusCodes.Status400BadRequest, wrong);
        }

        var result = await AskAsync(pipeline, http, CommandInput.Typed(spec, toOptions(body!)));
        var response = new AdminResponse(
            result.Outcome.ToString().ToLowerInvariant(),
            result.Events.OfType<IncidentOpened>().FirstOrDefault()?.IncidentId,
            result.Reply.Title,
            [.. result.Reply.Lines.Select(TimeMarks.Plain)],
            result.Events.OfType<MaintenanceScheduled>().FirstOrDefault()?.MaintenanceId);
        return result.Outcome switch
        {
            CommandOutcome.Changed when spec == Catalog.IncidentOpen || spec == Catalog.MaintenanceSchedule => Results.Json(response, AdminJsonContext.Default.AdminResponse, statusCode: StatusCodes.Status201Created),
            CommandOutcome.Changed or CommandOutcome.Unchanged => Results.Json(response, AdminJsonContext.Default.AdminResponse),
            CommandOutcome.Usage => Problem(StatusCodes.Status400BadRequest, result.Reply.Title, TimeMarks.Plain(string.Join(' ', result.Reply.Lines))),
            // A schedule is refused only for its input (an unreadable or past start, a bad duration): that is a bad request.
            CommandOutcome.Refused when spec == Catalog.MaintenanceSchedule => Problem(StatusCodes.Status400BadRequest, result.Reply.Title),
            CommandOutcome.Refused => Problem(StatusCodes.Status409Conflict, result.Reply.Title),
            CommandOutcome.Failed => Problem(StatusCodes.Status503ServiceUnavailable, result.Reply.Title, TimeMarks.Plain(string.Join(' ', result.Reply.Lines))),
            _ => Problem(StatusCodes.Status403Forbidden, result.Reply.Title),
        };
    }

    /// <summary>Reads at most <paramref name="maxBody"/> bytes of JSON (16 KiB on most routes): a larger body is 413, malformed JSON 400; nothing is dispatched for either.</summary>
    private static async Task<(TBody? Body, IResult? Failure)> ReadBodyAsync<TBody>(HttpRequest request, JsonTypeInfo<TBody> type, int maxBody, CancellationToken cancellationToken)
    {
        var bytes = await BoundedBody.ReadAsync(request.Body, request.ContentLength, maxBody, cancellationToken);
        if (bytes is null)
        {
            return (default, Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBody} bytes."));
        }

        try
        {
            var body = bytes.Length == 0 ? default : JsonSerializer.Deserialize(bytes, type);
            return body is null ? (default, Problem(StatusCodes.Status400BadRequest, "A JSON object body is required.")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (default, Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON for this route.", ex.Message));
        }
    }

    /// <summary>Runs the command through the chat pipeline, as the admin the token names, and waits until it is durable.</summary>
    private static async Task<DispatchResult> AskAsync(ChatPipeline pipeline, HttpContext http, CommandInput input) =>
        (await pipeline.AnswerAsync(new ChatRequest(Caller(http), ChatInput.Command(input)), http.RequestAborted))!;

    /// <summary>The admin the token names.</summary>
    private static Caller Caller(HttpContext http)
    {
        var name = (string)http.Items[AdminAuthFilter.TokenNameItem]!;
        return new Caller(new Actor("api", name, name), IsAdmin: true, Locales.English);
    }

    private static IResult Problem(int status, string title, string? detail = null) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
