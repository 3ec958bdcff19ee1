using StatusBot.Host.Tests.Security;

namespace StatusBot.Host.Tests.Following;

/// <summary>
/// The secured <c>serve</c> app of <see cref="SecuredServeFixture"/> (INC-1 open on streaming, Slack and Discord on their
/// emulators), with a public address for the incident links in direct messages.
/// </summary>
public sealed class FollowServeFixture : SecuredServeFixture
{
    public const string PublicUrl = "https://status.example.com";

    /// <summary>The bot token of the second workspace, T2.</summary>
    public const string SecondTeamToken = "xoxb-test-bot-token-t2";

    protected override Dictionary<string, string?> Settings { get; } = new()
    {
        ["StatusBot:RateLimit:CommandsPerMinute"] = "0",
        ["StatusBot:Admin:FailedTokensPerMinute"] = "0",
        ["StatusBot:Web:PublicUrl"] = PublicUrl,
        ["StatusBot:Slack:WorkspaceBotTokens:T2"] = SecondTeamToken,
    };

    /// <summary>
    /// Waits for <paramref name="condition"/>, moving the app's clock a second at a time (the Slack client paces each channel
    /// and the notifier waits out retries on it).
    /// </summary>
    public async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var step = 0; step < 400; step++)
        {
            if (condition())
            {
                return;
            }

            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        var following = Board.Current.Following;
        Assert.Fail($"Timed out waiting for {what}: fan-outs {string.Join(", ", following.FanOuts.Values.Select(f => $"{f.Id} to {f.Audience.Length}"))}; told {string.Join(", ", following.Told)}; "
            + $"Slack saw {string.Join(", ", SlackApi.Requests.Select(r => r.Method + " " + r.Status + " " + (r.Method == "chat.postMessage" ? r.Body[..Math.Min(80, r.Body.Length)] : "")))}; messages {string.Join(", ", SlackApi.Messages.Select(m => m.Channel))}; discord {string.Join(", ", DiscordApi.Messages.Values.Select(m => m.ChannelId))}; Discord saw {string.Join(", ", DiscordApi.Requests.Select(r => r.Method + " " + r.Path))}; "
            + string.Join("\n", Logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message + " " + l.Exception)));
    }
}
