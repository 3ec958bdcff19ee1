using System.Collections.Concurrent;
using StatusBot.Core.State;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Answers to read commands, reused while the board is unchanged and for at most the current second (answers say
/// "since 3 hours"), so a crowd asking <c>/status</c> at once costs one rendering per second, not one per person.
/// A change on the board makes a new state object, which no cached answer matches.
/// </summary>
internal sealed class ReadReplyCache(TimeProvider time)
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public InteractionResponse? TryGet(string key, BoardState state) =>
        _entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.State, state) && entry.Second == Second() ? entry.Response : null;

    public void Set(string key, BoardState state, InteractionResponse response)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(state, Second(), response);
    }

    private long Second() => time.GetUtcNow().ToUnixTimeSeconds();

    private sealed record Entry(BoardState State, long Second, InteractionResponse Response);
}
