using System.Text.Json;
using StatusBot.Host.Hosting;

namespace StatusBot.Host.Configuration;

/// <summary>
/// Finds the configuration file: <c>--config</c>, else <c>STATUSBOT_CONFIG</c>, else <c>config/statusbot.json</c> in the
/// working directory, else the copy next to the program. Environment variables (<c>StatusBot__Section__Key</c>) and
/// command-line options override it.
/// </summary>
public static class ConfigurationLoader
{
    public const string EnvironmentVariable = "STATUSBOT_CONFIG";

    public static string ResolvePath(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var local = Path.GetFullPath(Path.Combine("config", "statusbot.json"));
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "config", "statusbot.json");
    }

    public static void AddStatusBotSources(this IConfigurationBuilder builder, string path, IReadOnlyDictionary<string, string?> overrides)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationFileMissingException(path);
        }

        CheckJson(path);

        builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(overrides);
    }

    /// <summary>A syntax error is reported with the file, line and column, before the configuration reader fails on it.</summary>
    private static void CheckJson(string path)
    {
        try
        {
            // The same leniency as the configuration reader: comments and trailing commas are allowed.
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var reason = ex.Message.Split(" LineNumber:", 2)[0].Trim();
            throw new StartupException(
                $"{path} is not valid JSON: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {reason}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{path} cannot be read: {ex.Message}");
        }
    }
}
