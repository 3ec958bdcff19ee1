using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace StatusBot.Slack.Rendering;

/// <summary>A Block Kit text object: <c>plain_text</c> (never parsed) or <c>mrkdwn</c> (escaped by the renderer).</summary>
public sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text)
{
    public static SlackText Plain(string text) => new("plain_text", text);

    public static SlackText Markdown(string text) => new("mrkdwn", text);
}

/// <summary>A Block Kit block; the <c>type</c> discriminator is written by the serializer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
public abstract record SlackBlock;

public sealed record HeaderBlock([property: JsonPropertyName("text")] SlackText Text) : SlackBlock;

public sealed record SectionBlock(
    [property: JsonPropertyName("text")] SlackText? Text,
    [property: JsonPropertyName("fields")] IReadOnlyList<SlackText>? Fields = null) : SlackBlock;

public sealed record ContextBlock([property: JsonPropertyName("elements")] IReadOnlyList<SlackText> Elements) : SlackBlock;

public sealed record DividerBlock : SlackBlock;

public sealed record ActionsBlock(
    [property: JsonPropertyName("block_id")] string BlockId,
    [property: JsonPropertyName("elements")] IReadOnlyList<SlackButton> Elements) : SlackBlock;

/// <summary>A button; <see cref="Value"/> carries the catalog command it runs when pressed.</summary>
public sealed record SlackButton(
    [property: JsonPropertyName("text")] SlackText Text,
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("style")] string? Style = null)
{
    [JsonPropertyName("type")]
    [SuppressMessage("Performance", "CA1822", Justification = "Serialized as the element's \"type\": System.Text.Json writes instance properties only.")]
    public string Type => "button";
}
