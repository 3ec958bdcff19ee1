using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Host.Hosting;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>
/// The real <c>serve</c> app (StatusBotWebApp.Create) on a free loopback port, with a temporary config file, the Slack
/// secrets and the emulator's base URL: requests go through Kestrel and the real signature filter.
/// </summary>
public sealed class SlackHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _directory;

    private SlackHost(WebApplication app, string directory, HttpClient client)
    {
        _app = app;
        _directory = directory;
        Client = client;
    }

    public HttpClient Client { get; }

    public SlackSigner Signer { get; } = new(Secret);

    public StatusBoard Board => _app.Services.GetRequiredService<StatusBoard>();

    public IServiceProvider Services => _app.Services;

    public static async Task<SlackHost> StartAsync(
        SlackEmulator? emulator = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        string? secret = Secret)
    {
        var directory = Directory.CreateTempSubdirectory("statusbot-slack-").FullName;
        var configPath = Path.Combine(directory, "statusbot.json");
        await File.WriteAllTextAsync(configPath, Config);
        var overrides = new Dictionary<string, string?>
        {
            ["StatusBot:Slack:SigningSecret"] = secret,
            ["StatusBot:Slack:CommandName"] = "/statusbot",
            ["StatusBot:Slack:Shortcuts:/incident"] = "incident",
            ["StatusBot:Slack:Shortcuts:/why"] = "why",
            ["StatusBot:Slack:AdminUserIds:0"] = "U-LISTED-ADMIN",
        };
        if (emulator is not null)
        {
            overrides["StatusBot:Slack:ApiBaseUrl"] = emulator.BaseUrl;
            overrides["StatusBot:Slack:BotToken"] = SlackEmulator.BotToken;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = StatusBotWebApp.Create(new CliSettings(configPath, Path.Combine(directory, "data"), "http://127.0.0.1:0"), builder =>
        {
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.Logging.ClearProviders();
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackHost(app, directory, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Sends a signed slash command and returns the response.</summary>
    public Task<HttpResponseMessage> CommandAsync(string command, string text, string userId = "U-VIEWER", string? responseUrl = null) =>
        Client.SendAsync(Signer.Request("/slack/commands", SlackSigner.CommandBody(command, text, userId, responseUrl: responseUrl), DateTimeOffset.UtcNow));

    /// <summary>
    /// Waits until the work queued in the background so far (answers to mentions and events, late replies) has finished:
    /// after that, a delivery that was acknowledged without being queued is known to have been left unanswered.
    /// </summary>
    public async Task BackgroundWorkDoneAsync()
    {
        await Services.GetRequiredService<ChatDeferrals>().DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string Config = """
        {
          "StatusBot": {
            "Locale": "en",
            "Upstreams": [ { "Id": "aws-elb-us-east-1", "Name": "AWS Elastic Load Balancing (us-east-1)", "Components": [ "ELB" ] } ],
            "Services": [
              { "Id": "streaming", "Name": "Streaming", "Aliases": [ "video", "netflix" ], "Group": "Watch", "DependsOn": [ "aws-elb-us-east-1" ] },
              { "Id": "website", "Name": "Website", "Aliases": [ "site" ], "Group": "Browse", "DependsOn": [ "aws-elb-us-east-1" ] },
              { "Id": "billing", "Name": "Billing", "Aliases": [ "payments" ], "Group": "Account", "DependsOn": [] }
            ]
          }
        }
        """;
}
