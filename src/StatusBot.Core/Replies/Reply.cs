using System.Collections.Immutable;
using StatusBot.Core.Text;

namespace StatusBot.Core.Replies;

/// <summary>
/// A platform-neutral answer. Every string in it is plain text (no markup): each renderer escapes it for its platform,
/// so user-supplied text can never become a mention or a link. Times may be <see cref="TimeMarks"/>, which each renderer
/// draws in the reader's time zone after escaping.
/// </summary>
public sealed record Reply
{
    public Visibility Visibility { get; init; } = Visibility.Private;

    public Severity Severity { get; init; } = Severity.Info;

    public required string Title { get; init; }

    public ImmutableArray<string> Lines { get; init; } = [];

    public ImmutableArray<ReplyField> Fields { get; init; } = [];

    public ImmutableArray<ReplyAction> Actions { get; init; } = [];

    public string? Footer { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The title and lines as plain text, for notifications and text fallbacks: times as their UTC text.</summary>
    public string ToPlainText() => TimeMarks.Plain(string.Join('\n', new[] { Title }.Concat(Lines).Concat(Fields.Select(f => $"{f.Name}: {f.Value}"))));

    public static Reply Error(string title, params string[] lines) => new() { Title = title, Lines = [.. lines], Severity = Severity.Error };
}
