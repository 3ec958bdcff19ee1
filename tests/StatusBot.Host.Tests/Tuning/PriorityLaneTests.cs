using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Host.Tuning;

namespace StatusBot.Host.Tests.Tuning;

/// <summary>The admin API runs on the lane's own threads, awaits included; everything else stays on the pool, the health checks too.</summary>
public sealed class PriorityLaneTests
{
    [Theory]
    [InlineData("/api/admin/incidents/INC-1/updates", true)]
    [InlineData("/api/admin", true)]
    [InlineData("/healthz", false)]
    [InlineData("/readyz", false)]
    [InlineData("/slack/commands", false)]
    [InlineData("/discord/interactions", false)]
    [InlineData("/api/adminx", false)]
    [InlineData("/", false)]
    public async Task InvokeAsync_Path_RunsOnTheLaneOnlyForTheAdminApi(string path, bool onLane)
    {
        using var lane = new PriorityLane(NullLogger<PriorityLane>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        var elsewhere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<string?>();

        var running = lane.InvokeAsync(context, async _ =>
        {
            seen.Add(Thread.CurrentThread.Name);
            await elsewhere.Task;
            seen.Add(Thread.CurrentThread.Name);
        });
        await Task.Run(elsewhere.SetResult);
        await running;

        Assert.Equal(2, seen.Count);
        Assert.All(seen, name => Assert.Equal(onLane, name?.StartsWith("statusbot priority lane", StringComparison.Ordinal) == true));
        Assert.Equal(onLane, PriorityLane.Takes(context.Request.Path));
    }
}
