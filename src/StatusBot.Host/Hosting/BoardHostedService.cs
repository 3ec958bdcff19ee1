using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Hosting;

/// <summary>Recovers the board from its store when the host starts, and drains the writer when it stops.</summary>
public sealed class BoardHostedService(StatusBoard board, BoardSeed seed, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await board.StartAsync(seed.InitialState(), seed.Refresh, cancellationToken);
        if (board.Current.Epoch is null)
        {
            // Decided on the writer: with instances starting together on one database, only the first initializes.
            await board.ExecuteAsync(
                s => s.Epoch is null ? Decision.Apply(new BoardInitialized(Actor.System, time.GetUtcNow())) : Decision.NoChange,
                cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await board.DisposeAsync();
}
