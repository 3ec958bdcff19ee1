using System.Collections.Immutable;

namespace StatusBot.Core.Following;

/// <summary>
/// Who follows what (<see cref="Follows"/>, keyed by recipient and service), the follower fan-outs not settled yet, and
/// for each incident the timeline length its followers were last queued for (<see cref="Told"/>).
/// </summary>
public sealed record FollowState(
    ImmutableDictionary<string, Follow> Follows,
    ImmutableDictionary<string, FanOut> FanOuts,
    ImmutableDictionary<string, int> Told)
{
    public static FollowState Empty { get; } = new(
        ImmutableDictionary<string, Follow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, FanOut>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The follows of one recipient, by service.</summary>
    public IEnumerable<Follow> Of(string recipientKey) =>
        Follows.Values.Where(f => f.Recipient.Key == recipientKey).OrderBy(f => f.ServiceId, StringComparer.Ordinal);

    /// <summary>
    /// Who is told about a change of an incident on <paramref name="serviceIds"/>: each recipient once (a person following
    /// two of the services gets one message), in the language of their earliest follow; only follows made by
    /// <paramref name="asOf"/>.
    /// </summary>
    public ImmutableArray<FanOutRecipient> Audience(IEnumerable<string> serviceIds, bool resolution, DateTimeOffset asOf)
    {
        var services = serviceIds.ToList();
        return
        [
            .. Follows.Values
                .Where(f => f.Since <= asOf && f.Wants(services, resolution))
                .GroupBy(f => f.Recipient.Key, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.OrderBy(f => f.Since).ThenBy(f => f.ServiceId, StringComparer.Ordinal).First())
                .Select(f => new FanOutRecipient(f.Recipient, f.Locale)),
        ];
    }
}
