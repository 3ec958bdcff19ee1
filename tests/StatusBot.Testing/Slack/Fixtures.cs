namespace StatusBot.Testing.Slack;

/// <summary>The platform payload fixtures (copied with their sources into tests/fixtures), read verbatim.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Directory = new(Find);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory.Value, name));

    /// <summary>The repository root (where StatusBot.sln is).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatusBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("StatusBot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Reads <c>key=value</c> lines of the signing example, skipping comments.</summary>
    public static IReadOnlyDictionary<string, string> SigningExample() =>
        Read("slack-signing-example.txt").Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..]))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.First().Value);

    private static string Find()
    {
        var candidate = Path.Combine(RepositoryRoot(), "tests", "fixtures");
        return System.IO.Directory.Exists(candidate) ? candidate : throw new DirectoryNotFoundException("Fixtures not found at " + candidate);
    }
}
