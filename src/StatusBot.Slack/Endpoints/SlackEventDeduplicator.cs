using System.Collections.Concurrent;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Remembers the <c>event_id</c>s (and Socket Mode envelope ids) already taken for an hour, so Slack's retries
/// (<c>X-Slack-Retry-Num</c>, <c>retry_attempt</c>) and a redelivery after a reconnect are never processed twice.
/// </summary>
public sealed class SlackEventDeduplicator(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an id is seen (the caller processes it), false for every repeat.</summary>
    public bool TryClaim(string id)
    {
        var now = time.GetUtcNow();
        if (_seen.Count > SweepAbove)
        {
            foreach (var (key, at) in _seen)
            {
                if (now - at > Memory)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        return _seen.TryAdd(id, now);
    }
}
