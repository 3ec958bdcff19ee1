using Prometheus;
using Prometheus.HttpMetrics;
using StatusBot.Core.Board;
using StatusBot.Core.Crowd;
using StatusBot.Core.Telemetry;
using StatusBot.Discord;
using StatusBot.Host.Configuration;
using StatusBot.Host.ConsolePlatform;
using StatusBot.Host.Tuning;
using StatusBot.Host.Web;
using StatusBot.Host.Web.Admin;
using StatusBot.Host.Web.Hooks;
using StatusBot.Host.Web.Http;
using StatusBot.Host.Web.Pages;
using StatusBot.Host.Web.Statuspage;
using StatusBot.Host.Webhooks;
using StatusBot.Slack;
using StatusBot.Storage;

namespace StatusBot.Host.Hosting;

/// <summary>Builds the <c>serve</c> application: Kestrel, the configuration, the board, and the routes.</summary>
public static class StatusBotWebApp
{
    /// <summary>
    /// Request-duration bucket bounds at the answer-time objectives (10 ms for an acknowledged update, 50 ms for a chat
    /// answer, 3 s for Slack's and Discord's deadline), so "p99 under 10 ms" is read off the histogram exactly rather than
    /// between powers of two.
    /// </summary>
    internal static readonly double[] RequestDurationBuckets =
        [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10];

    /// <summary>The request-duration histogram with those bounds, by endpoint (the labels prometheus-net uses by default).</summary>
    private static Histogram RequestDuration() => Metrics.CreateHistogram(
        "http_request_duration_seconds",
        "Time from the request reaching the application (routed) to its answer, by endpoint.",
        new HistogramConfiguration
        {
            Buckets = RequestDurationBuckets,
            LabelNames = [HttpRequestLabelNames.Code, HttpRequestLabelNames.Method, HttpRequestLabelNames.Controller, HttpRequestLabelNames.Action, HttpRequestLabelNames.Endpoint],
        });

    public static WebApplication Create(CliSettings cli, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        var urls = cli.Urls ?? builder.Configuration["urls"] ?? CliSettings.DefaultUrls;
        builder.WebHost.UseUrls(urls);
        var publicUrl = PublicAddress.Configured(builder.Configuration)?.Url ?? PublicAddress.FromListenUrls(urls);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        // A refused start is reported once, as a sentence, by the command line; not again as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        // One line per request would cost more than answering it during an outage-night burst.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The hosting layer writes only per-request lines (starting, finished: Information) under this category, and opens
        // a logging scope for every request whenever its Critical level is on; nothing here reads that scope, and opening
        // it costs each answer an allocation and an execution-context change. Startup failures reach the command line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddStatusBot(builder.Configuration);
        builder.Services.PostConfigure<StatusBotOptions>(o => o.Web.PublicUrl = o.Web.PublicUrl.Length > 0 ? o.Web.PublicUrl : publicUrl);
        // Upstream polls name the public address a provider can reach; Slack:PublicUrl counts as it does everywhere else.
        var configuredPublicUrl = PublicAddress.Configured(builder.Configuration)?.Url;
        builder.Services.PostConfigure<StatusBot.Monitoring.MonitoringOptions>(o => o.Web.PublicUrl ??= configuredPublicUrl);
        // Public posts end with the incident's page: the configured public address, else the first address served.
        builder.Services.PostConfigure<StatusBot.Announcing.Publishing.PublishingOptions>(o => o.Web.PublicUrl = string.IsNullOrWhiteSpace(o.Web.PublicUrl) ? publicUrl : o.Web.PublicUrl);
        builder.Services.AddSingleton<StatuspageEndpoints.Mapper>();
        builder.Services.AddSingleton<MonitoredServices>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealth();
        builder.Services.AddPriorityLane(builder.Configuration);
        builder.Services.AddSingleton<FailedTokenThrottle>();
        builder.Services.AddPublicWeb();

        // The bot's metrics are prometheus-net's own (StatusBotMetrics); the framework's .NET meters are not exported beside them.
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = _ => false);

        // The event-counter adapter's own gauge, prometheus_net_eventcounteradapter_sources_connected_total, fails
        // `promtool check metrics` (a gauge named like a counter); the runtime's figures come from the process metrics.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });
        if (!builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.UsesPostgres ?? true)
        {
            builder.Services.AddHostedService<LocalConsoleServer>();
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        var leadership = app.Services.GetRequiredService<ILeadership>();
        StatusBotMetrics.ObserveLeader(() => leadership.IsLeader);
        var crowd = app.Services.GetRequiredService<CrowdWatch>();
        StatusBotMetrics.ObserveCrowd(() => crowd.Counts().Select(c => (c.ServiceId, c.Askers, c.Usual)));
        app.UsePublicWeb();
        app.UseRouting();
        app.UseMiddleware<RequestMetrics>(RequestDuration());

        app.UseCors();

        // After the metrics, so a refused body is counted with its 400 or 408.
        app.UseMiddleware<RequestFraming>();

        // After the metrics, so a request's time on the lane includes its wait to get onto it.
        app.Use(AdminServerTiming.InvokeAsync);
        app.UsePriorityLane();
        app.MapHealth();
        app.MapStatuspageApi();
        app.MapStatusPages();
        app.MapAdminApi();
        app.MapWebhookAdminApi();
        app.MapHooks();
        app.MapOpenApi();
        app.MapMetrics("/metrics");
        app.MapSlack();
        app.MapDiscord();
        return app;
    }
}
