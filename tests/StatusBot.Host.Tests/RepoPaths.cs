namespace StatusBot.Host.Tests;

/// <summary>Where the built program and the repository's files are, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>statusbot</c> program built next to this test assembly (the test project references the host).</summary>
    public static string StatusbotDll { get; } = Path.Combine(AppContext.BaseDirectory, "statusbot.dll");

    public static string DefaultConfig { get; } = Path.Combine(Root, "config", "statusbot.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StatusBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("StatusBot.sln not found above " + AppContext.BaseDirectory);
    }
}
