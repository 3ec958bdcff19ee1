using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>Captured signed requests sent again while their timestamp is fresh, through the real serve app.</summary>
public sealed class SlackReplayHostTests
{
    private const string Open = "incident open streaming major \"Streaming fails\"";

    [Fact]
    public async Task Commands_SameSignedRequestThreeTimes_RunOnceAndTheCopiesGetAnEmpty200()
    {
        await using var host = await SlackHost.StartAsync();
        var body = SlackSigner.CommandBody("/statusbot", Open, "U-LISTED-ADMIN");
        var at = DateTimeOffset.UtcNow;

        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, at));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains("INC-1", answers[0].Body);
        Assert.Equal(["", ""], answers.Skip(1).Select(a => a.Body));
        Assert.Equal("INC-1", Assert.Single(host.Board.Current.Incidents.Values).Id.ToString());
    }

    [Fact]
    public async Task Commands_SixteenConcurrentCopies_ExactlyOneRuns()
    {
        await using var host = await SlackHost.StartAsync();
        var body = SlackSigner.CommandBody("/statusbot", Open, "U-LISTED-ADMIN");
        var at = DateTimeOffset.UtcNow;

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, at));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers, a => a.Body.Length > 0);
        Assert.Single(host.Board.Current.Incidents);
    }

    [Fact]
    public async Task Commands_SameTriggerSignedAgainLater_NotRunAgain()
    {
        await using var host = await SlackHost.StartAsync();
        var body = SlackSigner.CommandBody("/statusbot", Open, "U-LISTED-ADMIN");
        var at = DateTimeOffset.UtcNow;

        using var first = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, at));
        using var again = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, at.AddSeconds(-2)));

        Assert.Contains("INC-1", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsStringAsync());
        Assert.Single(host.Board.Current.Incidents);
    }

    [Fact]
    public async Task Interactions_ResolveButtonReplayed_AnsweredOnce()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        await host.CommandAsync("/statusbot", Open, "U-LISTED-ADMIN");
        var press = Press("U-LISTED-ADMIN", "resolve:INC-1", "incident resolve INC-1", emulator.ResponseUrl("press"), "7.8.press");
        var at = DateTimeOffset.UtcNow;

        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Client.SendAsync(host.Signer.Request("/slack/interactions", press, at));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A later press of another button: once its answer is there, the copies (queued before it) would have been too.
        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-VIEWER", "timeline:INC-1", "incident show INC-1", emulator.ResponseUrl("marker"), "7.8.marker"), at));
        var requests = await emulator.WaitForAsync(r => r.Count(c => c.Method == "response_url") >= 2);

        Assert.Single(requests, c => c.Method == "response_url" && c.Path.EndsWith("/press", StringComparison.Ordinal));
        Assert.True(Assert.Single(host.Board.Current.Incidents.Values).IsResolved);
    }

    private static string Press(string userId, string actionId, string value, string responseUrl, string triggerId)
    {
        var payload = JsonNode.Parse(Fixtures.Read("slack-block-actions.json"))!.AsObject();
        payload["user"]!["id"] = userId;
        payload["response_url"] = responseUrl;
        payload["trigger_id"] = triggerId;
        payload["actions"]![0]!["action_id"] = actionId;
        payload["actions"]![0]!["value"] = value;
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString(new JsonSerializerOptions()));
    }
}
