using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Testing;

namespace StatusBot.Storage.Postgres.Tests;

/// <summary>The alive mark, the leader's snapshots, the options and the registration.</summary>
public sealed class SmallPartsTests
{
    [SkippableFact]
    public async Task AliveMark_NoneAtFirst_ThenTheLastWritten()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        var mark = new PostgresAliveMark(node.DataSource, node.Schema, NullLogger<PostgresAliveMark>.Instance);

        var none = mark.Read();
        mark.Write(TestBot.Start);
        mark.Write(TestBot.Start.AddSeconds(5));

        Assert.Null(none);
        Assert.Equal(TestBot.Start.AddSeconds(5), mark.Read());
    }

    [Fact]
    public void AliveMark_DatabaseUnreachable_WriteLogsAndReadIsNone()
    {
        using var dataSource = PostgresConnections.CreateDataSource("Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2");
        var mark = new PostgresAliveMark(dataSource, new PostgresSchema(dataSource, NullLogger<PostgresSchema>.Instance), NullLogger<PostgresAliveMark>.Instance);

        mark.Write(TestBot.Start);

        Assert.Null(mark.Read());
    }

    [SkippableFact]
    public async Task SnapshotService_OnTheLeaderWhenChanged_KeepsTheNewestTwo()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await using var bot = await TestBot.StartAsync(node.Store);
        var service = new PostgresSnapshotService(bot.Board, node.Store, new SoleLeadership(), Options.Create(new StorageOptions()),
            new FakeTimeProvider(TestBot.Start), NullLogger<PostgresSnapshotService>.Instance);

        var taken = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            await bot.RunAsync($"incident open streaming minor \"Snap {i}\"");
            taken.Add(await service.TakeIfChangedAsync(CancellationToken.None));
        }

        taken.Add(await service.TakeIfChangedAsync(CancellationToken.None));

        Assert.Equal([true, true, true, false], taken);
        Assert.Equal(2, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM snapshots"));
        Assert.Equal(bot.State.Sequence, await PgKit.ScalarAsync(db.ConnectionString, "SELECT max(seq) FROM snapshots"));
    }

    [Theory]
    [InlineData("file", null, true)]
    [InlineData("postgres", "Host=db;Database=statusbot;Username=bot;Password=hunter2", true)]
    [InlineData("POSTGRES", "Server=db;Password=hunter2", true)]
    [InlineData("postgres", null, false)]
    [InlineData("postgres", "   ", false)]
    [InlineData("postgres", "Database=statusbot;Password=hunter2", false)]
    [InlineData("postgres", "Host=db;Password='hunter2", false)]
    [InlineData("mysql", "Host=db;Password=hunter2", false)]
    public void Options_ProviderAndConnectionString_ValidatedWithoutEchoingThePassword(string provider, string? connectionString, bool valid)
    {
        var options = new StorageOptions { Provider = provider, ConnectionString = connectionString };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.DoesNotContain("hunter2", result.FailureMessage ?? "", StringComparison.Ordinal);
        if (!valid)
        {
            Assert.Contains("StatusBot:Storage:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_InstanceId_DefaultsToMachineAndProcess()
    {
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", new StorageOptions().EffectiveInstanceId);
        Assert.Equal("blue", new StorageOptions { InstanceId = " blue " }.EffectiveInstanceId);
    }

    [Fact]
    public async Task Registration_ResolvesTheSharedStoreAndItsServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusBot:Storage:Provider"] = "postgres",
            ["StatusBot:Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=x;Password=y",
            ["StatusBot:Storage:InstanceId"] = "blue",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddStatusBotCore();
        services.AddStatusBotPostgresStorage();
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresEventStore>(provider.GetRequiredService<IEventStore>());
        Assert.Same(provider.GetRequiredService<IEventStore>(), provider.GetRequiredService<ISharedEventStore>());
        Assert.IsType<PostgresLeadership>(provider.GetRequiredService<ILeadership>());
        Assert.IsType<PostgresDeliveryLedger>(provider.GetRequiredService<IDeliveryLedger>());
        Assert.IsType<PostgresAliveMark>(provider.GetRequiredService<IAliveMark>());
        Assert.IsType<PostgresReplayLedger>(provider.GetRequiredService<IReplayLedger>());
        Assert.Equal("blue", provider.GetRequiredService<ISharedStoreStatus>().InstanceId);
        // The store's own three (leadership, the follower, snapshots) beside the core's late-answer service.
        var hosted = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType()).ToList();
        Assert.Equal(
            [typeof(ChatDeferrals), typeof(PostgresLeadership), typeof(EventFollower), typeof(PostgresSnapshotService)],
            hosted);
    }
}
