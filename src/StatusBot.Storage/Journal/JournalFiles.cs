using System.Globalization;

namespace StatusBot.Storage.Journal;

/// <summary>
/// File names in the data directory: <c>journal-&lt;first sequence&gt;.log</c> segments and <c>snapshot-&lt;sequence&gt;.snap</c>
/// snapshots, zero-padded so names sort in sequence order.
/// </summary>
internal static class JournalFiles
{
    public const string SnapshotTemp = "snapshot.tmp";

    public static string Segment(long firstSequence) => $"journal-{firstSequence.ToString("D20", CultureInfo.InvariantCulture)}.log";

    public static string Snapshot(long sequence) => $"snapshot-{sequence.ToString("D20", CultureInfo.InvariantCulture)}.snap";

    public static IReadOnlyList<(long Sequence, string Name)> Segments(IEnumerable<string> names) => Parse(names, "journal-", ".log");

    public static IReadOnlyList<(long Sequence, string Name)> Snapshots(IEnumerable<string> names) => Parse(names, "snapshot-", ".snap");

    private static List<(long, string)> Parse(IEnumerable<string> names, string prefix, string suffix) =>
        [.. names
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => (Ok: long.TryParse(n.AsSpan(prefix.Length, n.Length - prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var s), Seq: s, Name: n))
            .Where(x => x.Ok)
            .Select(x => (x.Seq, x.Name))
            .OrderBy(x => x.Seq)];
}
