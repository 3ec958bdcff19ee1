namespace StatusBot.Core.Announcing;

/// <summary>How a post, edit or thread reply ended, as the announcer needs to know it.</summary>
public enum PublishOutcome
{
    Delivered,

    /// <summary>Rate limited, 5xx or timed out: try again after <see cref="PublishResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>The channel is gone or closed to the bot (403/404, not_in_channel, is_archived): disable it, do not retry.</summary>
    ChannelGone,

    /// <summary>The platform refused the request itself (bad token, invalid body): do not retry the same request.</summary>
    Rejected,
}
