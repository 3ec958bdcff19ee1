namespace StatusBot.Host.Hosting;

/// <summary>What the command line says about where things are: the config file, the data directory, the listen URLs.</summary>
public sealed record CliSettings(string? ConfigPath, string? DataDirectory, string? Urls)
{
    public const string DefaultUrls = "http://localhost:8080";

    /// <summary>Command-line values as configuration keys; they override the file and the environment.</summary>
    public IReadOnlyDictionary<string, string?> Overrides()
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            overrides["StatusBot:Storage:DataDirectory"] = DataDirectory;
        }

        return overrides;
    }
}
