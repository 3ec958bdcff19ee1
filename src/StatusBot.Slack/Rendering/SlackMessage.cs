using System.Text.Json.Serialization;

namespace StatusBot.Slack.Rendering;

/// <summary>
/// A Slack message body: what a slash command answers, what goes to <c>response_url</c>, and (with the addressing
/// fields) the body of <c>chat.postMessage</c>, <c>chat.update</c> and <c>chat.postEphemeral</c>. <c>link_names</c> and
/// <c>parse</c> are never sent, so plain <c>@here</c> stays text.
/// </summary>
public sealed record SlackMessage
{
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    /// <summary>The workspace (team id) of <see cref="Channel"/>, which picks the bot token; never sent.</summary>
    [JsonIgnore]
    public string? Workspace { get; init; }

    [JsonPropertyName("ts")]
    public string? Ts { get; init; }

    [JsonPropertyName("thread_ts")]
    public string? ThreadTs { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("response_type")]
    public string? ResponseType { get; init; }

    [JsonPropertyName("replace_original")]
    public bool? ReplaceOriginal { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("blocks")]
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    [JsonPropertyName("unfurl_links")]
    public bool? UnfurlLinks { get; init; }

    /// <summary>Message metadata: the announcer's idempotency key travels with each post, so a resend can find it first.</summary>
    [JsonPropertyName("metadata")]
    public SlackMetadata? Metadata { get; init; }

    public const string Ephemeral = "ephemeral";

    public const string InChannel = "in_channel";
}

/// <summary>Slack message metadata (<c>event_type</c>, <c>event_payload</c>), returned by <c>conversations.history</c> with <c>include_all_metadata</c>.</summary>
public sealed record SlackMetadata(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("event_payload")] SlackMetadataPayload EventPayload)
{
    public const string PostEventType = "statusbot_post";

    public static SlackMetadata ForKey(string key) => new(PostEventType, new SlackMetadataPayload(key));
}

/// <summary>The payload StatusBot puts in its posts' metadata: the idempotency key.</summary>
public sealed record SlackMetadataPayload([property: JsonPropertyName("key")] string? Key);
