using StatusBot.Discord;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web;

namespace StatusBot.Host.Hosting;

/// <summary>Builds the <c>serve</c> application: Kestrel, the configuration, the board, and the routes.</summary>
public static class StatusBotWebApp
{
    public static WebApplication Create(CliSettings cli, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        builder.WebHost.UseUrls(cli.Urls ?? builder.Configuration["urls"] ?? CliSettings.DefaultUrls);
        builder.Services.AddStatusBot();
        builder.Services.AddDiscord();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealth();
        app.MapDiscord();
        return app;
    }
}
