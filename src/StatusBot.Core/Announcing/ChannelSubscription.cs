using System.Collections.Immutable;

namespace StatusBot.Core.Announcing;

/// <summary>
/// A channel that receives announcements: for the services listed (every service when empty), in one language
/// (<c>en</c>, <c>fr</c>). <see cref="DisabledReason"/> is set once the platform said the channel is gone.
/// </summary>
public sealed record ChannelSubscription(ChannelRef Channel, ImmutableArray<string> Services, string Locale, string? DisabledReason = null)
{
    public string Key => ChannelKeys.Of(Channel);

    public bool IsActive => DisabledReason is null;

    /// <summary>True when the channel wants news of any of <paramref name="serviceIds"/>.</summary>
    public bool Wants(IEnumerable<string> serviceIds) => Services.IsDefaultOrEmpty || serviceIds.Any(Services.Contains);
}
