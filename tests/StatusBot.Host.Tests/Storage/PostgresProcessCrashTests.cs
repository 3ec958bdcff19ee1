using StatusBot.Testing.Postgres;
using StatusBot.Testing.Storage;

namespace StatusBot.Host.Tests.Storage;

/// <summary>
/// The process crash trials of <see cref="ProcessCrashTests"/> on the PostgreSQL store: kill -9 at random moments while
/// <c>statusbot chat</c> acknowledges admin commands; every acknowledged incident is in the events table and in what a
/// restarted process lists. (The simulated power-loss trials exercise the file store's own fsync and rename order; with
/// PostgreSQL that durability is the server's, so they have no counterpart here.)
/// </summary>
public sealed class PostgresProcessCrashTests
{
    private const int Trials = 8;

    [SkippableFact]
    public async Task Chat_OnPostgres_KilledAtRandomMoments_KeepsEveryAcknowledgedUpdate()
    {
        var server = await PostgresServer.SharedAsync();
        Skip.If(server is null, PostgresServer.UnavailableReason);

        await ProcessCrashTests.AssertNothingLostAsync(Trials, async seed =>
        {
            await using var db = await server.CreateDatabaseAsync();
            var environment = new Dictionary<string, string>
            {
                ["StatusBot__Storage__Provider"] = "postgres",
                ["StatusBot__Storage__ConnectionString"] = db.ConnectionString,
            };
            var harness = new CrashHarness(RepoPaths.StatusbotDll, RepoPaths.DefaultConfig, environment, async ct => await db.QueryAsync("SELECT payload->>'title' FROM events WHERE type = 'IncidentOpened'", r => r.GetString(0), ct));
            return await harness.RunTrialAsync(seed, CancellationToken.None);
        });
    }
}
