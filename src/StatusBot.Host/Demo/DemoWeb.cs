using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Pages;
using StatusBot.Host.Web.Statuspage;

namespace StatusBot.Host.Demo;

/// <summary>
/// The status page, feed and Statuspage JSON of the demo's board, on the demo's clock, while the story plays: the same
/// page code as <c>serve</c>, over a board that exists only in memory for the demo.
/// </summary>
public static class DemoWeb
{
    public static async Task<WebApplication> StartAsync(string urls, StatusBoard board, TimeProvider clock, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(board);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(Options.Create(new StatusBotOptions { Web = new WebOptions { PageName = "Streaming service status (demo)", PublicUrl = PublicAddress.FromListenUrls(urls) } }));
        builder.Services.AddSingleton<StatuspageEndpoints.Mapper>();
        var app = builder.Build();
        app.MapStatusPages();
        app.MapStatuspageApi();
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The address the page answers on (the real port when <c>:0</c> was asked for).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
