namespace StatusBot.Host.Configuration;

/// <summary>
/// The bot's public address, used for the links of the page, the feed and the API and for the Slack manifest's request
/// URLs: <c>StatusBot:Web:PublicUrl</c>, else its alias <c>StatusBot:Slack:PublicUrl</c>, else the first address
/// <c>serve</c> listens on (so <c>--urls</c> alone gives correct links on a workstation).
/// </summary>
public static class PublicAddress
{
    public const string Key = "StatusBot:Web:PublicUrl";

    public const string AliasKey = "StatusBot:Slack:PublicUrl";

    /// <summary>The configured public URL and the key that set it; null when neither key is set.</summary>
    public static (string Url, string Key)? Configured(IConfiguration configuration)
    {
        if (configuration[Key] is { } web && !string.IsNullOrWhiteSpace(web))
        {
            return (web.Trim(), Key);
        }

        // An alias that is not a URL is reported under its own key by the Slack settings' check.
        return configuration[AliasKey] is { } slack && IsHttpUrl(slack.Trim()) ? (slack.Trim(), AliasKey) : null;
    }

    /// <summary>The first of the listen URLs, with a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) as localhost.</summary>
    public static string FromListenUrls(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? Hosting.CliSettings.DefaultUrls;
        var scheme = first.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return first.TrimEnd('/');
        }

        var hostStart = scheme + 3;
        var hostEnd = first[hostStart] == '[' ? first.IndexOf(']', hostStart) + 1 : first.IndexOfAny([':', '/'], hostStart);
        hostEnd = hostEnd <= 0 ? first.Length : hostEnd;
        var host = first[hostStart..hostEnd];
        var local = host is "+" or "*" or "0.0.0.0" or "[::]" ? "localhost" : host;
        return (first[..hostStart] + local + first[hostEnd..]).TrimEnd('/');
    }

    /// <summary>An address only this machine reaches, or a documentation placeholder: not one Slack can call.</summary>
    public static bool IsUnreachable(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsLoopback
        || uri.Host.EndsWith("example.com", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith("example.org", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith("example.net", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".example", StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
