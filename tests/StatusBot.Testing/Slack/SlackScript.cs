namespace StatusBot.Testing.Slack;

/// <summary>One scripted answer of the emulator: an HTTP status, a JSON body, a <c>Retry-After</c>, a delay before answering.</summary>
public sealed record SlackScript(int Status = 200, string? Body = null, int? RetryAfterSeconds = null, TimeSpan Delay = default)
{
    public static SlackScript RateLimited(int retryAfterSeconds) => new(429, """{"ok":false,"error":"ratelimited"}""", retryAfterSeconds);

    public static SlackScript ServerError(int status = 503) => new(status, "upstream unavailable");

    public static SlackScript Error(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");

    public static SlackScript Slow(TimeSpan delay) => new(Delay: delay);
}
