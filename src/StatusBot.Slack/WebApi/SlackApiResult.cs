namespace StatusBot.Slack.WebApi;

/// <summary>
/// The typed result of one Web API call: the outcome, Slack's error code when there is one, and the fields StatusBot
/// uses (<see cref="Ts"/> and <see cref="Channel"/> of a message, <see cref="Url"/> of a Socket Mode connection,
/// <see cref="User"/> of <c>users.info</c>).
/// </summary>
public sealed record SlackApiResult(SlackCallOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public bool Ok => Outcome == SlackCallOutcome.Ok;

    public string? Ts { get; init; }

    public string? Channel { get; init; }

    public string? Url { get; init; }

    public SlackUser? User { get; init; }

    /// <summary>The messages <c>conversations.history</c>/<c>replies</c> listed: their <c>ts</c> and StatusBot idempotency key, if any.</summary>
    public IReadOnlyList<(string Ts, string? Key)>? Messages { get; init; }

    /// <summary>Maps a Slack error code to an outcome (the codes not worth retrying are named).</summary>
    public static SlackCallOutcome Classify(string? error) => error switch
    {
        "channel_not_found" or "not_in_channel" or "is_archived" or "channel_is_archived" => SlackCallOutcome.ChannelGone,
        "cannot_dm_bot" or "user_not_found" or "user_disabled" or "user_not_visible" => SlackCallOutcome.UserRefused,
        "invalid_auth" or "not_authed" or "account_inactive" or "token_revoked" or "token_expired" or "missing_scope" or "no_permission"
            => SlackCallOutcome.Unauthorized,
        "ratelimited" or "rate_limited" => SlackCallOutcome.RateLimited,
        "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" => SlackCallOutcome.Unavailable,
        _ => SlackCallOutcome.Failed,
    };
}
