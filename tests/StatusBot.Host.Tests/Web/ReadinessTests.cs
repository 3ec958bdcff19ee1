using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StatusBot.Core.Board;
using StatusBot.Host.Web;
using StatusBot.Monitoring;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web;

/// <summary>What <c>/readyz</c> says for the file store and for instances sharing a database.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ProbeLoopStopped_NotReady_NamingTheProbe()
    {
        await using var bot = await TestBot.StartAsync();
        var monitoring = new MonitoringHealth();
        monitoring.LoopStopped("probe of streaming", "An invalid request URI was provided.");

        var (code, body) = Answer(HealthEndpoints.Readiness(bot.Board, new SoleLeadership(), null, monitoring));

        Assert.Equal(503, code);
        Assert.Equal("unavailable", body.Status);
        Assert.Equal("failing: probe of streaming stopped: An invalid request URI was provided.", body.Checks!["monitoring"]);
    }

    [Fact]
    public async Task FileStore_Writable_OkWithoutClusterFacts()
    {
        await using var bot = await TestBot.StartAsync();

        var (code, body) = Answer(HealthEndpoints.Readiness(bot.Board, new SoleLeadership(), null));

        Assert.Equal(200, code);
        Assert.Equal("ok", body.Status);
        Assert.Equal("ok", body.Checks!["journal"]);
        Assert.False(body.Checks.ContainsKey("role"));
    }

    [Fact]
    public async Task SharedStore_ConnectedFollowerBehind_ReportsRoleAndLag()
    {
        await using var bot = await TestBot.StartAsync();
        var status = new Status { Connected = true, HeadSequence = bot.State.Sequence + 7 };

        var (code, body) = Answer(HealthEndpoints.Readiness(bot.Board, new Follower(), status));

        Assert.Equal(200, code);
        Assert.Equal("ok", body.Status);
        Assert.Equal("ok", body.Checks!["database"]);
        Assert.Equal("follower", body.Checks["role"]);
        Assert.Equal("7", body.Checks["behind"]);
        Assert.Equal("bot-a-1", body.Checks["instance"]);
    }

    [Fact]
    public async Task SharedStore_DatabaseUnreachable_DegradedButStillServing()
    {
        await using var bot = await TestBot.StartAsync();
        var status = new Status { Connected = false, LastError = "connection refused" };

        var (code, body) = Answer(HealthEndpoints.Readiness(bot.Board, new SoleLeadership(), status));

        Assert.Equal(200, code);
        Assert.Equal("degraded", body.Status);
        Assert.Equal("failing: connection refused", body.Checks!["database"]);
        Assert.Equal("leader", body.Checks["role"]);
    }

    /// <summary>The status code and body <c>/readyz</c> answers for this result.</summary>
    private static (int Code, HealthBody Body) Answer(HealthCheckResult result)
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry> { ["ready"] = new(result.Status, null, TimeSpan.Zero, null, result.Data) }, TimeSpan.Zero);
        return (new HealthCheckOptions().ResultStatusCodes[report.Status], HealthEndpoints.Body(report));
    }

    private sealed class Follower : ILeadership
    {
        public bool IsLeader => false;

        public Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => CancellationToken.None, TaskScheduler.Default);
    }

    private sealed class Status : ISharedStoreStatus
    {
        public string InstanceId => "bot-a-1";

        public bool Connected { get; init; }

        public string? LastError { get; init; }

        public long HeadSequence { get; init; }
    }
}
