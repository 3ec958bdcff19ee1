using StatusBot.Host.Configuration;
using StatusBot.Host.ConsolePlatform;

namespace StatusBot.Host.Hosting;

/// <summary>Builds the host of the console verbs: no web server, logs on standard error so standard output stays clean.</summary>
public static class StatusBotConsoleHost
{
    public static IHost Create(CliSettings cli, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A refused start is reported once, as a sentence, by the command line; not again as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddStatusBot(builder.Configuration);
        builder.Services.AddSingleton<ConsoleChat>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
