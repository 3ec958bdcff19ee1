using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;

namespace StatusBot.AnnounceBench;

/// <summary>
/// A fake platform that enforces a limit the way the real one answers it: over the limit, a 429 with Retry-After.
/// Discord: at most <c>globalPerSecond</c> requests in any one-second window. Slack: at most one message (post or thread
/// reply) per channel per second. Counts every request, every 429, and every message delivered twice.
/// </summary>
public sealed class RateLimitedPublisher(string platform, int globalPerSecond, bool perChannelOnePerSecond, TimeProvider time) : IChatPublisher
{
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Dictionary<string, DateTimeOffset> _lastInChannel = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private int _next;

    public string Platform => platform;

    public int Requests { get; private set; }

    public int Throttled { get; private set; }

    public int Duplicates { get; private set; }

    public int Posts { get; private set; }

    public Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(channel, options.IdempotencyKey, message: true, isPost: true));

    public Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(channel, null, message: false, isPost: false, messageId));

    public Task<PublishResult> ReplyInThreadAsync(ChannelRef channel, string parentMessageId, string? threadId, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Handle(channel, options.IdempotencyKey, message: true, isPost: false, parentMessageId));

    private PublishResult Handle(ChannelRef channel, string? key, bool message, bool isPost, string? messageId = null)
    {
        lock (_lock)
        {
            Requests++;
            var now = time.GetUtcNow();
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }

            if (globalPerSecond > 0 && _window.Count >= globalPerSecond)
            {
                Throttled++;
                return PublishResult.Retry(_window.Peek() + TimeSpan.FromSeconds(1) - now, "429 global rate limit");
            }

            if (perChannelOnePerSecond && message && _lastInChannel.TryGetValue(channel.ChannelId, out var last) && now - last < TimeSpan.FromSeconds(1))
            {
                Throttled++;
                return PublishResult.Retry(last + TimeSpan.FromSeconds(1) - now, "429 channel rate limit");
            }

            _window.Enqueue(now);
            if (message)
            {
                _lastInChannel[channel.ChannelId] = now;
            }

            if (key is not null && !_keys.Add(key))
            {
                Duplicates++;
            }

            Posts += isPost ? 1 : 0;
            return PublishResult.Delivered(messageId ?? $"M{++_next}", messageId is null ? null : "T" + messageId);
        }
    }
}
