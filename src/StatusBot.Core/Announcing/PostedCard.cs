namespace StatusBot.Core.Announcing;

/// <summary>
/// The living status card of a subject in one channel: the message to edit, the thread to reply in, and the version
/// (timeline entries, or maintenance stage) announced so far.
/// </summary>
public sealed record PostedCard(string Subject, string ChannelKey, string? MessageId, string? ThreadId, int Version);
