using StatusBot.Testing.Webhooks;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// <c>statusbot serve</c> as a real child process, sending one incident's webhook to many endpoints on a slow loopback
/// receiver, killed with SIGKILL mid fan-out, then restarted on the same data directory: every endpoint gets the webhook,
/// and the only repeats are deliveries in flight at the kill, with the same <c>webhook-id</c> (so receivers dedupe them).
/// </summary>
public sealed class KillDuringWebhookFanOutTests
{
    private const int Endpoints = 24;

    private const int Parallel = 4;

    [Fact]
    public async Task SigkillDuringWebhookFanOut_RestartDeliversToEveryEndpoint_RepeatsOnlyWithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(300);
        var data = Directory.CreateTempSubdirectory("statusbot-webhook-kill-").FullName;
        var port = ServeProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["StatusBot__Webhooks__AllowPrivateNetworks"] = "true",
            ["StatusBot__Webhooks__MaxParallelSends"] = Parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < Endpoints; i++)
        {
            settings[$"StatusBot__Webhooks__Endpoints__{i}__Url"] = receiver.Url("p" + i);
            settings[$"StatusBot__Webhooks__Endpoints__{i}__Secret"] = Secret(i);
        }

        try
        {
            int reachedAtKill;
            await using (var first = ServeProcess.Start(data, environment: settings, port: port))
            {
                await first.WaitReadyAsync();
                await first.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
                await ServeProcess.WaitUntilAsync(() => Reached(receiver) >= Endpoints / 4);
                await first.KillAsync();
                reachedAtKill = Reached(receiver);
            }

            await using (var second = ServeProcess.Start(data, environment: settings, port: port))
            {
                await second.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => Reached(receiver) == Endpoints);
            }

            Assert.InRange(reachedAtKill, Endpoints / 4, Endpoints - 1);
            for (var i = 0; i < Endpoints; i++)
            {
                var got = receiver.To("p" + i).Where(w => w.Json["incident"] is not null).ToList();
                Assert.InRange(got.Count, 1, 2);
                Assert.Single(got.Select(w => w.Id).Distinct());
                Assert.All(got, w => Assert.True(WebhookReceiver.Verify(Secret(i), w)));
            }

            // Repeats are at most the deliveries that were in flight when the process died.
            var repeats = Enumerable.Range(0, Endpoints).Sum(i => receiver.To("p" + i).Count(w => w.Json["incident"] is not null) - 1);
            Assert.InRange(repeats, 0, Parallel);
        }
        finally
        {
            ServeProcess.TryDelete(data);
        }
    }

    private static int Reached(WebhookReceiver receiver) =>
        Enumerable.Range(0, Endpoints).Count(i => receiver.To("p" + i).Any(w => w.Json["incident"] is not null));

    private static string Secret(int seed) => "whsec_" + Convert.ToBase64String([.. Enumerable.Range(seed, 32).Select(i => (byte)i)]);
}
