using F23.StringSimilarity;

namespace StatusBot.Core.Commands;

/// <summary>
/// The word someone most likely meant when they mistyped one (<c>stauts</c> → <c>status</c>, <c>opne</c> → <c>open</c>):
/// the closest candidate by edit distance, where swapping two neighbouring letters counts as one edit.
/// </summary>
public static class Suggestions
{
    private static readonly OptimalStringAlignment Distance = new();

    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        var typed = word.Trim();
        // One edit in a short word, two in a longer one: "hlep" is help and "stauts" is status, but "hello" is not help.
        return Nearest(typed, candidates, typed.Length <= 5 ? 1 : 2);
    }

    /// <summary>
    /// The closest candidate at most <paramref name="allowed"/> edits away (case ignored; ties go to the first in ordinal
    /// order), or null when there is none or <paramref name="word"/> is one of them.
    /// </summary>
    public static string? Nearest(string word, IEnumerable<string> candidates, int allowed)
    {
        var typed = word.ToLowerInvariant();
        if (typed.Length == 0)
        {
            return null;
        }

        return candidates
            .Select(c => (Candidate: c, Distance: Distance.Distance(typed, c.ToLowerInvariant())))
            .Where(c => c.Distance > 0 && c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }
}
