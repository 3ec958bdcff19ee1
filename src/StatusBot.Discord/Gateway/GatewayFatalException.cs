namespace StatusBot.Discord.Gateway;

/// <summary>The gateway closed with a code that must not be retried (bad token, bad intents, bad version, sharding).</summary>
public sealed class GatewayFatalException(int closeCode, string message) : Exception(message)
{
    public int CloseCode { get; } = closeCode;

    /// <summary>What each fatal close code means, in words an operator can act on.</summary>
    public static string Explain(int code) => code switch
    {
        4004 => "authentication failed: check StatusBot:Discord:BotToken",
        4010 => "invalid shard sent when identifying",
        4011 => "sharding required: the bot is in too many guilds for one connection",
        4012 => "invalid gateway API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them in the Developer Portal or remove them",
        _ => "closed with code " + code,
    };

    public static bool IsFatal(int code) => code is 4004 or (>= 4010 and <= 4014);
}
