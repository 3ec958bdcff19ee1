using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.WebApi;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Support;

/// <summary>A real Web API client pointed at the emulator.</summary>
public static class SlackClients
{
    public static SlackWebApiClient For(SlackEmulator emulator, Action<SlackOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SlackOptions
        {
            SigningSecret = "test-signing-secret-0123456789abcdef",
            BotToken = SlackEmulator.BotToken,
            AppToken = SlackEmulator.AppToken,
            ApiBaseUrl = emulator.BaseUrl,
            MaxBackoffSeconds = 2,
        };
        configure?.Invoke(options);
        return new SlackWebApiClient(new HttpClient(), Options.Create(options), time ?? TimeProvider.System, NullLogger<SlackWebApiClient>.Instance);
    }
}
