using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Core.Tests.Commands.Handlers;

/// <summary>incident postmortem: drafted from the timeline, edited, published, and refused where it makes no sense.</summary>
public sealed class PostmortemTests
{
    /// <summary>An outage with an update, a provider's acknowledgement, a confirmed cause and a resolution, 3 h 12 min long.</summary>
    internal static async Task<TestBot> ResolvedOutageAsync(IEventStore? store = null)
    {
        var bot = await TestBot.StartAsync(store);
        await MustChange(bot, "incident open streaming major \"Streaming fails on TV devices\" segments:\"TV, consoles\" users:27000000");
        bot.Advance(TimeSpan.FromMinutes(3));
        var at = bot.Time.GetUtcNow();
        await bot.Board.ExecuteAsync(
            _ => Decision.Apply(new IncidentEvidenceRecorded(
                Actor.System, at, "INC-1", new UpstreamEvidence(DemoCatalog.ElbId, TestBot.Start, at, "Increased error rates", null, null))),
            CancellationToken.None);
        bot.Advance(TimeSpan.FromMinutes(10));
        await MustChange(bot, "incident update INC-1 identified Load balancers in us-east-1 are failing");
        await MustChange(bot, "incident cause INC-1 confirmed AWS Elastic Load Balancing state was deleted in us-east-1 upstream:" + DemoCatalog.ElbId);
        bot.Advance(TimeSpan.FromMinutes(179));
        await MustChange(bot, "incident resolve INC-1 Streaming is back for everyone");
        return bot;
    }

    [Fact]
    public async Task Draft_ResolvedIncident_WritesTheTimelineFactsAsMarkdown_AndJournalsWhoDraftedIt()
    {
        var store = new RecordingStore(new InMemoryEventStore());
        await using var bot = await ResolvedOutageAsync(store);

        var result = await bot.RunAsync("incident postmortem INC-1");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal("Postmortem of INC-1 · Streaming fails on TV devices drafted", result.Reply.Title);
        var postmortem = bot.State.Incidents["INC-1"].Postmortem!;
        var body = postmortem.Body;
        Assert.StartsWith("# Postmortem: INC-1 · Streaming fails on TV devices\n", body, StringComparison.Ordinal);
        Assert.Contains("## What users saw", body, StringComparison.Ordinal);
        Assert.Contains("Streaming: major impact (partial outage)", body, StringComparison.Ordinal);
        Assert.Contains("- **Started:** 2012-12-24 20:30 UTC", body, StringComparison.Ordinal);
        Assert.Contains("- **Detected:** 2012-12-24 20:30 UTC", body, StringComparison.Ordinal);
        Assert.Contains("AWS Elastic Load Balancing (us-east-1) acknowledged at 2012-12-24 20:33 UTC (3 minutes later)", body, StringComparison.Ordinal);
        Assert.Contains("“Increased error rates”", body, StringComparison.Ordinal);
        Assert.Contains("- **2012-12-24 20:43 UTC:** Identified — Load balancers in us-east-1 are failing", body, StringComparison.Ordinal);
        Assert.Contains("- **Resolved:** 2012-12-24 23:42 UTC — Streaming is back for everyone", body, StringComparison.Ordinal);
        Assert.Contains("- **Duration:** 3 hours, 12 minutes", body, StringComparison.Ordinal);
        Assert.Contains("- **Who:** TV, consoles", body, StringComparison.Ordinal);
        Assert.Contains("- **Users affected:** 27 million", body, StringComparison.Ordinal);
        Assert.Contains("Cause (confirmed): AWS Elastic Load Balancing state was deleted in us-east-1", body, StringComparison.Ordinal);
        Assert.Contains("## What comes next", body, StringComparison.Ordinal);
        Assert.Equal("Ada Admin", postmortem.DraftedBy.DisplayName);
        Assert.False(postmortem.IsPublished);
        Assert.Contains(Journal(store), e => e is PostmortemDrafted { IncidentId: "INC-1", Actor.DisplayName: "Ada Admin" });
    }

    [Fact]
    public async Task Draft_InTheAdminsLanguage_WritesTheHeadingsInIt()
    {
        await using var bot = await ResolvedOutageAsync();

        await bot.RunAsync("incident postmortem INC-1", TestBot.Admin("fr"));

        var body = bot.State.Incidents["INC-1"].Postmortem!.Body;
        Assert.Contains("## Ce que les utilisateurs ont vu", body, StringComparison.Ordinal);
        Assert.Contains("## Et maintenant", body, StringComparison.Ordinal);
        Assert.Contains("3 heures et 12 minutes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_Again_ShowsTheCurrentTextAndChangesNothing()
    {
        await using var bot = await ResolvedOutageAsync();
        await bot.RunAsync("incident postmortem INC-1");
        await bot.RunAsync("incident postmortem INC-1 edit Our own words");
        var sequence = bot.State.Sequence;

        var result = await bot.RunAsync("incident postmortem INC-1");

        Assert.Equal(CommandOutcome.Unchanged, result.Outcome);
        Assert.Equal("Postmortem of INC-1 · Streaming fails on TV devices (draft)", result.Reply.Title);
        Assert.Equal("Our own words", result.Reply.Lines[0]);
        Assert.Equal(sequence, bot.State.Sequence);
    }

    [Fact]
    public async Task Edit_FromChat_ReplacesTheText_KeepsLineBreaks_AndRecordsTheEditor()
    {
        var store = new RecordingStore(new InMemoryEventStore());
        await using var bot = await ResolvedOutageAsync(store);
        await bot.RunAsync("incident postmortem INC-1");

        var result = await bot.RunAsync("incident postmortem INC-1 edit ## What comes next\nWe now keep **two** copies of the state.");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        var postmortem = bot.State.Incidents["INC-1"].Postmortem!;
        Assert.Equal("## What comes next\nWe now keep **two** copies of the state.", postmortem.Body);
        Assert.Equal("Ada Admin", postmortem.EditedBy!.DisplayName);
        Assert.Contains(Journal(store), e => e is PostmortemEdited { IncidentId: "INC-1" });
    }

    [Fact]
    public async Task Publish_OnceThenAgainUnchanged_PublishesOnce_AndAfterAnEditPublishesAgain()
    {
        var store = new RecordingStore(new InMemoryEventStore());
        await using var bot = await ResolvedOutageAsync(store);
        await bot.RunAsync("incident postmortem INC-1");

        var first = await bot.RunAsync("incident postmortem INC-1 publish");
        var again = await bot.RunAsync("incident postmortem INC-1 publish");
        await bot.RunAsync("incident postmortem INC-1 edit A better text");
        var afterEdit = bot.State.Incidents["INC-1"].Postmortem!;
        var republished = await bot.RunAsync("incident postmortem INC-1 publish");

        Assert.Equal(CommandOutcome.Changed, first.Outcome);
        Assert.Equal(CommandOutcome.Unchanged, again.Outcome);
        Assert.Equal("The postmortem of INC-1 · Streaming fails on TV devices is already published as it reads now", again.Reply.Title);
        Assert.Equal((1, true), (afterEdit.Publications, afterEdit.ChangedSincePublished));
        Assert.Equal(CommandOutcome.Changed, republished.Outcome);
        Assert.Equal(2, bot.State.Incidents["INC-1"].Postmortem!.Publications);
        Assert.Equal(2, (Journal(store)).OfType<PostmortemPublished>().Count());
    }

    [Theory]
    [InlineData("incident postmortem INC-1 publish", "has no postmortem yet")]
    [InlineData("incident postmortem INC-1 edit", "Give the new text after edit")]
    [InlineData("incident postmortem INC-1 Some text without the word", "write edit before the text")]
    [InlineData("incident postmortem INC-9", "INC-9")]
    public async Task BadRequests_AreRefused_AndChangeNothing(string command, string expected)
    {
        await using var bot = await ResolvedOutageAsync();
        var sequence = bot.State.Sequence;

        var result = await bot.RunAsync(command);

        Assert.NotEqual(CommandOutcome.Changed, result.Outcome);
        Assert.Contains(expected, result.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(sequence, bot.State.Sequence);
    }

    [Fact]
    public async Task Draft_OpenIncident_IsRefused()
    {
        await using var bot = await TestBot.StartAsync();
        await MustChange(bot, "incident open streaming major \"Streaming fails\"");

        var result = await bot.RunAsync("incident postmortem INC-1");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("INC-1 is not resolved yet: its postmortem can be written once it is.", result.Reply.Title);
        Assert.Null(bot.State.Incidents["INC-1"].Postmortem);
    }

    [Theory]
    [InlineData("incident postmortem INC-1")]
    [InlineData("incident postmortem INC-1 edit Hostile text")]
    [InlineData("incident postmortem INC-1 publish")]
    public async Task Viewer_CannotDraftEditOrPublish(string command)
    {
        await using var bot = await ResolvedOutageAsync();
        await bot.RunAsync("incident postmortem INC-1");
        var before = bot.State.Incidents["INC-1"].Postmortem;

        var result = await bot.RunAsync(command, TestBot.Viewer());

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Same(before, bot.State.Incidents["INC-1"].Postmortem);
    }

    [Fact]
    public async Task JournalReplay_KeepsThePublishedPostmortem()
    {
        var store = new RecordingStore(new InMemoryEventStore());
        await using var bot = await ResolvedOutageAsync(store);
        await bot.RunAsync("incident postmortem INC-1");
        await bot.RunAsync("incident postmortem INC-1 edit Final words");
        await bot.RunAsync("incident postmortem INC-1 publish");

        var replayed = StateReducer.ApplyAll(BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams), Journal(store));

        Assert.Equal(bot.State.Incidents["INC-1"].Postmortem, replayed.Incidents["INC-1"].Postmortem);
        Assert.Equal(bot.State.Incidents["INC-1"].AnnouncedVersion, replayed.Incidents["INC-1"].AnnouncedVersion);
    }

    private static List<BoardEvent> Journal(RecordingStore store) => [.. store.Batches.SelectMany(b => b.Events)];

    private static async Task MustChange(TestBot bot, string command)
    {
        var result = await bot.RunAsync(command);
        Assert.True(result.Outcome == CommandOutcome.Changed, command + ": " + result.Reply.ToPlainText());
    }
}
