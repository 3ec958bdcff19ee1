namespace StatusBot.Host.Configuration;

/// <summary>The configuration file named by <c>--config</c> or <c>STATUSBOT_CONFIG</c> does not exist.</summary>
public sealed class ConfigurationFileMissingException(string path)
    : Exception($"Configuration file '{path}' not found. Pass --config PATH or set {ConfigurationLoader.EnvironmentVariable}.")
{
    public string Path { get; } = path;
}
