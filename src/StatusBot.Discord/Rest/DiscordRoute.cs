namespace StatusBot.Discord.Rest;

/// <summary>
/// One REST call's route: the method and template (<c>POST /channels/{channel_id}/messages</c>) that Discord maps to a
/// rate-limit bucket, the major parameter that splits the bucket, and the concrete path.
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Template, string Major, string Path)
{
    /// <summary>Rate limits are per route until Discord names the bucket.</summary>
    public string RouteKey => Method.Method + " " + Template;

    /// <summary>Interaction callbacks and their webhooks are exempt from the global limit.</summary>
    public bool CountsTowardGlobal { get; init; } = true;

    /// <summary>Calls with the interaction token as credential carry no bot token.</summary>
    public bool Authenticated { get; init; } = true;

    public static DiscordRoute Channel(HttpMethod method, string template, string channelId, string path) => new(method, template, channelId, path);
}
