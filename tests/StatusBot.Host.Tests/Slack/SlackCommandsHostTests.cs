using System.Net;
using System.Text.Json;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>Signed slash commands through the real serve app, Kestrel and the signature filter.</summary>
public sealed class SlackCommandsHostTests
{
    [Fact]
    public async Task Commands_UmbrellaAlone_AnswersTheOverviewEphemerally()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/statusbot", ""));

        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
        Assert.Contains("All systems operational", SlackJson.AllText(message));
        Assert.Contains("Streaming", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_UnknownCatalogCommand_AnswersUsage()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "frobnicate now"));

        Assert.Contains("Unknown command 'frobnicate'", SlackJson.AllText(message));
        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Commands_ShareFlagOnARead_AnswersInChannel()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "status streaming --share"));

        Assert.Equal("in_channel", message.GetProperty("response_type").GetString());
        Assert.Contains("Streaming", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_Shortcut_RunsTheMappedCatalogCommand()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/incident", "list"));

        Assert.Contains("No open incidents", SlackJson.AllText(message), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Commands_SslCheck_Answers200Empty()
    {
        await using var host = await SlackHost.StartAsync();
        var body = "ssl_check=1&token=xyz";

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Commands_EnterpriseFixture_AnswersItIsNotOurCommand()
    {
        await using var host = await SlackHost.StartAsync();

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", Fixtures.Read("slack-slash-command-enterprise.txt"), DateTimeOffset.UtcNow));

        var message = await ReadAsync(response);
        Assert.Contains("/hello-world", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_NonAdminRunsAdminCommand_RefusedAndStateUnchanged()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-VIEWER", isAdmin: false);
        await using var host = await SlackHost.StartAsync(emulator);
        var before = host.Board.Current;

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "incident open streaming major \"Streaming fails\"", "U-VIEWER"));

        Assert.Contains("admin", SlackJson.AllText(message), StringComparison.OrdinalIgnoreCase);
        Assert.Same(before, host.Board.Current);
        Assert.Empty(host.Board.Current.Incidents);
    }

    [Fact]
    public async Task Commands_ListedAdminOpensIncident_StoredAndConfirmed()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/incident", "open streaming major \"Streaming fails on TVs\"", "U-LISTED-ADMIN"));

        var incident = Assert.Single(host.Board.Current.Incidents.Values);
        Assert.Equal("Streaming fails on TVs", incident.Title);
        Assert.Equal("slack", incident.Timeline[0].Author.Platform);
        Assert.Contains(incident.Id.ToString(), SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_WorkspaceAdminFromUsersInfo_MayRunAdminCommands()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-OWNER", isOwner: true, locale: "fr-FR");
        await using var host = await SlackHost.StartAsync(emulator);

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "service set billing major \"card payments fail\"", "U-OWNER"));

        Assert.Equal(Core.Domain.ServiceStatus.MajorOutage, host.Board.Current.Services["billing"].Status);
        Assert.Contains("users.info", emulator.Requests.Select(r => r.Method));
        Assert.Contains("Billing", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_UserWithFrenchSlackLocale_AnsweredInFrenchOnceKnown()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-FR", locale: "fr-FR");
        await using var host = await SlackHost.StartAsync(emulator);

        // A read never waits for users.info: the first answer is in the default language while the lookup runs.
        var first = await ReadAsync(await host.CommandAsync("/statusbot", "", "U-FR"));
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "users.info"));
        var second = first;
        for (var i = 0; i < 50 && !SlackJson.AllText(second).Contains("Tous", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            second = await ReadAsync(await host.CommandAsync("/statusbot", "", "U-FR"));
        }

        Assert.Contains("All systems operational", SlackJson.AllText(first));
        Assert.Contains("Tous les services fonctionnent", SlackJson.AllText(second));
        Assert.Single(emulator.Calls("users.info"));
    }

    [Fact]
    public async Task Commands_UsersInfoFails_NotAdmin()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("users.info", SlackScript.Error("user_not_found"));
        await using var host = await SlackHost.StartAsync(emulator);

        await host.CommandAsync("/statusbot", "service set billing major", "U-ADMIN-UNKNOWN");

        Assert.Equal(Core.Domain.ServiceStatus.Operational, host.Board.Current.Services["billing"].Status);
    }

    [Fact]
    public async Task Commands_InjectionInAnIncidentTitle_RenderedInert()
    {
        await using var host = await SlackHost.StartAsync();
        await host.CommandAsync("/statusbot", "incident open streaming major \"<!channel> down <@U1> @here\"", "U-LISTED-ADMIN");

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "status --share"));

        Assert.Contains("&lt;!channel&gt; down", string.Join("\n", SlackJson.MrkdwnTexts(message)));
        Assert.All(SlackJson.MrkdwnTexts(message), t => Assert.DoesNotContain('<', SlackJson.WithoutDates(t)));
        Assert.DoesNotContain("<", message.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_ShareFlagOnAnError_StaysEphemeral()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "help \"All fixed! Refund form: https://evil.example/r\" --share"));

        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
        Assert.Contains("Unknown command", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_ShareFlagOnAnUnknownCommand_StaysEphemeral()
    {
        await using var host = await SlackHost.StartAsync();

        var message = await ReadAsync(await host.CommandAsync("/statusbot", "All fixed! Refund form: https://evil.example/r --share"));

        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Commands_TitleWithCharactersSlackEscapes_StoredAsTypedAndEscapedAgainInTheReply()
    {
        await using var host = await SlackHost.StartAsync();

        // What Slack sends for: TV < 50% & consoles, a literal "&lt;", and a user mention it turned into <@U1>.
        var message = await ReadAsync(await host.CommandAsync("/incident", "open streaming major \"TV &lt; 50% &amp; consoles &amp;lt; <@U1>\"", "U-LISTED-ADMIN"));

        var incident = Assert.Single(host.Board.Current.Incidents.Values);
        Assert.Equal("TV < 50% & consoles &lt; <@U1>", incident.Title);
        var shown = await ReadAsync(await host.CommandAsync("/statusbot", "incident show " + incident.Id));
        foreach (var reply in (JsonElement[])[message, shown])
        {
            var mrkdwn = string.Join("\n", SlackJson.MrkdwnTexts(reply).Append(reply.GetProperty("text").GetString()!));
            Assert.Contains("TV &lt; 50% &amp; consoles &amp;lt; &lt;@U1&gt;", mrkdwn);
            Assert.DoesNotContain("&amp;amp;", mrkdwn);
            Assert.DoesNotContain('<', SlackJson.WithoutDates(mrkdwn));
        }
    }

    [Fact]
    public async Task Commands_SlowAdminLookup_AcknowledgedAtOnceAndFinishedThroughResponseUrl()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-SLOW-ADMIN", isAdmin: true);
        emulator.Script("users.info", SlackScript.Slow(TimeSpan.FromSeconds(2)));
        await using var host = await SlackHost.StartAsync(emulator, new Dictionary<string, string?> { ["StatusBot:Slack:InlineBudgetMilliseconds"] = "300" });

        var ack = await ReadAsync(await host.CommandAsync("/statusbot", "service set billing partial", "U-SLOW-ADMIN", emulator.ResponseUrl("slow")));

        Assert.Contains("Working on it", SlackJson.AllText(ack));
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        var final = requests.Single(c => c.Method == "response_url");
        Assert.Contains("Billing", SlackJson.AllText(final.Json));
        Assert.Equal(Core.Domain.ServiceStatus.PartialOutage, host.Board.Current.Services["billing"].Status);
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
