using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// The per-user limit at the platform edges of the real app (StatusBot:RateLimit), including the answers both adapters
/// serve from their read caches: a repeated <c>/status</c> is cached, and still counts.
/// </summary>
public sealed class RateLimitHostTests(RateLimitHostTests.Fixture serve) : IClassFixture<RateLimitHostTests.Fixture>
{
    private const string Limited = "Easy there: that is a lot of commands in a short time.";

    [Fact]
    public async Task SlackStatus_RepeatedByOneUser_ThirdIsLimited_OthersStillAnswered()
    {
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await SlackAsync("U-FLOODER"));
        }

        var someoneElse = await SlackAsync(SecuredServeFixture.SlackViewer);

        Assert.DoesNotContain(Limited, answers[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Limited, answers[1], StringComparison.Ordinal);
        Assert.Contains(Limited, answers[2], StringComparison.Ordinal);
        Assert.DoesNotContain(Limited, someoneElse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscordStatus_RepeatedByOneUser_ThirdIsLimitedAndEphemeral()
    {
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = serve.Discord.Request(new Uri(serve.Client.BaseAddress!, "/discord/interactions"), DiscordPayloads.Command("status", userId: "1200000000000000077"), serve.Time.GetUtcNow());
            using var response = await serve.Client.SendAsync(request);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.DoesNotContain(Limited, SecuredServeFixture.Texts(answers[1]), StringComparison.Ordinal);
        Assert.Contains(Limited, SecuredServeFixture.Texts(answers[2]), StringComparison.Ordinal);
        Assert.Equal(64, System.Text.Json.Nodes.JsonNode.Parse(answers[2])!["data"]!["flags"]!.GetValue<int>());
    }

    private async Task<string> SlackAsync(string user)
    {
        serve.SlackApi.AddUser(user);
        using var request = serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", "status", user), serve.Time.GetUtcNow());
        using var response = await serve.Client.SendAsync(request);
        return SecuredServeFixture.Texts(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Two commands at once, then one every ten seconds.</summary>
    public sealed class Fixture : SecuredServeFixture
    {
        protected override Dictionary<string, string?> Settings { get; } = new()
        {
            ["StatusBot:RateLimit:CommandsPerMinute"] = "6",
            ["StatusBot:RateLimit:Burst"] = "2",
        };
    }
}
