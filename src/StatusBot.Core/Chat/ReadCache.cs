using System.Collections.Concurrent;
using StatusBot.Core.Commands;
using StatusBot.Core.State;

namespace StatusBot.Core.Chat;

/// <summary>
/// Answers to read commands, for every platform, reused only while the board state is the very same object (the same
/// sequence) and within the same second: answers speak in relative times ("since 3 hours"), so nothing a person could
/// notice changes, and a crowd asking <c>/status</c> at once costs one answer per second, not one per person. Any change
/// on the board makes a new state, which no cached answer matches. The entry is the result object itself, so an adapter
/// that renders a result once (keyed by the object) serves a hit without rendering again.
/// </summary>
internal sealed class ReadCache(TimeProvider time)
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<ReadKey, Entry> _entries = new();

    public DispatchResult? TryGet(in ReadKey key, BoardState state) =>
        _entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.State, state) && entry.Second == Second() ? entry.Result : null;

    public void Set(in ReadKey key, BoardState state, DispatchResult result)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(state, Second(), result);
    }

    private long Second() => time.GetUtcNow().ToUnixTimeSeconds();

    private sealed record Entry(BoardState State, long Second, DispatchResult Result);
}

/// <summary>
/// Who may share a cached answer: the same platform, the same command input (its text, or the command and its options
/// in a canonical order), the same language, the same admin flag and the same share flag.
/// </summary>
internal readonly record struct ReadKey(string Platform, string Input, string Culture, bool IsAdmin, bool Share)
{
    /// <summary>The key for a request, or null for one whose answer is not reused (a free message, typed values).</summary>
    public static ReadKey? For(ChatRequest request)
    {
        var caller = request.Caller;
        var input = request.Input.Kind switch
        {
            ChatInputKind.CommandText => request.Input.Text!,
            ChatInputKind.Command when request.Input.Typed!.Values.IsEmpty => Canonical(request.Input.Typed),
            _ => null,
        };

        return input is null ? null : new ReadKey(caller.Actor.Platform, input, caller.Culture.Name, caller.IsAdmin, request.Share);
    }

    private static string Canonical(CommandInput input)
    {
        if (input.Positional.IsEmpty && input.Named.IsEmpty)
        {
            return input.Spec.Name;
        }

        var builder = new System.Text.StringBuilder(input.Spec.Name);
        foreach (var word in input.Positional)
        {
            builder.Append('\u0001').Append(word);
        }

        var names = input.Named.Keys.ToArray();
        Array.Sort(names, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            builder.Append('\u0002').Append(name.ToLowerInvariant()).Append('\u0003').Append(input.Named[name]);
        }

        return builder.ToString();
    }
}
