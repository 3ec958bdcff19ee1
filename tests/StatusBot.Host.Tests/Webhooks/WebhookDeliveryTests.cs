using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Announcing;
using StatusBot.Core.Text;
using StatusBot.Host.Webhooks;
using StatusBot.Testing.Webhooks;

namespace StatusBot.Host.Tests.Webhooks;

/// <summary>
/// Webhooks from the real <c>serve</c> application to a loopback receiver that checks each signature itself (HMAC-SHA256 of
/// <c>id.timestamp.body</c> with the decoded <c>whsec_</c> secret), in Statuspage's webhook shape.
/// </summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task IncidentOpenUpdateResolve_AndComponentChanges_ArriveSignedInStatuspageShape()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var serve = await WebhookServe.StartAsync(WebhookServe.Endpoint(0, receiver, "partner"));

        await serve.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");
        await serve.WaitUntilAsync(() => Incidents(receiver).Any(j => j["incident"]!["status"]!.GetValue<string>() == "investigating"));
        await serve.RunAsync("incident update INC-1 identified Load balancers in us-east-1 are failing");
        await serve.WaitUntilAsync(() => Incidents(receiver).Any(j => j["incident"]!["status"]!.GetValue<string>() == "identified"));
        await serve.RunAsync("incident resolve INC-1 Traffic moved to us-west-2");
        await serve.WaitUntilAsync(() => Incidents(receiver).Any(j => j["incident"]!["status"]!.GetValue<string>() == "resolved")
            && Components(receiver).Count(j => j["component_update"]!["component_id"]!.GetValue<string>() == "streaming") >= 2);

        var all = receiver.To("partner");
        Assert.All(all, w => Assert.True(WebhookReceiver.Verify(WebhookServe.Secret(0), w), "signature of " + w.Id));
        Assert.All(all, w => Assert.InRange(w.UnixTimestamp, serve.Time.GetUtcNow().ToUnixTimeSeconds() - 3600, serve.Time.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Equal(all.Count, all.Select(w => w.Id).Distinct().Count());

        var resolved = Incidents(receiver).Single(j => j["incident"]!["status"]!.GetValue<string>() == "resolved");
        Assert.Equal("INC-1", resolved["incident"]!["id"]!.GetValue<string>());
        Assert.Equal("Streaming fails on TV devices", resolved["incident"]!["name"]!.GetValue<string>());
        Assert.Equal(3, resolved["incident"]!["incident_updates"]!.AsArray().Count);
        Assert.Equal("Traffic moved to us-west-2", resolved["incident"]!["incident_updates"]![0]!["body"]!.GetValue<string>());
        Assert.Equal("streaming", resolved["incident"]!["components"]![0]!["id"]!.GetValue<string>());
        Assert.NotNull(resolved["meta"]!["unsubscribe"]);
        Assert.NotNull(resolved["meta"]!["documentation"]);
        Assert.Equal("statusbot", resolved["page"]!["id"]!.GetValue<string>());
        Assert.Equal("none", resolved["page"]!["status_indicator"]!.GetValue<string>());
        Assert.Equal("All Systems Operational", resolved["page"]!["status_description"]!.GetValue<string>());

        var streaming = Components(receiver).Where(j => j["component_update"]!["component_id"]!.GetValue<string>() == "streaming").ToList();
        Assert.Equal("operational", streaming[0]["component_update"]!["old_status"]!.GetValue<string>());
        Assert.Equal("partial_outage", streaming[0]["component_update"]!["new_status"]!.GetValue<string>());
        Assert.Equal("partial_outage", streaming[^1]["component_update"]!["old_status"]!.GetValue<string>());
        Assert.Equal("operational", streaming[^1]["component_update"]!["new_status"]!.GetValue<string>());
        Assert.Equal("streaming", streaming[^1]["component"]!["id"]!.GetValue<string>());
        Assert.NotNull(streaming[^1]["component_update"]!["created_at"]);
        Assert.NotNull(streaming[^1]["component_update"]!["id"]);
    }

    [Fact]
    public async Task ScriptedServerErrorAndRateLimit_AreRetriedWithTheSameWebhookId_AfterRetryAfter()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script("partner", new WebhookAnswer(500), new WebhookAnswer(429, RetryAfterSeconds: 120));
        await using var serve = await WebhookServe.StartAsync(WebhookServe.Endpoint(0, receiver, "partner"));

        await serve.RunAsync("service set api degraded Slow responses");
        await serve.WaitUntilAsync(() => receiver.To("partner").Any(w => w.AnsweredWith == 200), step: TimeSpan.FromSeconds(5));

        var attempts = receiver.To("partner");
        Assert.Equal([500, 429, 200], attempts.Select(a => a.AnsweredWith));
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        Assert.All(attempts, a => Assert.True(WebhookReceiver.Verify(WebhookServe.Secret(0), a)));
        Assert.True(attempts[2].UnixTimestamp - attempts[1].UnixTimestamp >= 120, "the retry came before Retry-After");
        Assert.True(attempts[1].UnixTimestamp > attempts[0].UnixTimestamp, "the first retry did not wait");

        var log = serve.Services.GetRequiredService<WebhookDeliveryLog>().Of(WebhookPlannerId(receiver));
        Assert.Equal<int?>([3, 2, 1], log.Select(l => l.Attempt));
        Assert.Equal<int?>([200, 429, 500], log.Select(l => l.StatusCode));
        Assert.All(log, l => Assert.Equal(attempts[0].Id, l.EventId));
    }

    [Fact]
    public async Task EndpointFailingForADay_IsDisabled_AndTheAdminChannelIsTold()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways("partner", new WebhookAnswer(503));
        var settings = WebhookServe.Endpoint(0, receiver, "partner");
        settings["StatusBot:Webhooks:MaxBackoffSeconds"] = "1800";
        settings["StatusBot:Announcements:AdminChannel:Platform"] = "slack";
        settings["StatusBot:Announcements:AdminChannel:ChannelId"] = "C0ADMINS";
        await using var serve = await WebhookServe.StartAsync(settings);
        var id = WebhookPlannerId(receiver);

        var queuedAt = serve.Time.GetUtcNow();
        await serve.RunAsync("service set billing down Card payments fail");
        // The configured endpoint reaches the board with the dispatcher's first pass, which may come after the change.
        await serve.WaitUntilAsync(() => serve.Board.Current.Webhooks.Endpoints.TryGetValue(id, out var e) && !e.IsActive, step: TimeSpan.FromMinutes(10));
        await serve.WaitUntilAsync(() => serve.Board.Current.Announcements.Outbox.Values.Any(e => e.Subject == NoticeSubjects.WebhookOff(id)));

        var endpoint = serve.Board.Current.Webhooks.Endpoints[id];
        var attempts = receiver.To("partner");
        Assert.Equal("HTTP 503", endpoint.DisabledReason);
        // The day counts from the change being queued (the first attempt may come one clock step later).
        Assert.True(attempts[^1].UnixTimestamp - queuedAt.ToUnixTimeSeconds() >= 24 * 3600, "disabled before a day of failures");
        Assert.InRange(attempts.Count, 10, 200);
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        var notice = StatusBot.Announcing.AdminNotices.Render(
            NoticeSubjects.WebhookOff(id), serve.Board.Current, Localizer.For(Locales.English), serve.Time.GetUtcNow(),
            serve.Services.GetRequiredService<StatusBot.Announcing.AnnouncementRenderer>().Templates)!;
        Assert.Equal("Webhooks stopped for an endpoint", notice.Title);
        Assert.Contains(receiver.Url("partner"), string.Join("\n", notice.Lines), StringComparison.Ordinal);
        Assert.Contains("HTTP 503", string.Join("\n", notice.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceFilter_SendsAnEndpointOnlyTheChangesOfItsServices()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookServe.Endpoint(0, receiver, "everything");
        foreach (var (key, value) in WebhookServe.Endpoint(1, receiver, "billing-only", "billing"))
        {
            settings[key] = value;
        }

        await using var serve = await WebhookServe.StartAsync(settings);

        await serve.RunAsync("service set website degraded Slow pages");
        await serve.WaitUntilAsync(() => receiver.To("everything").Count == 1);
        await serve.RunAsync("service set billing down Card payments fail");
        await serve.WaitUntilAsync(() => receiver.To("everything").Count == 2 && receiver.To("billing-only").Count == 1);

        var billingOnly = Assert.Single(receiver.To("billing-only"));
        Assert.Equal("billing", billingOnly.Json["component"]!["id"]!.GetValue<string>());
        Assert.True(WebhookReceiver.Verify(WebhookServe.Secret(1), billingOnly));
        Assert.Equal(["website", "billing"], receiver.To("everything").Select(w => w.Json["component"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeliveryLog_AfterARestart_ShowsHowEachDeliveryEnded_AndWhatIsStillOwed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "statusbot-webhook-log-" + Guid.NewGuid().ToString("N"));
        var settings = WebhookServe.Endpoint(0, receiver, "partner");
        settings["StatusBot:Webhooks:MaxBackoffSeconds"] = "3600";
        var id = WebhookPlannerId(receiver);
        try
        {
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StatusBot.Testing.TestBot.Start);
            await using (var first = await WebhookServe.StartAsync(settings, time, data))
            {
                await first.RunAsync("service set api degraded Slow responses");
                await first.WaitUntilAsync(() => receiver.To("partner").Count == 1);
                receiver.AnswerAlways("partner", new WebhookAnswer(503));
                await first.RunAsync("service set api operational");
                await first.WaitUntilAsync(() => receiver.To("partner").Count == 2);
            }

            await using var second = await WebhookServe.StartAsync(settings, time, data);
            await second.WaitUntilAsync(() => receiver.To("partner").Count >= 3);
            var log = JsonDocument.Parse(await second.Client.GetStringAsync($"/api/admin/webhooks/{id}/deliveries")).RootElement.GetProperty("deliveries");

            var delivered = receiver.To("partner")[0];
            var failing = receiver.To("partner")[1];
            var lines = log.EnumerateArray().ToList();
            var ended = Assert.Single(lines, l => l.GetProperty("eventId").GetString() == delivered.Id);
            Assert.Equal("delivered", ended.GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, ended.GetProperty("attempt").ValueKind);
            var retried = Assert.Single(lines, l => l.GetProperty("eventId").GetString() == failing.Id);
            Assert.Equal(503, retried.GetProperty("statusCode").GetInt32());
            Assert.Equal(failing.Id, receiver.To("partner")[2].Id);
            Assert.Equal(2, lines.Count);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string WebhookPlannerId(WebhookReceiver receiver) => WebhookPlanner.ConfiguredId(receiver.Url("partner"));

    private static List<System.Text.Json.Nodes.JsonNode> Incidents(WebhookReceiver receiver) =>
        [.. receiver.To("partner").Where(w => w.AnsweredWith == 200).Select(w => w.Json).Where(j => j["incident"] is not null)];

    private static List<System.Text.Json.Nodes.JsonNode> Components(WebhookReceiver receiver) =>
        [.. receiver.To("partner").Where(w => w.AnsweredWith == 200).Select(w => w.Json).Where(j => j["component_update"] is not null)];
}
