namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Admin</c> section: who may use the admin HTTP API.</summary>
public sealed class AdminOptions
{
    /// <summary>Bearer tokens, stored as SHA-256 hashes. Without any, the admin API is off (404).</summary>
    public List<ApiTokenOptions> ApiTokens { get; set; } = [];
}

/// <summary>One admin API token: the name recorded as the actor of its changes, and the SHA-256 of the token (hex).</summary>
public sealed class ApiTokenOptions
{
    public string Name { get; set; } = "";

    /// <summary><c>printf %s "$TOKEN" | sha256sum</c>: 64 hex characters. The token itself is never stored.</summary>
    public string Sha256 { get; set; } = "";
}
