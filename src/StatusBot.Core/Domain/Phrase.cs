using System.Collections.Immutable;

namespace StatusBot.Core.Domain;

/// <summary>
/// A sentence the bot wrote, kept as its text key and arguments so that each channel reads it in its own language:
/// "Website is affected too" / "Website est touché aussi". The English text is kept beside it for the surfaces that
/// have no language of their own (the JSON API, the feed).
/// </summary>
public sealed record Phrase(string Key, ImmutableArray<PhraseArg> Args);

/// <summary>One argument of a <see cref="Phrase"/>: a plain text, a list of names ("Streaming, Website and API"), or a duration.</summary>
public sealed record PhraseArg(string? Text = null, ImmutableArray<string>? List = null, TimeSpan? Duration = null)
{
    public static PhraseArg Of(string text) => new(Text: text);

    public static PhraseArg Names(IEnumerable<string> names) => new(List: [.. names]);

    public static PhraseArg Span(TimeSpan duration) => new(Duration: duration);
}
