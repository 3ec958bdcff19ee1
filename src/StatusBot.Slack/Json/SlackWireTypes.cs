using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusBot.Slack.Json;

/// <summary>The Web API envelope (<c>ok</c>/<c>error</c>) with the fields of the methods StatusBot calls.</summary>
internal sealed record ApiEnvelope(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("warning")] string? Warning = null,
    [property: JsonPropertyName("channel"), JsonConverter(typeof(ChannelIdConverter))] string? Channel = null,
    [property: JsonPropertyName("ts")] string? Ts = null,
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("user")] UserDto? User = null,
    [property: JsonPropertyName("messages")] IReadOnlyList<HistoryMessageDto>? Messages = null);

/// <summary>A message listed by <c>conversations.history</c> or <c>conversations.replies</c>.</summary>
internal sealed record HistoryMessageDto(
    [property: JsonPropertyName("ts")] string? Ts = null,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs = null,
    [property: JsonPropertyName("metadata")] Rendering.SlackMetadata? Metadata = null);

internal sealed record UserDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("real_name")] string? RealName = null,
    [property: JsonPropertyName("is_admin")] bool IsAdmin = false,
    [property: JsonPropertyName("is_owner")] bool IsOwner = false,
    [property: JsonPropertyName("is_primary_owner")] bool IsPrimaryOwner = false,
    [property: JsonPropertyName("deleted")] bool Deleted = false,
    [property: JsonPropertyName("locale")] string? Locale = null);

/// <summary>An Events API delivery: <c>url_verification</c> or <c>event_callback</c>.</summary>
internal sealed record EventDelivery(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("challenge")] string? Challenge = null,
    [property: JsonPropertyName("team_id")] string? TeamId = null,
    [property: JsonPropertyName("event_id")] string? EventId = null,
    [property: JsonPropertyName("event")] EventDto? Event = null,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<AuthorizationDto>? Authorizations = null);

internal sealed record EventDto(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subtype")] string? Subtype = null,
    [property: JsonPropertyName("user")] string? User = null,
    [property: JsonPropertyName("bot_id")] string? BotId = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("channel")] string? Channel = null,
    [property: JsonPropertyName("channel_type")] string? ChannelType = null,
    [property: JsonPropertyName("ts")] string? Ts = null,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs = null);

internal sealed record AuthorizationDto(
    [property: JsonPropertyName("user_id")] string? UserId = null,
    [property: JsonPropertyName("is_bot")] bool IsBot = false);

/// <summary>An interactivity payload (the JSON in the <c>payload</c> form field).</summary>
internal sealed record InteractionPayload(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("user")] InteractionUser? User = null,
    [property: JsonPropertyName("team")] InteractionTeam? Team = null,
    [property: JsonPropertyName("channel")] InteractionChannel? Channel = null,
    [property: JsonPropertyName("response_url")] string? ResponseUrl = null,
    [property: JsonPropertyName("actions")] IReadOnlyList<InteractionAction>? Actions = null,
    [property: JsonPropertyName("trigger_id")] string? TriggerId = null);

internal sealed record InteractionUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("team_id")] string? TeamId = null);

internal sealed record InteractionTeam([property: JsonPropertyName("id")] string? Id = null);

internal sealed record InteractionChannel([property: JsonPropertyName("id")] string? Id = null);

internal sealed record InteractionAction(
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("value")] string? Value = null);

/// <summary>A Socket Mode frame from Slack: <c>hello</c>, <c>disconnect</c>, or an envelope.</summary>
internal sealed record SocketFrame(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("envelope_id")] string? EnvelopeId = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("accepts_response_payload")] bool AcceptsResponsePayload = false,
    [property: JsonPropertyName("retry_attempt")] int RetryAttempt = 0,
    [property: JsonPropertyName("payload")] JsonElement? Payload = null);

/// <summary>The acknowledgement of an envelope, with a response payload where Slack accepts one.</summary>
internal sealed record SocketAck(
    [property: JsonPropertyName("envelope_id")] string EnvelopeId,
    [property: JsonPropertyName("payload")] Rendering.SlackMessage? Payload = null);

internal sealed record ChallengeAnswer([property: JsonPropertyName("challenge")] string Challenge);

/// <summary>A slash command as it arrives over Socket Mode (the same fields as the HTTP form).</summary>
internal sealed record SlashCommandPayload(
    [property: JsonPropertyName("command")] string? Command = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("user_id")] string? UserId = null,
    [property: JsonPropertyName("user_name")] string? UserName = null,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("team_id")] string? TeamId = null,
    [property: JsonPropertyName("response_url")] string? ResponseUrl = null,
    [property: JsonPropertyName("ssl_check")] string? SslCheck = null,
    [property: JsonPropertyName("trigger_id")] string? TriggerId = null);
