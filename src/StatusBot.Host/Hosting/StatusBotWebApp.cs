using Prometheus;
using StatusBot.Discord;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web;
using StatusBot.Host.Web.Admin;
using StatusBot.Host.Web.Hooks;
using StatusBot.Host.Web.Pages;
using StatusBot.Host.Web.Statuspage;
using StatusBot.Slack;

namespace StatusBot.Host.Hosting;

/// <summary>Builds the <c>serve</c> application: Kestrel, the configuration, the board, and the routes.</summary>
public static class StatusBotWebApp
{
    public static WebApplication Create(CliSettings cli, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        builder.WebHost.UseUrls(cli.Urls ?? builder.Configuration["urls"] ?? CliSettings.DefaultUrls);

        // A refused start is reported once, as a sentence, by the command line; not again as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        // One line per request would cost more than answering it during an outage-night burst.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddStatusBot(builder.Configuration);
        builder.Services.AddSingleton<StatuspageEndpoints.Mapper>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHostedService<PrometheusBridge>();

        // The .NET meters are exported through the bridge, under stable names; not a second time by prometheus-net.
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = _ => false);
        builder.Services.AddDiscord();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRouting();
        app.UseHttpMetrics(o => o.ReduceStatusCodeCardinality());
        app.MapHealth();
        app.MapStatuspageApi();
        app.MapStatusPages();
        app.MapAdminApi();
        app.MapHooks();
        app.MapOpenApi();
        app.MapMetrics("/metrics");
        app.MapSlack();
        app.MapDiscord();
        return app;
    }
}
