namespace StatusBot.Core.Following;

/// <summary>
/// One person following one service (<see cref="EveryService"/> for all of them): told by direct message at each change
/// of its incidents, or only when one is resolved (<see cref="ResolvedOnly"/>), in <see cref="Locale"/>, the language
/// they used when they started following.
/// </summary>
public sealed record Follow(DirectRecipient Recipient, string ServiceId, bool ResolvedOnly, string Locale, DateTimeOffset Since)
{
    /// <summary>The service id that stands for every service.</summary>
    public const string EveryService = "*";

    public string Key => FollowKeys.Of(Recipient.Key, ServiceId);

    /// <summary>True when this follow asks to hear about a change to an incident on <paramref name="serviceIds"/>.</summary>
    public bool Wants(IEnumerable<string> serviceIds, bool resolution) =>
        (resolution || !ResolvedOnly) && (ServiceId == EveryService || serviceIds.Contains(ServiceId, StringComparer.Ordinal));
}
