using StatusBot.Core.Announcing;

namespace StatusBot.Core.Chat;

/// <summary>
/// Decides where the answer to a mention in a channel goes, so that a crowd asking the same thing gets one answer in the
/// channel and the rest in its thread, and the bot never becomes the noisiest member of a channel: the first mention
/// about a topic within the group window is answered in the channel, the next ones in that answer's thread (up to the
/// thread's share), the rest with a reaction; and past the channel's messages per minute, new topics get a reaction too.
/// Thread-safe; memory follows the channels that heard from the bot within the last window.
/// </summary>
public sealed class MentionReplyPlanner(MentionReplySettings settings, TimeProvider time)
{
    private const int PruneAbove = 1024;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ChannelRef, ChannelLog> _channels = [];
    private readonly Lock _gate = new();

    // Twice what survived the last pruning: a burst across many channels costs amortized constant work per mention.
    private int _pruneAt = PruneAbove;

    /// <summary>Channels remembered now (for the bound on memory).</summary>
    public int Channels
    {
        get
        {
            lock (_gate)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>
    /// Plans the answer to a mention in <paramref name="channel"/> about <paramref name="topic"/> (a service id, or another
    /// key that makes two questions the same one; null for an answer that is nobody else's, which is never grouped).
    /// </summary>
    public MentionReplyPlan Plan(ChannelRef channel, string? topic)
    {
        if (!settings.Groups && !settings.LimitsChannels)
        {
            return MentionReplyPlan.Alone;
        }

        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_channels.Count > _pruneAt)
            {
                Prune(now);
                _pruneAt = Math.Max(PruneAbove, _channels.Count * 2);
            }

            if (!_channels.TryGetValue(channel, out var log))
            {
                log = new ChannelLog();
                _channels[channel] = log;
            }

            Forget(log, now);
            if (topic is not null && log.Threads.TryGetValue(topic, out var thread))
            {
                if (thread.Replies < settings.RepliesPerThread)
                {
                    thread.Replies++;
                    return new MentionReplyPlan(MentionReplyKind.InThread, thread);
                }

                return new MentionReplyPlan(MentionReplyKind.Reaction, thread);
            }

            if (settings.LimitsChannels && log.Posts.Count >= settings.ChannelMessagesPerMinute)
            {
                return new MentionReplyPlan(MentionReplyKind.Reaction, null);
            }

            if (settings.LimitsChannels)
            {
                log.Posts.Enqueue(now);
            }

            if (topic is null || !settings.Groups)
            {
                return MentionReplyPlan.Alone;
            }

            var started = new MentionThread(now);
            log.Threads[topic] = started;
            return new MentionReplyPlan(MentionReplyKind.InChannel, started);
        }
    }

    /// <summary>Drops the channel's posts older than a minute and its threads older than the group window.</summary>
    private void Forget(ChannelLog log, long now)
    {
        while (log.Posts.TryPeek(out var at) && time.GetElapsedTime(at, now) >= Minute)
        {
            log.Posts.Dequeue();
        }

        if (log.Threads.Count == 0)
        {
            return;
        }

        foreach (var (topic, thread) in log.Threads)
        {
            if (time.GetElapsedTime(thread.StartedAt, now) >= settings.GroupWindow)
            {
                log.Threads.Remove(topic);
            }
        }
    }

    private void Prune(long now)
    {
        foreach (var (channel, log) in _channels)
        {
            Forget(log, now);
            if (log.Posts.Count == 0 && log.Threads.Count == 0)
            {
                _channels.Remove(channel);
            }
        }
    }

    /// <summary>What the bot did lately in one channel: its own posts in the last minute, and the threads still open to join.</summary>
    private sealed class ChannelLog
    {
        public Queue<long> Posts { get; } = new();

        public Dictionary<string, MentionThread> Threads { get; } = new(StringComparer.Ordinal);
    }
}
