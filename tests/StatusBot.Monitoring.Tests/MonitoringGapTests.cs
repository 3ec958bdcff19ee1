using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class MonitoringGapTests
{
    private readonly MonitoringPolicy _policy = new(_ => new PolicyThresholds(3, 3));

    [Fact]
    public async Task Gap_MakesTheServiceUnknown_TheNextObservationGivesBackItsStatus()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("service set billing degraded Slow card checks");

        bot.Advance(TimeSpan.FromMinutes(5));
        await GapAsync(bot, "billing");
        var during = bot.State.Services["billing"].Status;
        bot.Advance(TimeSpan.FromMinutes(10));
        await ObserveAsync(bot, "billing", ProbeOutcome.Up);

        Assert.Equal(ServiceStatus.Unknown, during);
        Assert.Equal(ServiceStatus.DegradedPerformance, bot.State.Services["billing"].Status);
        var uptime = Uptime.Compute(bot.State.Services["billing"].History, bot.State.Epoch, TestBot.Start, bot.Time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(10), uptime.Unknown);
    }

    [Fact]
    public async Task Gap_StatusAnswer_SaysUnknownNeverOperational()
    {
        await using var bot = await TestBot.StartAsync();

        await GapAsync(bot, "api");
        var overview = (await bot.RunAsync("status")).Reply.ToPlainText();
        var one = (await bot.RunAsync("status api")).Reply.ToPlainText();

        Assert.DoesNotContain("All systems operational", overview, StringComparison.Ordinal);
        Assert.Contains("API: unknown (not monitored)", overview, StringComparison.Ordinal);
        Assert.Contains("Unknown (not monitored)", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gap_ServiceWithAnOpenIncident_KeepsWhatPeopleWereTold()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming critical \"TV devices cannot play\"");

        await GapAsync(bot, "streaming");

        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task UnknownObservation_DoesNotEndTheGap()
    {
        await using var bot = await TestBot.StartAsync();
        await GapAsync(bot, "website");

        await ObserveAsync(bot, "website", ProbeOutcome.Unknown);

        Assert.Equal(ServiceStatus.Unknown, bot.State.Services["website"].Status);
    }

    [Fact]
    public async Task Service_IsUnknownFromStartUntilTheFirstResult_ThenAfterAStall_AndAfterStop()
    {
        await using var bot = await TestBot.StartAsync();
        var health = new Gate();
        using var service = ProbeApi(bot, health);

        await service.StartAsync(CancellationToken.None);
        await health.Requested.WaitAsync(TimeSpan.FromSeconds(10));
        var beforeFirstResult = bot.State.Services["api"].Status;
        health.Answer(HttpStatusCode.OK);
        await Until.TrueAsync(() => bot.State.Services["api"].Status == ServiceStatus.Operational, "the first result ends the gap");

        // The next probe hangs and ignores its timeout: nothing comes back, and the watchdog notices after 3 intervals.
        for (var i = 0; i < 4; i++)
        {
            bot.Advance(TimeSpan.FromSeconds(30));
        }

        await Until.TrueAsync(() => bot.State.Services["api"].Status == ServiceStatus.Unknown, "the watchdog records the stall");
        var afterStall = bot.State.Services["api"];
        health.AnswerAll(HttpStatusCode.OK);
        await Until.TrueAsync(() => bot.State.Services["api"].Status == ServiceStatus.Operational, "the late result ends the gap");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(ServiceStatus.Unknown, beforeFirstResult);
        Assert.Equal(ServiceStatus.Unknown, afterStall.Status);
        Assert.StartsWith("No health check result since 2012-12-24 20:30 UTC", afterStall.Note, StringComparison.Ordinal);
        Assert.Equal(ServiceStatus.Unknown, bot.State.Services["api"].Status);
        Assert.Equal("Monitoring stopped: status unknown until it runs again.", bot.State.Services["api"].Note);
    }

    [Fact]
    public async Task Start_AfterAKill_UnknownFromTheLastAliveMarkNotFromTheRestart()
    {
        await using var bot = await TestBot.StartAsync();
        var alive = new MemoryAliveMark { At = TestBot.Start.AddMinutes(10) };
        bot.Advance(TimeSpan.FromHours(1));
        var restart = bot.Time.GetUtcNow();
        var health = new Gate();
        using var service = ProbeApi(bot, health, alive);

        await service.StartAsync(CancellationToken.None);
        await health.Requested.WaitAsync(TimeSpan.FromSeconds(10));
        var during = bot.State.Services["api"];
        health.AnswerAll(HttpStatusCode.OK);
        await Until.TrueAsync(() => bot.State.Services["api"].Status == ServiceStatus.Operational, "the first result ends the gap");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(ServiceStatus.Unknown, during.Status);
        Assert.Equal(TestBot.Start.AddMinutes(10), during.Since);
        Assert.StartsWith("StatusBot was not watching from 2012-12-24 20:40 UTC", during.Note, StringComparison.Ordinal);
        var uptime = Uptime.Compute(during.History, bot.State.Epoch, TestBot.Start, restart);
        Assert.Equal(TimeSpan.FromMinutes(50), uptime.Unknown);
        Assert.Equal(restart, alive.At);
    }

    [Fact]
    public async Task Start_AliveMarkOlderThanTheLastChange_GapStartsAtTheChange()
    {
        await using var bot = await TestBot.StartAsync();
        var alive = new MemoryAliveMark { At = TestBot.Start.AddMinutes(1) };
        bot.Advance(TimeSpan.FromMinutes(20));
        await bot.RunAsync("service set api degraded Slow answers");
        var changed = bot.Time.GetUtcNow();
        bot.Advance(TimeSpan.FromMinutes(20));
        var health = new Gate();
        using var service = ProbeApi(bot, health, alive);

        await service.StartAsync(CancellationToken.None);
        await health.Requested.WaitAsync(TimeSpan.FromSeconds(10));
        var during = bot.State.Services["api"];
        health.AnswerAll(HttpStatusCode.OK);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(ServiceStatus.Unknown, during.Status);
        Assert.Equal(changed, during.Since);
    }

    /// <summary>Monitoring of the API alone, probed every 30 s through <paramref name="health"/>.</summary>
    private MonitoringService ProbeApi(TestBot bot, Gate health, IAliveMark? alive = null)
    {
        var probe = new ProbeOptions { Url = "http://127.0.0.1:1/health", IntervalSeconds = 30, TimeoutSeconds = 5 };
        var options = new MonitoringOptions { Services = [new MonitoredService { Id = "api", Probe = probe }] };
        return new MonitoringService(bot.Board, new HttpProbe(new HttpClient(health), bot.Time), _policy, Options.Create(options), bot.Time, NullLogger<MonitoringService>.Instance, alive);
    }

    private Task ObserveAsync(TestBot bot, string service, ProbeOutcome outcome)
    {
        var o = new Observation(service, outcome, bot.Time.GetUtcNow(), "HTTP 200");
        return bot.Board.ExecuteAsync(s => Decision.Apply(_policy.Decide(s, o)), CancellationToken.None);
    }

    private static Task GapAsync(TestBot bot, string service) =>
        bot.Board.ExecuteAsync(s => Decision.Apply(MonitoringPolicy.Gap(s, service, bot.Time.GetUtcNow(), "test gap")), CancellationToken.None);

    /// <summary>Holds each request until the test answers it, ignoring cancellation (a stuck probe), or answers all at once.</summary>
    private sealed class Gate : HttpMessageHandler
    {
        private HttpStatusCode? _always;

        private TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource<HttpStatusCode> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Requested => _requested.Task;

        public void Answer(HttpStatusCode code)
        {
            var answer = _answer;
            _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
            answer.SetResult(code);
        }

        public void AnswerAll(HttpStatusCode code)
        {
            _always = code;
            Answer(code);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_always is { } code)
            {
                return new HttpResponseMessage(code);
            }

            var answer = _answer;
            _requested.TrySetResult();
            return new HttpResponseMessage(await answer.Task);
        }
    }

    private sealed class MemoryAliveMark : IAliveMark
    {
        public DateTimeOffset? At { get; set; }

        public DateTimeOffset? Read() => At;

        public void Write(DateTimeOffset at) => At = at;
    }
}
