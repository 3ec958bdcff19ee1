using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Following;
using StatusBot.Host.Tests.Security;
using StatusBot.Testing;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Following;

/// <summary>
/// <c>follow</c>, <c>unfollow</c> and <c>following</c> through signed Slack commands and Discord interactions, and the
/// direct messages followers then get on the emulators at each change of INC-1 (streaming), or only at its resolution.
/// The story test owns INC-1; the others use people of their own.
/// </summary>
public sealed class FollowTests(FollowServeFixture serve) : IClassFixture<FollowServeFixture>
{
    private const string SlackFollower = "U-FOLLOWER";
    private const string SlackRefused = "U-GONE";
    private const string DiscordFollower = "1200000000000000071";
    private const string DiscordResolvedOnly = "1200000000000000072";
    private const string DiscordRefused = "1200000000000000073";
    private const string SlackLister = "U-LISTER";
    private const string SlackPresser = "U-PRESSER";
    private const string DiscordPresser = "1200000000000000074";
    private const string SlackTwin = "U-TWIN";
    private const string SecondTeam = "T2";
    private const string SlackLegacy = "U-LEGACY";
    private const string SlackLegacyAdmin = "U-LEGACY-ADMIN";
    private const string LegacyChannel = "C-LEGACY";

    [Fact]
    public async Task FollowOnSlackAndDiscord_UpdateThenResolve_DirectMessagesAtEachChangeOrOnlyAtTheFix_RefusedUnfollowed()
    {
        // INC-1 was opened before anyone here followed: that is not news to them.
        serve.Time.Advance(TimeSpan.FromMinutes(1));
        var slackAnswer = await SlackAsync("follow streaming", SlackFollower);
        await SlackAsync("follow streaming", SlackRefused);
        var discordAnswer = await DiscordAsync("follow", DiscordFollower, new Dictionary<string, object> { ["service"] = "streaming" }, locale: "fr");
        var resolvedOnly = await DiscordAsync("follow", DiscordResolvedOnly, new Dictionary<string, object> { ["service"] = "streaming", ["resolved"] = "resolved" });
        await DiscordAsync("follow", DiscordRefused, new Dictionary<string, object> { ["service"] = "streaming" });

        Assert.Contains("You will get a direct message at each change of Streaming's incidents.", slackAnswer, StringComparison.Ordinal);
        Assert.Contains("Vous recevrez un message privé à chaque changement des incidents de Streaming.", discordAnswer, StringComparison.Ordinal);
        Assert.Contains("You will get a direct message when Streaming is fixed.", resolvedOnly, StringComparison.Ordinal);
        var follows = serve.Board.Current.Following.Follows.Values.ToList();
        Assert.Equal(5, follows.Count);
        Assert.Contains(follows, f => f.Recipient == new DirectRecipient("discord", DiscordResolvedOnly) && f.ResolvedOnly && f.ServiceId == "streaming");
        Assert.Contains(follows, f => f.Recipient.Key == RecipientKeys.Direct("discord", null, DiscordFollower) && f.Locale == "fr");

        serve.SlackApi.RefuseDirectMessages(SlackRefused, "user_disabled");
        serve.DiscordApi.RefuseDirectMessages(DiscordRefused);

        await AdminAsync("incident update INC-1 identified \"Load balancers in us-east-1 are failing\"");

        await serve.WaitForAsync(() => serve.SlackApi.DirectMessagesTo(SlackFollower).Count == 1 && serve.DiscordApi.DirectMessagesTo(DiscordFollower).Count == 1, "the update's direct messages");
        var slack = serve.SlackApi.DirectMessagesTo(SlackFollower).Single();
        Assert.Contains("Load balancers in us-east-1 are failing", slack.Blocks + slack.Text, StringComparison.Ordinal);
        Assert.Contains(FollowServeFixture.PublicUrl + "/incidents/INC-1", slack.Blocks + slack.Text, StringComparison.Ordinal);
        var discord = SecuredServeFixture.Texts(serve.DiscordApi.DirectMessagesTo(DiscordFollower).Single().Body.ToJsonString());
        Assert.Contains("Load balancers in us-east-1 are failing", discord, StringComparison.Ordinal);
        Assert.Contains("Détails", discord, StringComparison.Ordinal);
        Assert.NotNull(serve.DiscordApi.DirectMessagesTo(DiscordFollower).Single().Body["nonce"]);

        await serve.WaitForAsync(
            () => !serve.Board.Current.Following.Of(RecipientKeys.Direct("discord", null, DiscordRefused)).Any()
                && !serve.Board.Current.Following.Of(RecipientKeys.Direct("slack", SlackEmulator.Team, SlackRefused)).Any(),
            "the refused followers to be unfollowed");
        Assert.Contains(serve.DiscordApi.Requests, r => r.Path.StartsWith("/channels/", StringComparison.Ordinal) && r.Path.EndsWith("/messages", StringComparison.Ordinal)
            && serve.DiscordApi.DirectChannelOf(DiscordRefused) is { } channel && r.Path.Contains(channel, StringComparison.Ordinal));
        Assert.Empty(serve.SlackApi.DirectMessagesTo(SlackRefused));
        Assert.Empty(serve.DiscordApi.DirectMessagesTo(DiscordResolvedOnly));

        await AdminAsync("incident resolve INC-1 \"Traffic moved to us-west-2\"");

        await serve.WaitForAsync(
            () => serve.SlackApi.DirectMessagesTo(SlackFollower).Count == 2
                && serve.DiscordApi.DirectMessagesTo(DiscordFollower).Count == 2
                && serve.DiscordApi.DirectMessagesTo(DiscordResolvedOnly).Count == 1,
            "the resolution's direct messages");
        var resolved = SecuredServeFixture.Texts(serve.DiscordApi.DirectMessagesTo(DiscordResolvedOnly).Single().Body.ToJsonString());
        Assert.Contains("Traffic moved to us-west-2", resolved, StringComparison.Ordinal);
        Assert.Contains(FollowServeFixture.PublicUrl + "/incidents/INC-1", resolved, StringComparison.Ordinal);
        Assert.Contains("Traffic moved to us-west-2", serve.SlackApi.DirectMessagesTo(SlackFollower)[^1].Blocks, StringComparison.Ordinal);
        Assert.Equal(1, serve.DiscordApi.DirectOpens[DiscordFollower]);
        Assert.Single(serve.SlackApi.Calls("conversations.open"), r => r.Body.Contains(SlackFollower, StringComparison.Ordinal));
        await serve.WaitForAsync(() => serve.Board.Current.Following.FanOuts.IsEmpty, "every fan-out to be settled");
    }

    [Fact]
    public async Task TellMeWhenItsFixedButton_OnStatusAndWhy_PressedOnSlackAndDiscord_FollowsUntilTheFix()
    {
        var opened = await serve.Services.GetRequiredService<ChatPipeline>().RunAsync("incident open billing minor \"Card payments slow\"", TestBot.Admin());
        Assert.Equal(CommandOutcome.Changed, opened.Outcome);
        var incident = serve.Board.Current.OpenIncidentsFor("billing").Single().Id;
        serve.Time.Advance(TimeSpan.FromMinutes(1));

        var status = await SlackRawAsync("status billing", SlackPresser);
        var why = await DiscordRawAsync("why", DiscordPresser, new Dictionary<string, object> { ["service"] = "billing" });

        Assert.Contains("Tell me when it's fixed", SecuredServeFixture.Texts(status), StringComparison.Ordinal);
        Assert.Contains("\"follow billing resolved\"", status, StringComparison.Ordinal);
        Assert.Contains("\"custom_id\":\"follow billing resolved\"", why, StringComparison.Ordinal);

        var responseUrl = serve.SlackApi.ResponseUrl("follow-" + Guid.NewGuid().ToString("N"));
        var payload = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new Dictionary<string, object?> { ["id"] = SlackPresser, ["username"] = "presser" },
            ["team"] = new Dictionary<string, object?> { ["id"] = "T1" },
            ["channel"] = new Dictionary<string, object?> { ["id"] = "C-GENERAL" },
            ["trigger_id"] = "9.9." + Guid.NewGuid().ToString("N"),
            ["response_url"] = responseUrl,
            ["actions"] = new[] { new Dictionary<string, object?> { ["action_id"] = "follow:billing", ["value"] = "follow billing resolved", ["type"] = "button" } },
        });
        using (var press = serve.Slack.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), serve.Time.GetUtcNow()))
        using (var pressed = await serve.Client.SendAsync(press))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        }

        var path = new Uri(responseUrl).AbsolutePath;
        var seen = await serve.SlackApi.WaitForAsync(requests => requests.Any(r => r.Path == path));
        Assert.Contains("You will get a direct message when Billing is fixed.", SecuredServeFixture.Texts(seen.Single(r => r.Path == path).Body), StringComparison.Ordinal);
        var discordPress = await DiscordBodyAsync(DiscordPayloads.Press("follow billing resolved", DiscordPresser));
        Assert.Contains("You will get a direct message when Billing is fixed.", SecuredServeFixture.Texts(discordPress), StringComparison.Ordinal);
        Assert.Contains(serve.Board.Current.Following.Follows.Values, f => f.Recipient == new DirectRecipient("slack", SlackPresser, SlackEmulator.Team) && f.ServiceId == "billing" && f.ResolvedOnly);
        Assert.Contains(serve.Board.Current.Following.Follows.Values, f => f.Recipient.UserId == DiscordPresser && f.ServiceId == "billing" && f.ResolvedOnly);

        await AdminAsync($"incident update {incident} monitoring \"A fix is rolling out\"");
        await AdminAsync($"incident resolve {incident} \"Payments are fast again\"");

        await serve.WaitForAsync(
            () => serve.SlackApi.DirectMessagesTo(SlackPresser).Count > 0 && serve.DiscordApi.DirectMessagesTo(DiscordPresser).Count > 0
                && serve.Board.Current.Following.FanOuts.Values.All(f => f.IncidentId != incident),
            "the fix's direct messages");
        Assert.Contains("Payments are fast again", Assert.Single(serve.SlackApi.DirectMessagesTo(SlackPresser)).Blocks, StringComparison.Ordinal);
        Assert.Contains("Payments are fast again", SecuredServeFixture.Texts(Assert.Single(serve.DiscordApi.DirectMessagesTo(DiscordPresser)).Body.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowWithAWordThatIsNotResolved_RefusedAndNothingChanges()
    {
        var before = serve.Board.Current;

        var answer = await SlackAsync("follow streaming sometimes", SlackFollower);

        Assert.Contains("'sometimes' is not a way to follow", answer, StringComparison.Ordinal);
        Assert.Same(before, serve.Board.Current);
    }

    [Fact]
    public async Task FollowingThenUnfollow_ListsAndStops()
    {
        await SlackAsync("follow streaming", SlackLister);
        await SlackAsync("follow api resolved", SlackLister);
        var listed = await SlackAsync("following", SlackLister);
        var unfollowed = await SlackAsync("unfollow streaming", SlackLister);
        var again = await SlackAsync("unfollow streaming", SlackLister);
        var all = await SlackAsync("unfollow", SlackLister);
        var none = await DiscordAsync("following", "1200000000000000079", null);

        Assert.Contains("You follow 2 services", listed, StringComparison.Ordinal);
        Assert.Contains("Streaming: every change", listed, StringComparison.Ordinal);
        Assert.Contains("API: only when fixed", listed, StringComparison.Ordinal);
        Assert.Contains("You no longer follow Streaming.", unfollowed, StringComparison.Ordinal);
        Assert.Contains("You do not follow Streaming", again, StringComparison.Ordinal);
        Assert.Contains("You no longer follow any service.", all, StringComparison.Ordinal);
        Assert.Contains("You follow no service.", none, StringComparison.Ordinal);
        Assert.Empty(serve.Board.Current.Following.Of(RecipientKeys.Direct("slack", SlackEmulator.Team, SlackLister)));
    }

    [Fact]
    public async Task ConsoleCaller_ToldToFollowFromChat()
    {
        var result = await serve.Services.GetRequiredService<ChatPipeline>().RunAsync("follow streaming", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("Following works from Slack or Discord", result.Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameUserIdFollowsFromTwoWorkspaces_TwoFollowers_EachToldThroughItsOwnWorkspace()
    {
        serve.SlackApi.AddWorkspace(SecondTeam, FollowServeFixture.SecondTeamToken);
        var first = await SlackAsync("follow api", SlackTwin);
        var second = await SlackAsync("follow api", SlackTwin, SecondTeam);

        Assert.Contains("You will get a direct message at each change of API's incidents.", first, StringComparison.Ordinal);
        Assert.Contains("You will get a direct message at each change of API's incidents.", second, StringComparison.Ordinal);
        Assert.Equal(
            [RecipientKeys.Direct("slack", SlackEmulator.Team, SlackTwin), RecipientKeys.Direct("slack", SecondTeam, SlackTwin)],
            serve.Board.Current.Following.Follows.Values.Where(f => f.Recipient.UserId == SlackTwin).Select(f => f.Recipient.Key).Order(StringComparer.Ordinal));

        var opened = await serve.Services.GetRequiredService<ChatPipeline>().RunAsync("incident open api minor \"API answers slowly\"", TestBot.Admin());
        Assert.Equal(CommandOutcome.Changed, opened.Outcome);
        var incident = serve.Board.Current.OpenIncidentsFor("api").Single().Id;

        await serve.WaitForAsync(
            () => serve.SlackApi.DirectMessagesTo(SlackTwin, SlackEmulator.Team).Count > 0 && serve.SlackApi.DirectMessagesTo(SlackTwin, SecondTeam).Count > 0
                && serve.Board.Current.Following.FanOuts.Values.All(f => f.IncidentId != incident),
            "a direct message in each workspace");
        Assert.Contains("API answers slowly", Assert.Single(serve.SlackApi.DirectMessagesTo(SlackTwin, SlackEmulator.Team)).Blocks, StringComparison.Ordinal);
        Assert.Contains("API answers slowly", Assert.Single(serve.SlackApi.DirectMessagesTo(SlackTwin, SecondTeam)).Blocks, StringComparison.Ordinal);

        // Each workspace's DM was opened and posted with that workspace's bot token.
        var calls = serve.SlackApi.Requests.Where(r => r.Method is "conversations.open" or "chat.postMessage" && r.Body.Contains(SlackTwin, StringComparison.Ordinal)).ToList();
        Assert.Contains(calls, r => r.Method == "conversations.open" && r.Authorization == "Bearer " + FollowServeFixture.SecondTeamToken && r.Status == 200);
        Assert.Contains(calls, r => r.Method == "chat.postMessage" && r.Authorization == "Bearer " + FollowServeFixture.SecondTeamToken && r.Field("channel") == SlackEmulator.DirectChannelOf(SlackTwin, SecondTeam));
        Assert.Contains(calls, r => r.Method == "chat.postMessage" && r.Authorization == "Bearer " + SlackEmulator.BotToken && r.Field("channel") == SlackEmulator.DirectChannelOf(SlackTwin, SlackEmulator.Team));
        await SlackAsync("unfollow", SlackTwin);
        await SlackAsync("unfollow", SlackTwin, SecondTeam);
        await AdminAsync($"incident resolve {incident} \"The API is fast again\"");
    }

    [Fact]
    public async Task FollowAndSubscriptionJournaledWithoutWorkspace_StillLoadAndWork_MoveToTheWorkspaceWhenFollowedAgain()
    {
        // As journaled before Slack callers carried their workspace: no team in the follower nor in the channel.
        var now = serve.Time.GetUtcNow();
        IReadOnlyList<StatusBot.Core.Events.BoardEvent> old =
        [
            new StatusBot.Core.Events.ServiceFollowed(TestBot.Admin().Actor, now, new DirectRecipient("slack", SlackLegacy), "billing", false, "en"),
            new StatusBot.Core.Events.ServiceFollowed(TestBot.Admin().Actor, now, new DirectRecipient("slack", SlackLegacy), "api", true, "en"),
            new StatusBot.Core.Events.ChannelSubscribed(TestBot.Admin().Actor, now, new StatusBot.Core.Announcing.ChannelRef("slack", LegacyChannel), [], "en"),
        ];
        var read = old.Select(e => StatusBot.Storage.Serialization.EventJson.Deserialize(StatusBot.Storage.Serialization.EventJson.TypeName(e), StatusBot.Storage.Serialization.EventJson.Serialize(e))).ToList();
        Assert.DoesNotContain("T1", string.Concat(old.Select(StatusBot.Storage.Serialization.EventJson.Serialize)), StringComparison.Ordinal);
        await serve.Board.ExecuteAsync(_ => StatusBot.Core.Board.Decision.Apply(read), default);
        var unplaced = RecipientKeys.Direct("slack", null, SlackLegacy);
        Assert.Equal(2, serve.Board.Current.Following.Of(unplaced).Count());

        var listed = await SlackAsync("following", SlackLegacy);
        var moved = await SlackAsync("follow billing", SlackLegacy);
        var unsubscribed = await SlackAsync("channel unsubscribe", SlackLegacyAdmin, channel: LegacyChannel, admin: true);

        Assert.Contains("You follow 2 services", listed, StringComparison.Ordinal);
        Assert.Contains("You will get a direct message at each change of Billing's incidents.", moved, StringComparison.Ordinal);
        var placed = RecipientKeys.Direct("slack", SlackEmulator.Team, SlackLegacy);
        Assert.Equal(["billing"], serve.Board.Current.Following.Of(placed).Select(f => f.ServiceId));
        Assert.Equal(["api"], serve.Board.Current.Following.Of(unplaced).Select(f => f.ServiceId));
        Assert.Contains("This channel no longer receives announcements.", unsubscribed, StringComparison.Ordinal);
        Assert.DoesNotContain("slack:-:" + LegacyChannel, serve.Board.Current.Announcements.Channels.Keys);
        Assert.DoesNotContain("slack:T1:" + LegacyChannel, serve.Board.Current.Announcements.Channels.Keys);

        var all = await SlackAsync("unfollow", SlackLegacy);
        Assert.Contains("You no longer follow any service.", all, StringComparison.Ordinal);
        Assert.Empty(serve.Board.Current.Following.Of(placed));
        Assert.Empty(serve.Board.Current.Following.Of(unplaced));
    }

    private async Task AdminAsync(string command)
    {
        var result = await serve.Services.GetRequiredService<ChatPipeline>().RunAsync(command, TestBot.Admin());
        Assert.Equal(CommandOutcome.Changed, result.Outcome);
    }

    private async Task<string> SlackAsync(string text, string user, string team = SlackEmulator.Team, string channel = "C-GENERAL", bool admin = false) =>
        SecuredServeFixture.Texts(await SlackRawAsync(text, user, team, channel, admin));

    private async Task<string> SlackRawAsync(string text, string user, string team = SlackEmulator.Team, string channel = "C-GENERAL", bool admin = false)
    {
        serve.SlackApi.AddUser(user, isAdmin: admin);
        using var request = serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", text, user, channel, teamId: team), serve.Time.GetUtcNow());
        using var response = await serve.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> DiscordAsync(string command, string user, IReadOnlyDictionary<string, object>? options, string locale = "en-US") =>
        SecuredServeFixture.Texts(await DiscordRawAsync(command, user, options, locale));

    private Task<string> DiscordRawAsync(string command, string user, IReadOnlyDictionary<string, object>? options, string locale = "en-US") =>
        DiscordBodyAsync(DiscordPayloads.Command(command, options, userId: user, locale: locale));

    private async Task<string> DiscordBodyAsync(string body)
    {
        using var request = serve.Discord.Request(new Uri(serve.Client.BaseAddress!, "/discord/interactions"), body, serve.Time.GetUtcNow());
        using var response = await serve.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
