namespace StatusBot.Core.Announcing;

/// <summary>
/// One post to a public timeline: the full text (its last line the incident's link), the thread it replies in (null for
/// an incident's first post), a key stable across resends (Mastodon's <c>Idempotency-Key</c>), and whether an earlier
/// attempt may have posted it (then a platform without such a key looks for the bot's own recent post first).
/// </summary>
public sealed record PublicPost(string Text, string Link, PublicThread? Thread, string IdempotencyKey, bool MayHaveBeenSent);

/// <summary>Where a reply goes: the thread's first post and the post it answers (message ids as the publisher returned them).</summary>
public sealed record PublicThread(string RootId, string ParentId);
