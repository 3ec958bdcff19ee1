using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>Signed interactivity deliveries (buttons) through the real serve app.</summary>
public sealed class SlackInteractionsHostTests
{
    [Fact]
    public async Task Interactions_BlockActionsFixture_UnknownButtonAnsweredThroughResponseUrl()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = Fixtures.Read("slack-block-actions-form-body.txt")
            .Replace(Uri.EscapeDataString("https://hooks.slack.com/actions/T111/111/random-value").Replace("%2F", "/"), Uri.EscapeDataString(emulator.ResponseUrl("fixture")).Replace("%2F", "/"), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", Uri.UnescapeDataString(body));

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/interactions", body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        var answer = requests.Single(c => c.Method == "response_url");
        Assert.Contains("no longer valid", SlackJson.AllText(answer.Json));
        Assert.False(answer.Json.GetProperty("replace_original").GetBoolean());
    }

    [Fact]
    public async Task Interactions_TimelineButton_ShowsTheIncident()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        await host.CommandAsync("/statusbot", "incident open streaming major \"Streaming fails\"", "U-LISTED-ADMIN");

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-VIEWER", "timeline:INC-1", "incident show INC-1", emulator), DateTimeOffset.UtcNow));

        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.Contains("Streaming fails", SlackJson.AllText(requests.Single(c => c.Method == "response_url").Json));
    }

    [Fact]
    public async Task Interactions_ResolveButtonPressedByNonAdmin_RefusedAndIncidentStaysOpen()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-VIEWER");
        await using var host = await SlackHost.StartAsync(emulator);
        await host.CommandAsync("/statusbot", "incident open streaming major \"Streaming fails\"", "U-LISTED-ADMIN");

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-VIEWER", "resolve:INC-1", "incident resolve INC-1", emulator), DateTimeOffset.UtcNow));

        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.Contains("admin", SlackJson.AllText(requests.Single(c => c.Method == "response_url").Json), StringComparison.OrdinalIgnoreCase);
        Assert.False(Assert.Single(host.Board.Current.Incidents.Values).IsResolved);
    }

    [Fact]
    public async Task Interactions_ResolveButtonPressedByAdmin_Resolves()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        await host.CommandAsync("/statusbot", "incident open streaming major \"Streaming fails\"", "U-LISTED-ADMIN");

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-LISTED-ADMIN", "resolve:INC-1", "incident resolve INC-1", emulator), DateTimeOffset.UtcNow));

        await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.True(Assert.Single(host.Board.Current.Incidents.Values).IsResolved);
    }

    [Fact]
    public async Task Interactions_ButtonValueThatIsNoCatalogCommand_NotRunAndSaysTheButtonIsStale()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-LISTED-ADMIN", "set:billing", "sudo service set billing major", emulator), DateTimeOffset.UtcNow));

        var calls = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.Contains("no longer valid", calls.First(c => c.Method == "response_url").Body, StringComparison.Ordinal);
        Assert.Equal(Core.Domain.ServiceStatus.Operational, host.Board.Current.Services["billing"].Status);
    }

    [Fact]
    public async Task Interactions_AnyCatalogCommandOnAButton_RunsAsThePresser()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-VIEWER", "set:billing", "service set billing major", emulator), DateTimeOffset.UtcNow));
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.Equal(Core.Domain.ServiceStatus.Operational, host.Board.Current.Services["billing"].Status);

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-LISTED-ADMIN", "set:billing", "service set billing major", emulator), DateTimeOffset.UtcNow));
        await emulator.WaitForAsync(r => r.Count(c => c.Method == "response_url") == 2);
        Assert.Equal(Core.Domain.ServiceStatus.MajorOutage, host.Board.Current.Services["billing"].Status);
    }

    private static string Press(string userId, string actionId, string value, SlackEmulator emulator)
    {
        var payload = JsonNode.Parse(Fixtures.Read("slack-block-actions.json"))!.AsObject();
        payload["user"]!["id"] = userId;
        payload["response_url"] = emulator.ResponseUrl("press");
        payload["trigger_id"] = "7.8." + Guid.NewGuid().ToString("N");
        payload["actions"]![0]!["action_id"] = actionId;
        payload["actions"]![0]!["value"] = value;
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString(new JsonSerializerOptions()));
    }
}
