using System.Collections.Concurrent;
using StatusBot.Core.State;
using StatusBot.Slack.Rendering;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Rendered answers to read commands, reused only while the board state is the very same object and within the same
/// second (answers speak in relative times, so nothing a user could notice changes): a burst of thousands of identical
/// <c>/statusbot</c> asks renders once per second. Any change to the board makes a new state, so nothing stale is served.
/// </summary>
public sealed class SlackReadCache(TimeProvider time)
{
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    public bool TryGet(string text, bool share, string culture, bool isAdmin, BoardState state, out SlackMessage message)
    {
        if (_entries.TryGetValue(new Key(text, share, culture, isAdmin), out var entry)
            && ReferenceEquals(entry.State, state)
            && entry.Second == time.GetUtcNow().ToUnixTimeSeconds())
        {
            message = entry.Message;
            return true;
        }

        message = null!;
        return false;
    }

    public void Set(string text, bool share, string culture, bool isAdmin, BoardState state, long second, SlackMessage message)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[new Key(text, share, culture, isAdmin)] = new Entry(state, second, message);
    }

    private readonly record struct Key(string Text, bool Share, string Culture, bool IsAdmin);

    private sealed record Entry(BoardState State, long Second, SlackMessage Message);
}
