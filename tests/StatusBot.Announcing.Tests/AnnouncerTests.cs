using StatusBot.Core.Events;
using StatusBot.Testing;
using StatusBot.Testing.Announcing;
using StatusBot.Testing.Storage;

namespace StatusBot.Announcing.Tests;

public sealed class AnnouncerTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails on TV devices\" segments:\"TV, consoles\" users:27000000";

    [Fact]
    public async Task IncidentOpened_PostsOneCardPerSubscribedChannel_QueuedBeforeDelivered()
    {
        var store = new RecordingStore(new Core.Board.InMemoryEventStore());
        await using var kit = await AnnounceKit.StartAsync(store: store);
        await kit.SubscribeAsync("C1", "C2");
        await kit.Bot.RunAsync("channel subscribe billing", AnnounceKit.AdminIn("C3"));
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        var posts = kit.Discord.Delivered(PublishCallKind.Post).ToList();
        Assert.Equal(["C1", "C2"], posts.Select(p => p.Channel.ChannelId).Order());
        Assert.All(posts, p => Assert.Equal("INC-1 · Streaming fails on TV devices", p.Reply.Title));
        Assert.Empty(await kit.PendingAsync());
        Assert.Equal(2, store.Batches.SelectMany(b => b.Events).OfType<AnnouncementQueued>().Count());
    }

    [Fact]
    public async Task Pass_FanOutToThreeChannels_WritesToTheBoardOnce_AndEachOutcomeToTheLedger()
    {
        var store = new RecordingStore(new Core.Board.InMemoryEventStore());
        var ledger = new CountingLedger();
        await using var kit = await AnnounceKit.StartAsync(store: store, ledger: ledger);
        await kit.SubscribeAsync("C1", "C2", "C3");
        await kit.RunAsync(OpenStreaming);
        var before = store.Batches.Count;

        await kit.PassAsync();

        // One batch: the three outbox entries, durable before anything is sent; the three outcomes go to the ledger.
        var batch = Assert.Single(store.Batches.Skip(before));
        Assert.All(batch.Events, e => Assert.IsType<AnnouncementQueued>(e));
        Assert.Equal(3, batch.Events.Count);
        Assert.Equal(3, ledger.Recorded);
        Assert.Equal(3, kit.Discord.Delivered(PublishCallKind.Post).Count());
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task IncidentUpdated_AfterABoardThatStillHoldsCardsFromEarlierReceipts_EditsThatCard()
    {
        // A journal written by an earlier version holds its receipts; the board reads them back as the cards it had.
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        var key = Core.Announcing.ChannelKeys.Of(AnnounceKit.Channel("C1"));
        var at = kit.Bot.Time.GetUtcNow();
        var before = await kit.Discord.PostAsync(AnnounceKit.Channel("C1"), Core.Replies.Reply.Error("the card"), new(IdempotencyKeys.For("INC-1/1", key)), CancellationToken.None);
        await kit.Bot.Board.ExecuteAsync(
            _ => Core.Board.Decision.Apply(
                new AnnouncementQueued(Core.Domain.Actor.System, at, "INC-1/1", key, "INC-1", 1),
                new AnnouncementDelivered(Core.Domain.Actor.System, at, "INC-1/1", key, "INC-1", 1, before.MessageId, before.ThreadId)),
            CancellationToken.None);
        await kit.RunAsync("incident update INC-1 identified Load balancers in us-east-1 are failing");

        await kit.PassAsync();

        Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.Equal(before.MessageId, Assert.Single(kit.Discord.Delivered(PublishCallKind.Edit)).MessageId);
        Assert.Equal(before.MessageId, Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply)).MessageId);
        var card = Assert.Single(await kit.CardsAsync());
        Assert.Equal((before.MessageId, 2), (card.MessageId, card.Version));
    }

    [Fact]
    public async Task IncidentUpdated_EditsTheCardAndRepliesInItsThread_NeverPostsAgain()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();
        kit.Bot.Advance(TimeSpan.FromMinutes(10));
        await kit.RunAsync("incident update INC-1 identified Load balancers in us-east-1 are failing");

        await kit.PassAsync();

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        var edit = Assert.Single(kit.Discord.Delivered(PublishCallKind.Edit));
        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.Equal(post.Result.MessageId, edit.MessageId);
        Assert.Equal(post.Result.MessageId, reply.MessageId);
        Assert.Contains("Identified: Load balancers in us-east-1 are failing", reply.Reply.Lines);
        Assert.Contains("Next update by 21:10 UTC.", reply.Reply.Lines);
        Assert.Contains(kit.Discord.Message(post.Result.MessageId!)!.Lines, l => l.StartsWith("Identified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolved_ThreadReplyGivesDurationServicesSegmentsUsersCauseAndApology()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming + " cause:\"AWS load balancers failing in us-east-1\"");
        await kit.PassAsync();
        kit.Bot.Advance(new TimeSpan(2, 14, 0));
        await kit.RunAsync("incident update INC-1 monitoring Restored for most");
        await kit.RunAsync("incident resolve INC-1");

        await kit.PassAsync();

        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.Equal(
            [
                "Monitoring: Restored for most",
                "Resolved after 2 hours, 14 minutes. Affected: Streaming.",
                "Who was affected: TV, consoles.",
                "Users affected: 27 million.",
                "Cause (suspected): AWS load balancers failing in us-east-1",
                "We are sorry for the disruption, and thank you for your patience.",
            ],
            reply.Reply.Lines.ToArray());
    }

    [Fact]
    public async Task FrenchChannel_GetsTheCardInFrench()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.Bot.RunAsync("channel locale fr", AnnounceKit.AdminIn("C1"));
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.StartsWith("En cours d'analyse · ", post.Reply.Lines[0], StringComparison.Ordinal);
        Assert.Contains("Cause : pas encore connue", post.Reply.Lines);
    }

    [Theory]
    [InlineData("de", "Wird untersucht · ", "Ursache: noch nicht bekannt", "Behoben nach 2 Stunden und 14 Minuten. Betroffen: Streaming.", "Wir entschuldigen uns für die Störung und danken für Ihre Geduld.")]
    [InlineData("es", "Investigando · ", "Causa: aún desconocida", "Resuelto tras 2 horas y 14 minutos. Afectados: Streaming.", "Lamentamos las molestias y le agradecemos su paciencia.")]
    [InlineData("pt-BR", "Investigando · ", "Causa: ainda desconhecida", "Resolvido após 2 horas e 14 minutos. Afetados: Streaming.", "Pedimos desculpas pelo transtorno e agradecemos a sua paciência.")]
    [InlineData("ja", "調査中 · ", "原因：まだ分かっていません", "2時間14分後に解決しました。影響範囲：Streaming。", "ご不便をおかけして申し訳ありません。ご理解とご協力に感謝いたします。")]
    public async Task ChannelInAnotherLanguage_GetsTheCardAndTheResolutionInThatLanguage(string locale, string status, string cause, string resolved, string apology)
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.Bot.RunAsync("channel locale " + locale, AnnounceKit.AdminIn("C1"));
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();
        kit.Bot.Advance(new TimeSpan(2, 14, 0));
        await kit.RunAsync("incident resolve INC-1");

        await kit.PassAsync();

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.StartsWith(status, post.Reply.Lines[0], StringComparison.Ordinal);
        Assert.Contains(cause, post.Reply.Lines);
        Assert.Contains(resolved, reply.Reply.Lines);
        Assert.Contains(apology, reply.Reply.Lines);
    }

    [Fact]
    public async Task IdempotencyKey_IsDeterministicPerAnnouncementAndChannel_AndFitsADiscordNonce()
    {
        var a = IdempotencyKeys.For("INC-1/1", "discord:G1:C1");

        Assert.Equal(a, IdempotencyKeys.For("INC-1/1", "discord:G1:C1"));
        Assert.NotEqual(a, IdempotencyKeys.For("INC-1/1", "discord:G1:C2"));
        Assert.NotEqual(a, IdempotencyKeys.For("INC-1/2", "discord:G1:C1"));
        Assert.True(a.Length <= 25);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Restart_MidFanOut_ResendsPendingAndEditsPostedCards_NoCardPostedTwice()
    {
        var files = new SimulatedFileSystem();
        var discord = new FakeChatPublisher("discord");
        discord.Script("C3", Core.Announcing.PublishResult.Retry(TimeSpan.FromSeconds(30), "429"));
        await using (var first = await AnnounceKit.StartAsync(discord: discord, store: Store(files), ledger: Ledger(files)))
        {
            await first.SubscribeAsync("C1", "C2", "C3");
            await first.RunAsync(OpenStreaming);
            await first.PassAsync();
            await first.RunAsync("incident update INC-1 identified Load balancers failing");
            Assert.Single(await first.PendingAsync(), e => e.ChannelKey.EndsWith("C3", StringComparison.Ordinal));
        }

        await using var second = await AnnounceKit.StartAsync(discord: discord, store: Store(files), ledger: Ledger(files));
        await second.PassAsync();

        var posts = discord.Delivered(PublishCallKind.Post).GroupBy(p => p.Channel.ChannelId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["C1"] = 1, ["C2"] = 1, ["C3"] = 1 }, posts);
        Assert.Equal(["C1", "C2"], discord.Delivered(PublishCallKind.Edit).Select(e => e.Channel.ChannelId).Order());
        Assert.Empty(await second.PendingAsync());
        Assert.All((await second.CardsAsync()), c => Assert.Equal(2, c.Version));
    }

    [Fact]
    public async Task Restart_FlagsOnlyTheAnnouncementsPendingAtStart_AsMayHaveBeenSent()
    {
        var files = new SimulatedFileSystem();
        var discord = new FakeChatPublisher("discord");
        await using (var first = await AnnounceKit.StartAsync(discord: discord, store: Store(files), ledger: Ledger(files)))
        {
            await first.SubscribeAsync("C1", "C2");
            await first.RunAsync(OpenStreaming);
            await first.Bot.Board.ExecuteAsync(s => Core.Board.Decision.Apply(AnnouncementPlanner.Queue(s, Core.Announcing.DeliveryBook.Empty, first.Bot.Time.GetUtcNow())), CancellationToken.None);
        }

        await using var second = await AnnounceKit.StartAsync(discord: discord, store: Store(files), ledger: Ledger(files));
        await second.PassAsync();
        await second.SubscribeAsync("C3");
        await second.PassAsync();

        var flagged = discord.Delivered(PublishCallKind.Post).ToDictionary(p => p.Channel.ChannelId, p => p.MayHaveBeenSent);
        Assert.Equal(new Dictionary<string, bool> { ["C1"] = true, ["C2"] = true, ["C3"] = false }, flagged);
    }

    [Fact]
    public async Task Resend_AfterCrashBetweenPostAndReceipt_IsDedupedByTheNonce()
    {
        var discord = new FakeChatPublisher("discord");
        await using var kit = await AnnounceKit.StartAsync(discord: discord);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        var entry = AnnouncementPlanner.Queue(kit.Bot.State, Core.Announcing.DeliveryBook.Empty, kit.Bot.Time.GetUtcNow()).OfType<AnnouncementQueued>().Single();
        await discord.PostAsync(AnnounceKit.Channel("C1"), Core.Replies.Reply.Error("sent before the crash"), new(IdempotencyKeys.For(entry.AnnouncementId, entry.ChannelKey)), CancellationToken.None);

        await kit.PassAsync();

        var posts = discord.Calls.Where(c => c.Kind == PublishCallKind.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Result.MessageId, posts[1].Result.MessageId);
        Assert.Equal(posts[0].Result.MessageId, (await kit.CardsAsync()).Single().MessageId);
    }

    private static Storage.Deliveries.FileDeliveryLedger Ledger(SimulatedFileSystem files) =>
        new(files, "/data", Microsoft.Extensions.Logging.Abstractions.NullLogger<Storage.Deliveries.FileDeliveryLedger>.Instance);

    /// <summary>The single-process ledger, counting the receipts recorded.</summary>
    private sealed class CountingLedger : Core.Announcing.IDeliveryLedger
    {
        private readonly Core.Announcing.LocalDeliveryLedger _inner = new();
        private int _recorded;

        public int Recorded => Volatile.Read(ref _recorded);

        public ValueTask<Core.Announcing.DeliveryBook> ReadAsync(CancellationToken cancellationToken) => _inner.ReadAsync(cancellationToken);

        public ValueTask<Core.Announcing.DeliveryClaim> ClaimAsync(Core.Announcing.OutboxEntry entry, CancellationToken cancellationToken) => _inner.ClaimAsync(entry, cancellationToken);

        public ValueTask RecordAsync(Core.Announcing.DeliveryReceipt receipt, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _recorded);
            return _inner.RecordAsync(receipt, cancellationToken);
        }

        public ValueTask TakeOverAsync(CancellationToken cancellationToken) => _inner.TakeOverAsync(cancellationToken);
    }

    private static Storage.Journal.FileEventStore Store(SimulatedFileSystem files) =>
        new(files, "/data", 1 << 20, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestBot.Start), Microsoft.Extensions.Logging.Abstractions.NullLogger<Storage.Journal.FileEventStore>.Instance);
}
