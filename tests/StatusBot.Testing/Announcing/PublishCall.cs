using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;

namespace StatusBot.Testing.Announcing;

/// <summary>One call a <see cref="FakeChatPublisher"/> received (with the announcer's "may have been sent" flag), and what it answered.</summary>
public sealed record PublishCall(PublishCallKind Kind, ChannelRef Channel, string? MessageId, string? ThreadId, Reply Reply, string? IdempotencyKey, PublishResult Result, bool MayHaveBeenSent = false);
