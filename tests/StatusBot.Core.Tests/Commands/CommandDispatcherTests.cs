using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

public sealed class CommandDispatcherTests
{
    [Fact]
    public async Task DispatchText_OpenIncident_IsDurableBeforeAnswer()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync("/incident open streaming major \"Streaming fails on many devices\" segments:\"TV, consoles\"");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        var store = Assert.IsType<Core.Board.InMemoryEventStore>(bot.Store);
        Assert.Contains(store.Events, e => e is Events.IncidentOpened { IncidentId: "INC-1" });
        var incident = bot.State.Incidents["INC-1"];
        Assert.Equal(["TV", "consoles"], incident.Segments.ToArray());
        Assert.Equal(ServiceStatus.PartialOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task DispatchText_ViewerOpensIncident_DeniedAndNothingChanges()
    {
        await using var bot = await TestBot.StartAsync();
        var before = bot.State.Sequence;

        var result = await bot.RunAsync("incident open streaming major Down", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Contains("Only admins", result.Reply.Title, StringComparison.Ordinal);
        Assert.Equal(before, bot.State.Sequence);
        Assert.Empty(bot.State.Incidents);
    }
}
