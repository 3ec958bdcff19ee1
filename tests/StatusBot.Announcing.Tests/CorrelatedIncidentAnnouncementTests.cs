using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

/// <summary>
/// One outage, one card: services joining an automatic incident edit its card in place with one thread reply each; the
/// posts read in the channel's language; admins hear once of an upstream that stays silent.
/// </summary>
public sealed class CorrelatedIncidentAnnouncementTests
{
    private const string Elb = DemoCatalog.ElbId;

    [Fact]
    public async Task AServiceJoining_EditsTheCardInPlace_AndRepliesOnceInItsThread()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await CommitAsync(kit, Opened(kit.Bot.Time.GetUtcNow()));
        await kit.PassAsync();

        kit.Bot.Advance(TimeSpan.FromSeconds(5));
        await CommitAsync(kit, Joined(kit.Bot.Time.GetUtcNow(), "website", "Website", "Streaming and Website are unavailable"));
        await kit.PassAsync();

        var card = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.Equal("INC-1 · Streaming is unavailable", card.Reply.Title);
        var edit = Assert.Single(kit.Discord.Delivered(PublishCallKind.Edit));
        Assert.Equal("INC-1 · Streaming and Website are unavailable", edit.Reply.Title);
        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.Equal("Investigating: Website is affected too", reply.Reply.Lines[0]);
    }

    [Fact]
    public async Task AFrenchChannel_ReadsTheTitleTheJoinAndTheResolutionInFrench_WithAnApology()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.Bot.RunAsync("channel locale fr", AnnounceKit.AdminIn("C1"));
        var at = kit.Bot.Time.GetUtcNow();
        await CommitAsync(kit, Opened(at));
        await kit.PassAsync();
        await CommitAsync(kit, Joined(at.AddSeconds(5), "website", "Website", "Streaming and Website are unavailable"));
        await kit.PassAsync();

        kit.Bot.Advance(TimeSpan.FromMinutes(47));
        await CommitAsync(kit, [new IncidentResolved(Actor.System, kit.Bot.Time.GetUtcNow(), "INC-1", null)]);
        await kit.PassAsync();

        var replies = kit.Discord.Delivered(PublishCallKind.Reply).Select(r => r.Reply).ToList();
        Assert.Equal("INC-1 · Streaming et Website sont indisponibles", replies[0].Title);
        Assert.Equal("En cours d'analyse : Website est touché aussi", replies[0].Lines[0]);
        Assert.Equal("Résolu après 47 minutes. Touchés : Streaming et Website.", replies[1].Lines[0]);
        Assert.Equal("Toutes nos excuses pour la gêne occasionnée, et merci de votre patience.", replies[1].Lines[^1]);
    }

    [Fact]
    public async Task AnUpstreamStillSilent_IsToldToTheAdminChannelOnce()
    {
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "slack", ChannelId = "OPS", WorkspaceId = "T1" } };
        await using var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C1");
        var at = kit.Bot.Time.GetUtcNow();
        await CommitAsync(kit, [.. Opened(at), new IncidentEvidenceRecorded(Actor.System, at, "INC-1", new UpstreamEvidence(Elb, at, null, null, null, null))]);
        await kit.PassAsync();
        var beforeSilence = kit.Slack.Calls.Count;

        kit.Bot.Advance(TimeSpan.FromMinutes(10));
        await CommitAsync(kit, [new IncidentEvidenceRecorded(Actor.System, kit.Bot.Time.GetUtcNow(), "INC-1", new UpstreamEvidence(Elb, at, null, null, null, kit.Bot.Time.GetUtcNow()))]);
        await kit.PassAsync();
        await kit.PassAsync();
        await CommitAsync(kit, Joined(kit.Bot.Time.GetUtcNow(), "website", "Website", "Streaming and Website are unavailable"));
        await kit.PassAsync();

        Assert.Equal(0, beforeSilence);
        var notice = Assert.Single(kit.Slack.Calls);
        Assert.Equal(("OPS", PublishCallKind.Post, PublishOutcome.Delivered), (notice.Channel.ChannelId, notice.Kind, notice.Result.Outcome));
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) still reports no problem", notice.Reply.Title);
        Assert.Equal(
            "INC-1 (Streaming): failing for 10 minutes, and AWS Elastic Load Balancing (us-east-1) still reports no problem. The cause is not known yet: do not blame it on faith.",
            Assert.Single(notice.Reply.Lines));
        Assert.DoesNotContain(kit.Discord.Calls, c => c.Reply.Title?.Contains("still reports no problem", StringComparison.Ordinal) == true);
    }

    private static BoardEvent[] Opened(DateTimeOffset at) =>
    [
        new IncidentOpened(Actor.System, at, "INC-1", "Streaming is unavailable", Impact.Major, [new AffectedService("streaming", ServiceStatus.MajorOutage)], [], null, null, at, at.AddMinutes(30), null, true,
            new Phrase(nameof(Strings.Auto_Unavailable_One), [PhraseArg.Names(["Streaming"])])),
        new IncidentNoteAdded(Actor.System, at, "INC-1", "Streaming: HTTP 503 in 4 ms"),
    ];

    private static BoardEvent[] Joined(DateTimeOffset at, string id, string name, string title) =>
    [
        new IncidentServiceAdded(Actor.System, at, "INC-1", new AffectedService(id, ServiceStatus.MajorOutage), Impact.Major, title, $"{name} is affected too",
            new Phrase(nameof(Strings.Auto_Joined), [PhraseArg.Names([name])])),
        new IncidentNoteAdded(Actor.System, at, "INC-1", $"{name}: HTTP 503 in 4 ms"),
    ];

    private static Task CommitAsync(AnnounceKit kit, BoardEvent[] events) =>
        kit.Bot.Board.ExecuteAsync(_ => Decision.Apply(events), CancellationToken.None);
}
