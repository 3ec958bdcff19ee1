using System.Text.Json.Nodes;

namespace StatusBot.Testing.Discord;

/// <summary>One request the emulator received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, DateTimeOffset At, string Body, string? Authorization, string? UserAgent)
{
    public bool Authenticated => Authorization is not null;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A message the emulator holds.</summary>
public sealed record EmulatedMessage(string Id, string ChannelId, JsonObject Body)
{
    public string? EmbedTitle => Body["embeds"]?[0]?["title"]?.GetValue<string>();
}

/// <summary>A reaction the bot added: on which message, with which emoji, when.</summary>
public sealed record EmulatedReaction(string ChannelId, string MessageId, string Emoji, DateTimeOffset At);

/// <summary>A scripted answer: a status with a JSON body and headers, or a hang (a timeout for the client).</summary>
public sealed record Scripted(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Hang = null)
{
    public static Scripted RateLimited(double retryAfter, bool global = false, string scope = "user") => new(
        429,
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""",
        global
            ? new Dictionary<string, string> { ["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture), ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" }
            : new Dictionary<string, string> { ["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture), ["X-RateLimit-Scope"] = scope, ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset-After"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static Scripted ServerError(int status = 502) => new(status, """{"message":"Bad Gateway","code":0}""");

    public static Scripted Forbidden() => new(403, """{"message":"Missing Access","code":50001}""");

    public static Scripted NotFound() => new(404, """{"message":"Unknown Channel","code":10003}""");

    public static Scripted Timeout(TimeSpan hang) => new(200, Hang: hang);
}
