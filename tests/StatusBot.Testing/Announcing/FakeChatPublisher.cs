using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;

namespace StatusBot.Testing.Announcing;

/// <summary>
/// A scriptable <see cref="IChatPublisher"/>: it keeps every message (so tests read the card as edited), answers a post
/// whose idempotency key it has seen with the message already posted (as Discord's <c>enforce_nonce</c> does), and answers
/// with scripted results per channel (<see cref="Script"/>) or forever <see cref="PublishOutcome.ChannelGone"/> (<see cref="Gone"/>).
/// Messages are kept as plain text shows them: times as their UTC text.
/// </summary>
public sealed class FakeChatPublisher(string platform = "discord") : IChatPublisher
{
    private readonly Lock _lock = new();
    private readonly List<PublishCall> _calls = [];
    private readonly Dictionary<string, Queue<PublishResult>> _scripts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Reply> _messages = new(StringComparer.Ordinal);
    private int _nextId;

    public string Platform => platform;

    public IReadOnlyList<PublishCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Calls that changed something (delivered).</summary>
    public IEnumerable<PublishCall> Delivered(PublishCallKind kind) => Calls.Where(c => c.Kind == kind && c.Result.Outcome == PublishOutcome.Delivered);

    /// <summary>The current text of a message (after its edits).</summary>
    public Reply? Message(string messageId)
    {
        lock (_lock)
        {
            return _messages.GetValueOrDefault(messageId);
        }
    }

    /// <summary>The next calls to <paramref name="channelId"/> answer these results, in order, before behaving normally again.</summary>
    public void Script(string channelId, params PublishResult[] results)
    {
        lock (_lock)
        {
            if (!_scripts.TryGetValue(channelId, out var queue))
            {
                _scripts[channelId] = queue = new Queue<PublishResult>();
            }

            foreach (var r in results)
            {
                queue.Enqueue(r);
            }
        }
    }

    /// <summary>From now on, every call to <paramref name="channelId"/> answers that the channel is gone (403/404).</summary>
    public void Gone(string channelId)
    {
        lock (_lock)
        {
            _gone.Add(channelId);
        }
    }

    /// <summary>The channel takes posts again, as when the bot is given its access back.</summary>
    public void Back(string channelId)
    {
        lock (_lock)
        {
            _gone.Remove(channelId);
        }
    }

    public Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Record(PublishCallKind.Post, channel, null, null, reply, options.IdempotencyKey, options.MayHaveBeenSent));

    public Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(Record(PublishCallKind.Edit, channel, messageId, null, reply, null));

    public Task<PublishResult> ReplyInThreadAsync(
        ChannelRef channel, string parentMessageId, string? threadId, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(Record(PublishCallKind.Reply, channel, parentMessageId, threadId, reply, options.IdempotencyKey, options.MayHaveBeenSent));

    private PublishResult Record(PublishCallKind kind, ChannelRef channel, string? messageId, string? threadId, Reply reply, string? key, bool mayHaveBeenSent = false)
    {
        reply = reply.Plain();
        lock (_lock)
        {
            var result = Answer(kind, channel, messageId, reply, key);
            _calls.Add(new PublishCall(kind, channel, messageId, threadId, reply, key, result, mayHaveBeenSent));
            return result;
        }
    }

    private PublishResult Answer(PublishCallKind kind, ChannelRef channel, string? messageId, Reply reply, string? key)
    {
        if (_gone.Contains(channel.ChannelId))
        {
            return PublishResult.Gone("404 Unknown Channel");
        }

        if (_scripts.TryGetValue(channel.ChannelId, out var queue) && queue.TryDequeue(out var scripted))
        {
            return scripted;
        }

        if (key is not null && kind != PublishCallKind.Edit && _byKey.TryGetValue(key, out var existing))
        {
            return PublishResult.Delivered(existing, kind == PublishCallKind.Reply ? "T-" + messageId : null);
        }

        switch (kind)
        {
            case PublishCallKind.Edit when messageId is null || !_messages.ContainsKey(messageId):
                return PublishResult.Rejected("404 Unknown Message");
            case PublishCallKind.Edit:
                _messages[messageId] = reply;
                return PublishResult.Delivered(messageId);
        }

        var id = $"M{++_nextId}";
        _messages[id] = reply;
        if (key is not null)
        {
            _byKey[key] = id;
        }

        return PublishResult.Delivered(id, kind == PublishCallKind.Reply ? "T-" + messageId : null);
    }
}
