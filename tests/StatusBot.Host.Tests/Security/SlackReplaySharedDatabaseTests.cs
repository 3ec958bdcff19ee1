using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusBot.Host.Hosting;
using StatusBot.Testing.Postgres;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>Two <c>serve</c> instances on one PostgreSQL database, each receiving copies of one captured Slack request.</summary>
public sealed class SlackReplaySharedDatabaseTests
{
    private const string Secret = "shared-db-signing-secret-0123456789";

    [SkippableFact]
    public async Task Commands_CopiesSentToTwoInstances_RunOnce()
    {
        var server = await PostgresServer.SharedAsync();
        Skip.If(server is null, PostgresServer.UnavailableReason);
        await using var db = await server!.CreateDatabaseAsync();
        var data = Directory.CreateTempSubdirectory("statusbot-replay-").FullName;
        try
        {
            await RunAsync(db.ConnectionString, data);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RunAsync(string connectionString, string data)
    {
        await using var blue = await StartAsync(connectionString, "blue", data);
        await using var green = await StartAsync(connectionString, "green", data);
        var signer = new SlackSigner(Secret);
        var body = SlackSigner.CommandBody("/statusbot", "incident open streaming major \"Streaming fails\"", "U-ADMIN");
        var at = DateTimeOffset.UtcNow;

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var client = new HttpClient { BaseAddress = Address(i % 2 == 0 ? blue : green) };
            using var response = await client.SendAsync(signer.Request("/slack/commands", body, at));
            return await response.Content.ReadAsStringAsync();
        }));

        Assert.Single(answers, a => a.Length > 0);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var opened = new Npgsql.NpgsqlCommand("SELECT count(*) FROM events WHERE type = 'IncidentOpened'", connection);
        Assert.Equal(1L, (long)(await opened.ExecuteScalarAsync())!);
    }

    private static async Task<WebApplication> StartAsync(string connectionString, string instance, string data)
    {
        // The store is chosen while services are added, from the configuration file: so it goes in the file.
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.DefaultConfig))!.AsObject();
        config["StatusBot"]!["Storage"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = connectionString, ["InstanceId"] = instance };
        var path = Path.Combine(data, instance + ".json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var app = StatusBotWebApp.Create(
            new CliSettings(path, Path.Combine(data, instance), "http://127.0.0.1:0"),
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["StatusBot:Slack:SigningSecret"] = Secret,
                    ["StatusBot:Slack:AdminUserIds:0"] = "U-ADMIN",
                    ["StatusBot:RateLimit:CommandsPerMinute"] = "0",
                });
                builder.Logging.ClearProviders();
            });
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
