namespace StatusBot.Core.Announcing;

/// <summary>
/// The port the announcer posts public drafts through: one per configured publisher (an X, Mastodon or Bluesky account).
/// Unlike a chat channel there is no card to edit: each post is new, and every post after an incident's first is a
/// reply in its thread. Failures are values (<see cref="PublishResult"/>): 429 and 5xx say retry later, a refusal says
/// the request itself cannot succeed.
/// </summary>
public interface IPublicTimeline
{
    /// <summary>The publisher's name (<c>StatusBot:Publishers:n:Name</c>).</summary>
    string Name { get; }

    /// <summary><c>x</c>, <c>mastodon</c> or <c>bluesky</c>.</summary>
    string Platform { get; }

    /// <summary>Posts <paramref name="post"/>; the result's <see cref="PublishResult.MessageId"/> is what a later reply passes as its parent.</summary>
    Task<PublishResult> PostAsync(PublicPost post, CancellationToken cancellationToken);
}
