using System.Collections.Immutable;

namespace StatusBot.Core.Announcing;

/// <summary>
/// A channel that receives announcements: for the services listed (every service when empty), in one language
/// (<c>en</c>, <c>fr</c>). <see cref="DisabledReason"/> and <see cref="DisabledAt"/> are set once the platform said the
/// channel is gone (<see cref="DisabledAt"/> is null for a channel disabled by a StatusBot that did not keep the time).
/// </summary>
public sealed record ChannelSubscription(
    ChannelRef Channel, ImmutableArray<string> Services, string Locale, string? DisabledReason = null, DateTimeOffset? DisabledAt = null)
{
    public string Key => ChannelKeys.Of(Channel);

    public bool IsActive => DisabledReason is null;

    /// <summary>True when the channel wants news of any of <paramref name="serviceIds"/>.</summary>
    public bool Wants(IEnumerable<string> serviceIds) => Services.IsDefaultOrEmpty || serviceIds.Any(Services.Contains);
}
