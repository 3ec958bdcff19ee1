namespace StatusBot.Discord.Wire;

/// <summary>The body of create/edit message, webhook executions and <c>@original</c> edits.</summary>
internal sealed record MessagePayload
{
    public string? Content { get; init; }

    public List<Embed>? Embeds { get; init; }

    /// <summary>Buttons under the message, in action rows.</summary>
    public List<MessageComponent>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public int? Flags { get; init; }

    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    /// <summary>Makes the message a reply to another one.</summary>
    public MessageReference? MessageReference { get; init; }
}

internal sealed record MessageReference(string MessageId, bool FailIfNotExists = false);

/// <summary><c>{"parse":[]}</c>: nobody is pinged, whatever the text says.</summary>
internal sealed record AllowedMentions(List<string> Parse)
{
    public static AllowedMentions None => new([]);
}

internal sealed record Embed
{
    public string? Title { get; init; }

    public string Type { get; init; } = "rich";

    public string? Description { get; init; }

    public int? Color { get; init; }

    public List<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }

    public string? Timestamp { get; init; }
}

internal sealed record EmbedField(string Name, string Value, bool Inline);

internal sealed record EmbedFooter(string Text);

/// <summary>A message as Discord returns it (what StatusBot reads back).</summary>
internal sealed record DiscordMessage
{
    public string? Id { get; init; }

    public string? ChannelId { get; init; }

    public string? Content { get; init; }

    public DiscordUser? Author { get; init; }

    public List<DiscordUser>? Mentions { get; init; }

    public string? GuildId { get; init; }

    public GuildMember? Member { get; init; }
}

/// <summary>A channel as Discord returns it (a thread started from a message).</summary>
internal sealed record DiscordChannel
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public int? Type { get; init; }
}

internal sealed record StartThreadRequest(string Name, int AutoArchiveDuration);

/// <summary>A REST error body: <c>{"code":50035,"message":"…","retry_after":1.5,"global":false}</c>.</summary>
internal sealed record DiscordError
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }
}
