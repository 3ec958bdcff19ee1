using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Chat;
using StatusBot.Slack.Endpoints;
using StatusBot.Slack.Json;
using StatusBot.Slack.Verification;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.SocketMode;

/// <summary>
/// Turns a Socket Mode envelope into the same handlers as HTTP mode and builds its acknowledgement: slash commands are
/// answered in the ack's payload (Slack accepts one there), events and interactions are acknowledged at once and
/// processed in the background. An envelope seen before (redelivered after a reconnect) is acknowledged, not rerun; so is
/// a slash command or interaction whose <c>trigger_id</c> was already taken, by this instance or one sharing its database.
/// </summary>
public sealed partial class SlackEnvelopeHandler(
    SlackCommandService commands,
    SlackEventService events,
    SlackInteractionService interactions,
    SlackEventDeduplicator deduplicator,
    SlackReplayGuard replays,
    ChatDeferrals background,
    ISlackWebApi api,
    ILogger<SlackEnvelopeHandler> logger)
{
    internal async Task<SocketAck> HandleAsync(SocketFrame envelope, CancellationToken cancellationToken)
    {
        var id = envelope.EnvelopeId!;
        if (envelope.Payload is not { } payload || !deduplicator.TryClaim("envelope:" + id))
        {
            return new SocketAck(id);
        }

        try
        {
            switch (envelope.Type)
            {
                case "slash_commands":
                    var form = payload.Deserialize(SlackJsonContext.Default.SlashCommandPayload);
                    if (form is { Command: { } command, UserId: { } userId } && replays.FirstTrigger(form.TriggerId))
                    {
                        var slash = new SlashCommand(command, form.Text ?? "", userId, form.UserName ?? userId, form.ChannelId ?? "", form.ResponseUrl, form.TriggerId, form.TeamId);
                        if (await commands.HandleAsync(slash, cancellationToken) is not { } answer)
                        {
                            break;
                        }

                        if (envelope.AcceptsResponsePayload)
                        {
                            return new SocketAck(id, answer);
                        }

                        // No payload allowed in this ack: the answer goes to response_url right after it.
                        if (slash.ResponseUrl is { Length: > 0 } url)
                        {
                            background.Run(ct => api.RespondAsync(url, answer, ct));
                        }
                    }

                    break;
                case "events_api":
                    if (payload.Deserialize(SlackJsonContext.Default.EventDelivery) is { Type: "event_callback" } delivery)
                    {
                        events.Accept(delivery);
                    }

                    break;
                case "interactive":
                    if (payload.Deserialize(SlackJsonContext.Default.InteractionPayload) is { } interaction
                        && replays.FirstTrigger(interaction.TriggerId)
                        && await replays.FirstChangeAsync(interaction.TriggerId, cancellationToken))
                    {
                        interactions.Accept(interaction);
                    }

                    break;
                default:
                    LogUnknown(logger, envelope.Type);
                    break;
            }
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, envelope.Type, ex);
        }

        return new SocketAck(id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode envelope of type {Type} acknowledged and ignored")]
    private static partial void LogUnknown(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode envelope of type {Type} could not be read")]
    private static partial void LogMalformed(ILogger logger, string type, Exception exception);
}
