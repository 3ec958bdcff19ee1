using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.State;

namespace StatusBot.Host.Configuration;

/// <summary>What the configuration says the board is made of: service and upstream definitions, and command settings.</summary>
public sealed record BoardSeed(IReadOnlyList<ServiceDefinition> Services, IReadOnlyList<UpstreamDefinition> Upstreams, CommandSettings Settings)
{
    public static BoardSeed From(StatusBotOptions options) => new(
        [.. options.Services.Select(s => new ServiceDefinition(s.Id, s.Name.Trim(), [.. s.Aliases.Select(a => a.Trim())], s.Group, [.. s.DependsOn]))],
        [.. options.Upstreams.Select(u => new UpstreamDefinition(u.Id, u.Name.Trim(), u.FeedUrl, [.. u.Components]))],
        new CommandSettings(TimeSpan.FromMinutes(options.Announcements.UpdateIntervalMinutes)));

    public BoardState InitialState() => BoardState.Create(Services, Upstreams);

    /// <summary>Recovered state keeps its statuses and incidents, but takes the definitions from the configuration of this run.</summary>
    public BoardState Refresh(BoardState recovered) => recovered.WithDefinitions(Services, Upstreams);
}
