using System.Text.Json.Nodes;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>Socket Mode through the real serve app against the emulator's scripted WebSocket server.</summary>
public sealed class SlackSocketModeTests
{
    private static readonly Dictionary<string, string?> SocketSettings = new() { ["StatusBot:Slack:AppToken"] = SlackEmulator.AppToken };

    [Fact]
    public async Task SlashCommandFixture_AckedWithTheAnswerAsPayload()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);
        var frame = JsonNode.Parse(Fixtures.Read("slack-socket-mode-slash-commands.json"))!;
        frame["payload"]!["command"] = "/statusbot";
        frame["payload"]!["text"] = "status streaming";

        await socket.SendAsync(frame.ToJsonString());

        var ack = await emulator.WaitForAckAsync("1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        Assert.Contains("Streaming", SlackJson.AllText(ack.Payload!.Value));
        Assert.Equal("ephemeral", ack.Payload!.Value.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task SlashCommandWithoutResponsePayload_AckedThenAnsweredThroughResponseUrl()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);
        var frame = JsonNode.Parse(Fixtures.Read("slack-socket-mode-slash-commands.json"))!;
        frame["accepts_response_payload"] = false;
        frame["payload"]!["command"] = "/why";
        frame["payload"]!["response_url"] = emulator.ResponseUrl("socket");

        await socket.SendAsync(frame.ToJsonString());

        var ack = await emulator.WaitForAckAsync("1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        Assert.Null(ack.Payload);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        Assert.Contains("/hooks/commands/T1/socket", requests.Single(c => c.Method == "response_url").Path);
    }

    [Fact]
    public async Task SlashCommandFixtureVerbatim_AckedWithUsage()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);

        await socket.SendAsync(Fixtures.Read("slack-socket-mode-slash-commands.json"));

        var ack = await emulator.WaitForAckAsync("1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        Assert.Contains("/hello-socket-mode", SlackJson.AllText(ack.Payload!.Value));
    }

    [Fact]
    public async Task SlashCommandRedeliveredInAnotherEnvelope_AckedWithoutRunningAgain()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);
        var frame = JsonNode.Parse(Fixtures.Read("slack-socket-mode-slash-commands.json"))!;
        frame["payload"]!["command"] = "/statusbot";
        frame["payload"]!["user_id"] = "U-LISTED-ADMIN";
        frame["payload"]!["text"] = "incident open streaming major \"Streaming fails\"";
        var again = frame.DeepClone();
        again["envelope_id"] = "env-again";

        await socket.SendAsync(frame.ToJsonString());
        var first = await emulator.WaitForAckAsync("1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        await socket.SendAsync(again.ToJsonString());
        var second = await emulator.WaitForAckAsync("env-again");

        Assert.Contains("INC-1", SlackJson.AllText(first.Payload!.Value));
        Assert.Null(second.Payload);
        Assert.Single(host.Board.Current.Incidents);
    }

    [Fact]
    public async Task InteractiveShortcutFixture_AckedWithoutPayload()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);

        await socket.SendAsync(Fixtures.Read("slack-socket-mode-interactive-shortcut.json"));

        var ack = await emulator.WaitForAckAsync("57d6a792-4d35-4d0b-b6aa-3361493e1caf");
        Assert.Null(ack.Payload);
    }

    [Fact]
    public async Task EventsApiRetryFixture_AckedAndNotAnsweredTwice()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var socket = await emulator.WaitForSocketAsync(1);
        var first = Mention("Ev-R1", "env-first", "<@U111> is streaming down?");
        var retry = JsonNode.Parse(first)!;
        retry["envelope_id"] = "env-retry";
        retry["retry_attempt"] = 1;
        retry["retry_reason"] = "timeout";

        await socket.SendAsync(first);
        await socket.SendAsync(retry.ToJsonString());

        await emulator.WaitForAckAsync("env-first");
        await emulator.WaitForAckAsync("env-retry");
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        await host.BackgroundWorkDoneAsync();
        Assert.Single(emulator.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task Disconnect_NewConnectionOpenedBeforeTheOldClosesAndNoEnvelopeLost()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, SocketSettings);
        var first = await emulator.WaitForSocketAsync(1);
        await first.SendAsync(Mention("Ev-A", "env-a", "<@U111> is streaming down?"));
        await emulator.WaitForAckAsync("env-a");

        await first.SendAsync(Fixtures.Read("slack-socket-mode-disconnect.json").Replace("too_many_websockets", "refresh_requested", StringComparison.Ordinal));
        var second = await emulator.WaitForSocketAsync(2);
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await second.SendAsync(Mention("Ev-B", "env-b", "<@U111> why is the website slow?"));
        await emulator.WaitForAckAsync("env-b");

        var c = Mention("Ev-C", "env-c", "<@U111> is billing down?");
        await second.SendAsync(c);
        second.Abort();
        var third = await emulator.WaitForSocketAsync(3);
        await third.SendAsync(c);

        Assert.True(second.OpenedAt < first.ClosedAt, $"second opened {second.OpenedAt}, first closed {first.ClosedAt}");
        // The bot may or may not have acknowledged C on the second connection before it dropped (a race, as with Slack);
        // either way it acknowledges the redelivery on the third and answers C once.
        await emulator.WaitForAckAsync("env-c", connection: 3);
        await emulator.WaitForAsync(r => r.Count(x => x.Method == "chat.postMessage") >= 3);
        await host.BackgroundWorkDoneAsync();
        var texts = emulator.Calls("chat.postMessage").Select(p => p.Field("thread_ts")).ToList();
        Assert.Equal(["ts-Ev-A", "ts-Ev-B", "ts-Ev-C"], texts.Order());
        Assert.Equal(3, emulator.Calls("apps.connections.open").Count());
    }

    private static string Mention(string eventId, string envelopeId, string text)
    {
        var frame = JsonNode.Parse(Fixtures.Read("slack-socket-mode-events-api.json"))!;
        frame["envelope_id"] = envelopeId;
        frame["payload"] = JsonNode.Parse(SlackEventsHostTests.EventFromFixture("slack-socket-mode-events-api.json", text));
        frame["payload"]!["event_id"] = eventId;
        frame["payload"]!["event"]!["ts"] = "ts-" + eventId;
        return frame.ToJsonString();
    }
}
