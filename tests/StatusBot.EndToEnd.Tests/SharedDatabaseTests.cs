using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Postgres;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// Two real <c>statusbot serve</c> processes on two ports sharing one PostgreSQL database, as behind a load balancer:
/// what one acknowledges the other shows within a second, concurrent admin commands on both make one history, the leader
/// killed mid fan-out is replaced and no card is lost or doubled, and a database restart under load loses nothing
/// acknowledged.
/// </summary>
public sealed class SharedDatabaseTests
{
    private const int Channels = 24;

    [SkippableFact]
    public async Task TwoInstances_UpdateVisibleWithinASecond_ConcurrentCommandsMakeOneHistory()
    {
        var server = await PostgresServer.SharedAsync();
        Skip.If(server is null, PostgresServer.UnavailableReason);
        await using var db = await server.CreateDatabaseAsync();
        using var data = new DataDirectories();
        await using var a = ServeProcess.Start(data.A, environment: Shared(db, "a"));
        await using var b = ServeProcess.Start(data.B, environment: Shared(db, "b"));
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());

        var opened = await a.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
        var acknowledged = Stopwatch.StartNew();
        await ServeProcess.WaitUntilAsync(async () => (await b.GetAsync("api/v2/incidents.json")).Contains("Streaming fails on TV devices", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        var visibleAfter = acknowledged.Elapsed;
        Assert.Equal("INC-1", IncidentId(opened));

        // Both instances at once: 15 opens each, and 10 updates of INC-1 split between them.
        var commands = Enumerable.Range(0, 15).SelectMany(i => new[]
            {
                a.AdminAsync("api/admin/incidents", $$"""{"services":["website"],"impact":"minor","title":"A-{{i}}"}"""),
                b.AdminAsync("api/admin/incidents", $$"""{"services":["api"],"impact":"minor","title":"B-{{i}}"}"""),
            })
            .Concat(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).AdminAsync("api/admin/incidents/INC-1/updates", $$"""{"status":"investigating","message":"Update {{i}}"}""")))
            .ToList();
        var answers = await Task.WhenAll(commands);

        var opens = answers.Take(30).Select(IncidentId).ToList();
        Assert.Equal(30, opens.Distinct().Count());
        var events = await EventsAsync(db);
        await ServeProcess.WaitUntilAsync(async () => await SequenceAsync(a) == events.Count && await SequenceAsync(b) == events.Count, TimeSpan.FromSeconds(5));

        var openedInTable = events.Where(e => e.Type == "IncidentOpened").Select(e => e.Payload.GetProperty("incidentId").GetString()).ToList();
        Assert.Equal(31, openedInTable.Count);
        Assert.Equal(openedInTable.Order(), opens.Append("INC-1").Order());
        Assert.Equal(10, events.Count(e => e.Type == "IncidentUpdated" && e.Payload.GetProperty("incidentId").GetString() == "INC-1"));
        var incidentsA = Incidents(await a.GetAsync("api/v2/incidents.json"));
        var incidentsB = Incidents(await b.GetAsync("api/v2/incidents.json"));
        Assert.Equal(incidentsA, incidentsB);
        Assert.Equal(31, JsonDocument.Parse(incidentsA).RootElement.GetArrayLength());
        Assert.True(visibleAfter < TimeSpan.FromSeconds(1), $"B showed A's incident after {visibleAfter.TotalMilliseconds:0} ms");
        var metricsA = await a.GetAsync("metrics");
        var metricsB = await b.GetAsync("metrics");
        Assert.Contains("statusbot_replication_lag_events 0", metricsB, StringComparison.Ordinal);
        Assert.Equal(1, new[] { metricsA, metricsB }.Count(m => m.Contains("\nstatusbot_leader 1", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task LeaderKilledDuringFanOut_TheOtherTakesOver_EveryCardOnceOnDiscord()
    {
        var server = await PostgresServer.SharedAsync();
        Skip.If(server is null, PostgresServer.UnavailableReason);
        await using var db = await server.CreateDatabaseAsync();
        await using var discord = await DiscordEmulator.StartAsync();
        discord.AnswerDelay = TimeSpan.FromMilliseconds(300);
        var channelIds = ServeProcess.ChannelIds(Channels, 300000000000000000L);
        using var data = new DataDirectories();
        await using var a = ServeProcess.Start(data.A, discord, channelIds, Shared(db, "a"));
        await a.WaitReadyAsync();
        await ServeProcess.WaitUntilAsync(async () => await RoleAsync(a) == "leader");
        await using var b = ServeProcess.Start(data.B, discord, channelIds, Shared(db, "b"));
        await b.WaitReadyAsync();
        Assert.Equal("follower", await RoleAsync(b));

        // Told to the follower; the leader announces it.
        await b.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
        var cardsAtKill = await KillDuringFanOutTests.KillWhenAsync(a, () => channelIds.Count(c => discord.MessagesIn(c).Count > 0), n => n >= Channels / 4);
        var killed = Stopwatch.StartNew();
        await ServeProcess.WaitUntilAsync(async () => await RoleAsync(b) == "leader", TimeSpan.FromSeconds(15));
        var takeover = killed.Elapsed;

        await ServeProcess.WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c).Count > 0));
        await b.AdminAsync("api/admin/incidents/INC-1/updates", """{"status":"identified","message":"Load balancers in us-east-1 are failing"}""");
        await ServeProcess.WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c) is [var card, ..] && discord.MessagesIn(card.Id).Count > 0));
        await ServeProcess.QuietAsync(discord);

        Assert.InRange(cardsAtKill, Channels / 4, Channels - 1);
        Assert.True(takeover < TimeSpan.FromSeconds(10), $"takeover took {takeover.TotalSeconds:0.0} s");
        var metrics = await b.GetAsync("metrics");
        Assert.Contains("statusbot_leadership_changes_total{direction=\"acquired\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("\nstatusbot_leader 1", metrics, StringComparison.Ordinal);
        Assert.All(channelIds, c =>
        {
            var card = Assert.Single(discord.MessagesIn(c));
            var reply = Assert.Single(discord.MessagesIn(card.Id));
            Assert.Contains("Load balancers in us-east-1 are failing", reply.Body.ToJsonString(), StringComparison.Ordinal);
        });
        var rows = (await db.QueryAsync("SELECT count(*) FROM announcement_deliveries WHERE delivered_at IS NOT NULL AND message_id IS NOT NULL", r => r.GetInt64(0))).Single();
        Assert.True(rows >= Channels, $"only {rows} delivery rows carry a message id");
    }

    [SkippableFact]
    public async Task DatabaseRestartedUnderLoad_InstancesReconnect_NothingAcknowledgedLost()
    {
        Skip.IfNot(PostgresServer.CanStartPrivate, "Restarting needs a private PostgreSQL cluster: install Debian's postgresql package (.ci/run does).");
        await using var server = await PostgresServer.StartPrivateAsync();
        await using var db = await server.CreateDatabaseAsync();
        using var data = new DataDirectories();
        await using var a = ServeProcess.Start(data.A, environment: Shared(db, "a"));
        await using var b = ServeProcess.Start(data.B, environment: Shared(db, "b"));
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());

        var acknowledged = new ConcurrentBag<string>();
        var refused = 0;
        using var stop = new CancellationTokenSource();
        var writers = new[] { a, a, b, b }.Select((instance, w) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"W{w}-{i}";
                try
                {
                    using var response = await instance.Http.PostAsync("api/admin/incidents", new StringContent($$"""{"services":["website"],"impact":"minor","title":"{{title}}"}""", System.Text.Encoding.UTF8, "application/json"));
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(IncidentId(await response.Content.ReadAsStringAsync()));
                    }
                    else
                    {
                        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
                        Interlocked.Increment(ref refused);
                        await Task.Delay(50);
                    }
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();

        await ServeProcess.WaitUntilAsync(() => acknowledged.Count >= 20);
        var beforeRestart = acknowledged.Count;
        await server.RestartAsync();
        await ServeProcess.WaitUntilAsync(() => acknowledged.Count >= beforeRestart + 20, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var events = await EventsAsync(db);
        var stored = events.Where(e => e.Type == "IncidentOpened").Select(e => e.Payload.GetProperty("incidentId").GetString()!).ToHashSet();
        Assert.All(acknowledged, id => Assert.Contains(id, stored));
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        await ServeProcess.WaitUntilAsync(async () => await SequenceAsync(a) == events.Count && await SequenceAsync(b) == events.Count, TimeSpan.FromSeconds(10));
        await ServeProcess.WaitUntilAsync(async () => await CheckAsync(a, "database") == "ok" && await CheckAsync(b, "database") == "ok", TimeSpan.FromSeconds(10));
        foreach (var id in acknowledged.Take(200))
        {
            Assert.Contains(id, await b.GetAsync($"incidents/{id}"), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Shared(TestDatabase db, string instance) => new()
    {
        ["StatusBot__Storage__Provider"] = "postgres",
        ["StatusBot__Storage__ConnectionString"] = db.ConnectionString,
        ["StatusBot__Storage__InstanceId"] = instance,
        ["StatusBot__Announcements__MaxParallelSends"] = "4",

        // Behind one load balancer, every instance links to the one public address.
        ["StatusBot__Web__PublicUrl"] = "https://status.acme.test",
    };

    /// <summary>A data directory for each of the two instances, deleted when the test ends (after the processes, declared later, have stopped).</summary>
    private sealed class DataDirectories : IDisposable
    {
        public string A { get; } = Directory.CreateTempSubdirectory("statusbot-shared-").FullName;

        public string B { get; } = Directory.CreateTempSubdirectory("statusbot-shared-").FullName;

        public void Dispose()
        {
            ServeProcess.TryDelete(A);
            ServeProcess.TryDelete(B);
        }
    }

    private static string IncidentId(string adminResponse) =>
        JsonDocument.Parse(adminResponse).RootElement.GetProperty("incidentId").GetString() ?? throw new InvalidOperationException("no incident id in " + adminResponse);

    private static string Incidents(string incidentsJson) => JsonDocument.Parse(incidentsJson).RootElement.GetProperty("incidents").GetRawText();

    private static async Task<string?> CheckAsync(ServeProcess instance, string check)
    {
        try
        {
            using var ready = JsonDocument.Parse(await instance.GetAsync("readyz"));
            return ready.RootElement.GetProperty("checks").TryGetProperty(check, out var value) ? value.GetString() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static Task<string?> RoleAsync(ServeProcess instance) => CheckAsync(instance, "role");

    private static async Task<long> SequenceAsync(ServeProcess instance) =>
        long.TryParse(await CheckAsync(instance, "sequence"), System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : -1;

    private static Task<List<(string Type, JsonElement Payload)>> EventsAsync(TestDatabase db) =>
        db.QueryAsync("SELECT type, payload::text FROM events ORDER BY seq", r => (r.GetString(0), JsonDocument.Parse(r.GetString(1)).RootElement.Clone()));
}
