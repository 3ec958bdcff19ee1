namespace StatusBot.Monitoring.Tests;

/// <summary>The shared fixtures under tests/fixtures, copied next to the tests.</summary>
internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", name));
}
