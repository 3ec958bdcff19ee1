using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Chat;

public sealed class ChatPipelineTests
{
    private static ChatRequest Ask(string text, Caller? caller = null, bool share = false) =>
        new(caller ?? TestBot.Viewer(), ChatInput.CommandText(text)) { Share = share };

    [Fact]
    public async Task Handle_SameReadSameStateSameSecond_SameAnswerObject()
    {
        await using var bot = await TestBot.StartAsync();

        var first = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result;
        var second = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result;

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Handle_BoardChanged_FreshAnswer()
    {
        await using var bot = await TestBot.StartAsync();
        var before = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;

        await bot.RunAsync("service set billing major");
        var after = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;

        Assert.NotSame(before, after);
        Assert.NotEqual(before.Reply, after.Reply);
    }

    [Fact]
    public async Task Handle_NextSecond_FreshAnswer()
    {
        await using var bot = await TestBot.StartAsync();
        var before = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result;

        bot.Advance(TimeSpan.FromSeconds(1));

        Assert.NotSame(before, (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result);
    }

    [Theory]
    [InlineData("status streaming", false, "en", false)]
    [InlineData("status", true, "en", false)]
    [InlineData("status", false, "fr", false)]
    [InlineData("status", false, "en", true)]
    public async Task Handle_AnyOtherAsker_NotTheCachedAnswer(string text, bool share, string culture, bool isAdmin)
    {
        await using var bot = await TestBot.StartAsync();
        var cached = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result;
        var caller = isAdmin ? TestBot.Admin(culture) : TestBot.Viewer(culture);

        var other = (await bot.Pipeline.HandleAsync(Ask(text, caller, share), null, CancellationToken.None)).Result;

        Assert.NotSame(cached, other);
    }

    [Fact]
    public async Task Handle_CachedReadOverTheLimit_Refused()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(1, 2));

        var first = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;
        var second = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;
        var third = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;

        Assert.Equal(CommandOutcome.Answered, first.Outcome);
        Assert.Same(first, second);
        Assert.Equal(CommandOutcome.Limited, third.Outcome);
    }

    [Fact]
    public async Task Handle_SharedRead_ForTheChannel_AnErrorNever()
    {
        await using var bot = await TestBot.StartAsync();

        var shared = (await bot.Pipeline.HandleAsync(Ask("status", share: true), null, CancellationToken.None)).Result!;
        var mistake = (await bot.Pipeline.HandleAsync(Ask("status teleport", share: true), null, CancellationToken.None)).Result!;
        var alone = (await bot.Pipeline.HandleAsync(Ask("status"), null, CancellationToken.None)).Result!;

        Assert.True(shared.ForChannel);
        Assert.False(mistake.ForChannel);
        Assert.False(alone.ForChannel);
    }

    [Fact]
    public async Task Handle_ViewerPressesAdminButton_DeniedAndNothingChanges()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        var before = bot.State.Sequence;
        var button = CommandInput.Of(Catalog.IncidentResolve, new Dictionary<string, string> { ["id"] = "INC-1" });

        var result = await bot.Pipeline.AnswerAsync(new ChatRequest(TestBot.Viewer(), ChatInput.Command(button)), CancellationToken.None);

        Assert.Equal(CommandOutcome.Denied, result!.Outcome);
        Assert.Equal(before, bot.State.Sequence);
    }

    [Fact]
    public async Task Handle_TypedValues_RunAndAnsweredFreshEachTime()
    {
        await using var bot = await TestBot.StartAsync();
        var input = CommandInput.Typed(Catalog.IncidentOpen, new Dictionary<string, object?>
        {
            ["services"] = new[] { "streaming" },
            ["impact"] = "major",
            ["title"] = "Streaming fails",
            ["users"] = 1000L,
        });

        var result = await bot.Pipeline.AnswerAsync(new ChatRequest(TestBot.Admin(), ChatInput.Command(input)), CancellationToken.None);

        Assert.Equal(CommandOutcome.Changed, result!.Outcome);
        Assert.Equal(1000L, bot.State.Incidents["INC-1"].UsersAffected);
    }

    [Fact]
    public async Task Handle_ZeroBudgetSlowWrite_DeferredThenSentThroughTheSink()
    {
        var store = new ScriptedEventStore();
        await using var bot = await TestBot.StartAsync(store);
        _ = store.HoldNextAppend();
        var sink = new RecordingSink();
        var request = new ChatRequest(TestBot.Admin(), ChatInput.CommandText("service set billing major")) { Budget = TimeSpan.Zero };

        var answer = await bot.Pipeline.HandleAsync(request, sink, CancellationToken.None);
        Assert.True(answer.Deferred);
        Assert.Empty(sink.Sent);

        store.Release();
        await bot.Deferrals.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var sent = Assert.Single(sink.Sent);
        Assert.Equal(CommandOutcome.Changed, sent.Outcome);
    }

    [Fact]
    public async Task Handle_ReplayedChange_NoAnswerAndNothingRuns()
    {
        await using var bot = await TestBot.StartAsync();
        var before = bot.State.Sequence;
        var request = new ChatRequest(TestBot.Admin(), ChatInput.CommandText("service set billing major")) { ChangeClaim = new TakenClaim(), ChangeKey = "T1" };

        var answer = await bot.Pipeline.HandleAsync(request, null, CancellationToken.None);

        Assert.Null(answer.Result);
        Assert.Equal(before, bot.State.Sequence);
    }

    private sealed class RecordingSink : IReplySink
    {
        public List<DispatchResult> Sent { get; } = [];

        public Task SendAsync(DispatchResult result, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(result);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class TakenClaim : IChangeClaim
    {
        public ValueTask<bool> FirstChangeAsync(string? key, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
