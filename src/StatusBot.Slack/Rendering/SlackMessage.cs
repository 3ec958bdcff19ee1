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

    public const string Ephemeral = "ephemeral";

    public const string InChannel = "in_channel";
}
