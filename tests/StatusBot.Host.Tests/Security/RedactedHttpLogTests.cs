using System.Text.Json.Nodes;
using StatusBot.Host.Logging;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// Answers finished later over HTTP (a deferred Discord interaction edits <c>@original</c> with the interaction token in
/// the path; a slow Slack command answers through <c>response_url</c>): the captured log holds neither credential.
/// </summary>
public sealed class RedactedHttpLogTests(RedactedHttpLogTests.Fixture serve) : IClassFixture<RedactedHttpLogTests.Fixture>
{
    [Fact]
    public async Task DeferredDiscordAnswer_InteractionTokenInNoLogLine()
    {
        var command = DiscordPayloads.Command(
            "incident open",
            new Dictionary<string, object> { ["services"] = "website", ["impact"] = "minor", ["title"] = "Slow pages" },
            permissions: "8");
        var token = JsonNode.Parse(command)!["token"]!.GetValue<string>();

        using var response = await serve.Client.SendAsync(serve.Discord.Request(new Uri(serve.Client.BaseAddress!, "/discord/interactions"), command, serve.Time.GetUtcNow()));
        await WaitUntilAsync(() => serve.DiscordApi.OriginalEdits.ContainsKey(token) && serve.Logs.Any(l => l.Message.Contains("PATCH", StringComparison.Ordinal)));

        Assert.DoesNotContain(serve.Logs, l => l.Message.Contains(token, StringComparison.Ordinal) || (l.Exception?.Contains(token, StringComparison.Ordinal) ?? false));
        Assert.Contains(serve.Logs, l => l.Message.Contains("/webhooks/" + DiscordPayloads.ApplicationId + "/***", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlackAnswerThroughResponseUrl_ResponseUrlPathInNoLogLine()
    {
        const string secretPath = "response-path-4f1d9c2b7e";
        var body = SlackSigner.CommandBody("/statusbot", "incident open website minor \"Slow pages\"", SecuredServeFixture.SlackViewer, responseUrl: serve.SlackApi.ResponseUrl(secretPath));

        using var response = await serve.Client.SendAsync(serve.Slack.Request("/slack/commands", body, serve.Time.GetUtcNow()));
        await serve.SlackApi.WaitForAsync(r => r.Any(c => c.Method == "response_url" && c.Path.EndsWith(secretPath, StringComparison.Ordinal)));

        Assert.DoesNotContain(serve.Logs, l => l.Message.Contains(secretPath, StringComparison.Ordinal) || (l.Exception?.Contains(secretPath, StringComparison.Ordinal) ?? false));
    }

    [Theory]
    [InlineData("https://discord.com/api/v10/webhooks/1100/aW50ZXJhY3Rpb24/messages/@original", "https://discord.com/api/v10/webhooks/1100/***")]
    [InlineData("https://discord.com/api/v10/interactions/1300/aW50ZXJhY3Rpb24/callback?with_response=true", "https://discord.com/api/v10/interactions/1300/***?***")]
    [InlineData("https://hooks.slack.com/commands/T1/397700885554/96rGlfmibIGlgcZRskXaIFfN", "https://hooks.slack.com/***")]
    [InlineData("http://127.0.0.1:5000/hooks/commands/T1/x", "http://127.0.0.1:5000/hooks/***")]
    [InlineData("https://discord.com/api/v10/channels/1100/messages", "https://discord.com/api/v10/channels/1100/messages")]
    public void Redact_CredentialsInTheUrl_Hidden(string url, string logged)
    {
        Assert.Equal(logged, RedactedHttpClientLogger.Redact(new Uri(url)));
    }

    /// <summary>
    /// Waits (real time, at most 60 s: the first deferred answer of a busy run is cold) for the answer, moving the app's
    /// clock on by small steps meanwhile, as time passes for a real bot: a retry the REST client scheduled runs on it.
    /// </summary>
    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the deferred answer and its log line did not come within 60 s");
            await Task.Delay(20);
            serve.Time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Its own app, answering Discord and Slack through their later paths at once.</summary>
    public sealed class Fixture : SecuredServeFixture
    {
        protected override Dictionary<string, string?> Settings { get; } = new()
        {
            ["StatusBot:RateLimit:CommandsPerMinute"] = "0",
            ["StatusBot:Discord:DeferAfterMilliseconds"] = "0",
            ["StatusBot:Slack:InlineBudgetMilliseconds"] = "0",
        };
    }
}
