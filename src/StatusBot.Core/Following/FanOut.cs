using System.Collections.Immutable;

namespace StatusBot.Core.Following;

/// <summary>
/// One change of an incident owed to its followers: bring each recipient of <see cref="Audience"/> to
/// <see cref="Version"/> (the incident's timeline length) by one direct message telling the entries from <see cref="From"/>. The audience is the followers at the
/// moment the change was queued (the reducer derives it from the state, so the journal holds one event per change, not one
/// per follower); each recipient's outcome is recorded in the delivery ledger, and the fan-out leaves the state once every
/// one of them is settled.
/// </summary>
public sealed record FanOut(string Id, string IncidentId, int From, int Version, bool Resolution, DateTimeOffset QueuedAt, ImmutableArray<FanOutRecipient> Audience)
{
    public string Subject => FollowKeys.Subject(IncidentId);
}

/// <summary>A recipient of a fan-out and the language they are told in.</summary>
public sealed record FanOutRecipient(DirectRecipient Recipient, string Locale)
{
    public string Key => Recipient.Key;
}
