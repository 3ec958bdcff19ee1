using StatusBot.Core.Commands;
using StatusBot.Core.Publishing;
using StatusBot.Testing;

namespace StatusBot.Announcing.Tests.Publishing;

public sealed class PublicTimelineTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails on TV devices\"";

    public static TheoryData<string> Kinds => ["x", "mastodon", "bluesky"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Opened_DraftWaitsInAdminChannelWithButtons_PostedOnlyOnceApproved(string kind)
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher(kind, e)]);
        await kit.RunAsync(OpenStreaming);

        await kit.SettleAsync();
        var notice = Assert.Single(kit.DraftNotices);
        var beforeApproval = kit.Emulator.Posts.Count;
        var approved = await kit.RunAsync("publish approve PUB-1");
        await kit.SettleAsync();

        Assert.Equal(0, beforeApproval);
        Assert.Equal(["publish approve PUB-1", "publish edit PUB-1", "publish skip PUB-1"], notice.Reply.Actions.Select(a => a.Command));
        Assert.All(notice.Reply.Actions, a => Assert.True(a.AdminOnly));
        Assert.Equal(CommandOutcome.Changed, approved.Outcome);
        var post = Assert.Single(kit.Emulator.PostsOn(kind));
        Assert.Contains("Streaming", post.Text, StringComparison.Ordinal);
        Assert.EndsWith(PublicKit.PublicUrl + "/incidents/INC-1", post.Text, StringComparison.Ordinal);
        Assert.Null(post.ReplyTo);
        var draft = kit.Bot.State.Publications.Drafts["PUB-1"];
        Assert.Equal(("U-ADMIN", PublicDraftStatus.Approved), (draft.DecidedBy?.UserId, draft.Status));
    }

    [Fact]
    public async Task Approve_ByViewer_IsDenied_AndNothingIsPosted()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("mastodon", e)]);
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();

        var result = await kit.RunAsync("publish approve PUB-1", TestBot.Viewer());
        await kit.SettleAsync();

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Empty(kit.Emulator.Posts);
        Assert.Equal(PublicDraftStatus.Pending, kit.Bot.State.Publications.Drafts["PUB-1"].Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task UpdateAndResolve_AreRepliesInTheIncidentThread(string kind)
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher(kind, e)]);
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();
        await kit.RunAsync("publish approve PUB-1");
        await kit.SettleAsync();

        await kit.RunAsync("incident update INC-1 identified \"AWS load balancers in US-East fail\"");
        await kit.SettleAsync();
        await kit.RunAsync("publish approve PUB-2");
        await kit.SettleAsync();
        await kit.RunAsync("incident resolve INC-1");
        await kit.SettleAsync();
        await kit.RunAsync("publish approve PUB-3");
        await kit.SettleAsync();

        var posts = kit.Emulator.PostsOn(kind);
        Assert.Equal(3, posts.Count);
        Assert.Contains("AWS load balancers", posts[1].Text, StringComparison.Ordinal);
        Assert.Contains("Resolved", posts[2].Text, StringComparison.Ordinal);
        Assert.Equal([null, posts[0].Id, posts[1].Id], posts.Select(p => p.ReplyTo));
        Assert.Equal([null, posts[0].Id, posts[0].Id], posts.Select(p => p.Root));
        Assert.All(posts, p => Assert.EndsWith("/incidents/INC-1", p.Text, StringComparison.Ordinal));
        Assert.Empty(kit.Emulator.Refusals);
    }

    [Fact]
    public async Task Skip_PostsNothing_AndTheNextApprovedDraftOpensTheThread()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("mastodon", e)]);
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();

        var skipped = await kit.RunAsync("publish skip PUB-1");
        await kit.SettleAsync();
        var afterSkip = kit.Emulator.Posts.Count;
        await kit.RunAsync("incident update INC-1 identified \"AWS load balancers in US-East fail\"");
        await kit.SettleAsync();
        await kit.RunAsync("publish approve PUB-2");
        await kit.SettleAsync();

        Assert.Equal(CommandOutcome.Changed, skipped.Outcome);
        Assert.Equal(0, afterSkip);
        var post = Assert.Single(kit.Emulator.Posts);
        Assert.Null(post.ReplyTo);
        Assert.Equal(PublicDraftStatus.Skipped, kit.Bot.State.Publications.Drafts["PUB-1"].Status);
    }

    [Fact]
    public async Task RequireApprovalFalse_PostsDirectly_WithNoDraftNotice()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("mastodon", e, requireApproval: false)]);

        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();
        await kit.RunAsync("incident resolve INC-1");
        await kit.SettleAsync();

        Assert.Empty(kit.DraftNotices);
        var posts = kit.Emulator.PostsOn("mastodon");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Id, posts[1].ReplyTo);
    }

    [Fact]
    public async Task Edit_ReplacesTheText_TooLongIsRefused_AndApprovedDraftsCannotBeEdited()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("x", e)]);
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();

        var how = await kit.RunAsync("publish edit PUB-1");
        var tooLong = await kit.RunAsync("publish edit PUB-1 " + new string('a', 270));
        var edited = await kit.RunAsync("publish edit PUB-1 Streaming is down on TV devices; we are on it.");
        await kit.RunAsync("publish approve PUB-1");
        var late = await kit.RunAsync("publish edit PUB-1 Too late");
        await kit.SettleAsync();

        Assert.Equal(CommandOutcome.Unchanged, how.Outcome);
        Assert.Contains("publish edit PUB-1 <new text>", how.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Refused, tooLong.Outcome);
        Assert.Contains("280", tooLong.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Changed, edited.Outcome);
        Assert.Equal(CommandOutcome.Refused, late.Outcome);
        Assert.Equal("Streaming is down on TV devices; we are on it.\n\n" + PublicKit.PublicUrl + "/incidents/INC-1", Assert.Single(kit.Emulator.Posts).Text);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task MentionsInIncidentText_NeverBecomeMentions(string kind)
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher(kind, e, requireApproval: false)]);

        await kit.RunAsync("incident open streaming major \"@jack @everyone ＠support and @ops@mastodon.social say hi\"");
        await kit.SettleAsync();

        var post = Assert.Single(kit.Emulator.Posts);
        Assert.Empty(post.Mentions);
        Assert.Contains("jack", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_WaitsRetryAfter_ThenPostsOnce()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("mastodon", e, requireApproval: false)]);
        kit.Emulator.Fail("mastodon", 429, retryAfterSeconds: 30);
        await kit.RunAsync(OpenStreaming);

        var next = await kit.PassAsync();
        var waited = next - kit.Bot.Time.GetUtcNow();
        kit.Emulator.Fail("mastodon", 502);
        await kit.SettleAsync();

        Assert.Equal(TimeSpan.FromSeconds(30), waited);
        Assert.Single(kit.Emulator.Posts);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnswerLost_ThenRestart_PostsNoDuplicate(string kind)
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher(kind, e, requireApproval: false)]);
        kit.Emulator.LoseAnswer(kind);
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();

        await kit.RestartAsync();
        kit.Bot.Advance(TimeSpan.FromSeconds(5));
        await kit.SettleAsync();
        await kit.RunAsync("incident resolve INC-1");
        await kit.SettleAsync();

        var posts = kit.Emulator.PostsOn(kind);
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Id, posts[1].ReplyTo);
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task X_AnswerLost_PostNotListedYet_DuplicateRefusal_FindsItLater_AndTheThreadGoesOnFromIt()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("x", e, requireApproval: false)]);
        kit.Emulator.XListingLag = TimeSpan.FromSeconds(4);
        kit.Emulator.LoseAnswer("x");
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();

        // The resend does not see the post (the listing lags), X refuses it as duplicate content, and a later look finds it.
        await kit.SettleAsync();
        await kit.RunAsync("incident resolve INC-1");
        await kit.SettleAsync();

        var posts = kit.Emulator.PostsOn("x");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Id, posts[1].ReplyTo);
        Assert.Contains(kit.Emulator.Refusals, r => r.Contains("duplicate content", StringComparison.Ordinal));
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task BlueskyExpiredToken_RefreshesTheSession_AndPosts()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("bluesky", e, requireApproval: false)]);
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();

        kit.Emulator.ExpireBlueskyTokens();
        await kit.RunAsync("incident resolve INC-1");
        await kit.SettleAsync();

        Assert.Equal(2, kit.Emulator.PostsOn("bluesky").Count);
        Assert.Equal((1, 1), (kit.Emulator.SessionsCreated, kit.Emulator.SessionsRefreshed));
    }

    [Fact]
    public async Task HoldingApproval_LetsLaterHoldingUpdatesGoWithoutAsking()
    {
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("mastodon", e)]);
        await kit.RunAsync("channel subscribe", AnnounceKit.AdminIn("C1"));
        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();
        await kit.RunAsync("publish approve PUB-1");
        await kit.SettleAsync();

        kit.Bot.Advance(TimeSpan.FromMinutes(31));
        await kit.SettleAsync();
        var holdingNotice = kit.DraftNotices[^1];
        await kit.RunAsync("publish approve PUB-2 holding");
        await kit.SettleAsync();
        kit.Bot.Advance(TimeSpan.FromMinutes(31));
        await kit.SettleAsync();

        Assert.Contains("publish approve PUB-2 holding", holdingNotice.Reply.Actions.Select(a => a.Command));
        Assert.Equal(3, kit.Emulator.Posts.Count);
        Assert.Equal(2, kit.DraftNotices.Count(n => n.Channel.ChannelId == "ADMIN"));
        Assert.Equal(PublicDraftStatus.Approved, kit.Bot.State.Publications.Drafts["PUB-3"].Status);
        Assert.Equal("system", kit.Bot.State.Publications.Drafts["PUB-3"].DecidedBy?.Platform);
    }

    [Fact]
    public async Task X_WrongSecret_IsRefusedBySignatureCheck_AndNotRetried()
    {
        var environment = new Dictionary<string, string>(PublicKit.Environment) { ["X_CONSUMER_SECRET"] = "not-the-secret" };
        await using var kit = await PublicKit.StartAsync(e => [PublicKit.Publisher("x", e, requireApproval: false)], environment);

        await kit.RunAsync(OpenStreaming);
        await kit.SettleAsync();

        Assert.Empty(kit.Emulator.Posts);
        Assert.Equal(["x 401: signature mismatch"], kit.Emulator.Refusals);
        Assert.Empty(await kit.PendingAsync());
    }
}
