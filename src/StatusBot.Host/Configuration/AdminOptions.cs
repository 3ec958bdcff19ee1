namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Admin</c> section: who may use the admin HTTP API.</summary>
public sealed class AdminOptions
{
    /// <summary>Bearer tokens, stored as SHA-256 hashes. Without any, the admin API is off (404).</summary>
    public List<ApiTokenOptions> ApiTokens { get; set; } = [];

    /// <summary>
    /// Missing or wrong tokens (admin API and webhooks) one client address may present in a minute before it is answered
    /// 429 until the minute is over (default 10; 0 turns the limit off).
    /// </summary>
    public int FailedTokensPerMinute { get; set; } = 10;
}

/// <summary>One admin API token: the name recorded as the actor of its changes, and the SHA-256 of the token (hex).</summary>
public sealed class ApiTokenOptions
{
    public string Name { get; set; } = "";

    /// <summary><c>printf %s "$TOKEN" | sha256sum</c>: 64 hex characters. The token itself is never stored.</summary>
    public string Sha256 { get; set; } = "";
}
