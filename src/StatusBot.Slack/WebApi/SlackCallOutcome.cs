namespace StatusBot.Slack.WebApi;

/// <summary>How a Web API call ended, after the client's own retries.</summary>
public enum SlackCallOutcome
{
    Ok,

    /// <summary>Still rate limited after the allowed waits; <see cref="SlackApiResult.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>5xx answers, timeouts or an unreachable server, past the retry cap.</summary>
    Unavailable,

    /// <summary><c>channel_not_found</c>, <c>not_in_channel</c>, <c>is_archived</c>: the bot cannot post there; never retried.</summary>
    ChannelGone,

    /// <summary><c>cannot_dm_bot</c>, <c>user_not_found</c>, <c>user_disabled</c>: no direct message can reach this user; never retried.</summary>
    UserRefused,

    /// <summary><c>invalid_auth</c>, <c>not_authed</c>, <c>token_revoked</c>, <c>missing_scope</c>…: the token is wrong; never retried.</summary>
    Unauthorized,

    /// <summary>Any other <c>ok:false</c> error (<c>invalid_blocks</c>, <c>msg_too_long</c>…); not retried.</summary>
    Failed,
}
