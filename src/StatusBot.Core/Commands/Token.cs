namespace StatusBot.Core.Commands;

/// <summary>A word or quoted string of a text command; <see cref="Key"/> is set for <c>key:value</c> and <c>key:"value"</c>.</summary>
public sealed record Token(string Value, string? Key, string Raw, bool Quoted)
{
    /// <summary>How many line breaks stood between this token and the one before it.</summary>
    public int LineBreaksBefore { get; init; }
}
