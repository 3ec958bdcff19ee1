using System.Globalization;
using Serilog;
using StatusBot.Storage;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>
/// Where <c>chat</c> writes the bot's log: <c>chat.log</c> in the data directory, never the terminal, so no log line
/// lands between a question and its answer. Errors answered with "something went wrong (ref …)" are found there by their ref.
/// </summary>
public static class ChatLog
{
    public const string FileName = "chat.log";

    /// <summary>The log file for the data directory this configuration names.</summary>
    public static string PathFor(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return Path.Combine(storage.FullDataDirectory, FileName);
    }

    /// <summary>Replaces the console host's log on standard error by the file.</summary>
    public static void WriteToFile(HostApplicationBuilder builder)
    {
        var file = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(PathFor(builder.Configuration), shared: true, formatProvider: CultureInfo.InvariantCulture, outputTemplate: "{Timestamp:u} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddSerilog(file, dispose: true);
    }
}
