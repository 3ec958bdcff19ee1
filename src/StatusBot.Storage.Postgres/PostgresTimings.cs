namespace StatusBot.Storage.Postgres;

/// <summary>How often the PostgreSQL store's background connections look and retry. The defaults suit production.</summary>
public sealed record PostgresTimings
{
    /// <summary>The follower reads the head this often even without a notification, so a lost one delays by this much.</summary>
    public TimeSpan FollowerPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a non-leader tries the lock, and the leader checks its connection.</summary>
    public TimeSpan LeadershipCheck { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A leadership check slower than this counts as a lost connection.</summary>
    public TimeSpan LeadershipCheckTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The first wait before reconnecting; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a delivery claim holds before another instance may take the row over.</summary>
    public TimeSpan DeliveryLease { get; init; } = TimeSpan.FromMinutes(2);

    internal TimeSpan NextDelay(TimeSpan current) => current < MaxReconnectDelay / 2 ? current * 2 : MaxReconnectDelay;
}
