using System.Text;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Webhooks;
using StatusBot.Storage.Serialization;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

public sealed class WebhookCodecTests
{
    [Fact]
    public async Task Restore_StateWithWebhookEndpointsAndOutbox_EqualsTheOriginal()
    {
        await using var bot = await TestBot.StartAsync();
        var now = bot.Time.GetUtcNow();
        var message = new WebhookMessage("msg_INC-1_1", WebhookKinds.Incident, "INC-1", 1, ["streaming"], now, """{"incident":{"id":"INC-1"}}""");
        await bot.Board.ExecuteAsync(
            _ => Decision.Apply(
                new WebhookEndpointAdded(Actor.System, now, "cfg_1", "https://a.example/h", "whsec_AAAA", ["streaming"], "config"),
                new WebhookEndpointAdded(Actor.System, now, "ep_2", "https://b.example/h", "whsec_BBBB", [], "api"),
                new WebhookEndpointAdded(Actor.System, now, "ep_3", "https://c.example/h", "whsec_CCCC", [], "api"),
                new WebhookEndpointRemoved(Actor.System, now, "ep_3"),
                new WebhookQueued(Actor.System, now, message),
                new WebhookEndpointDisabled(Actor.System, now, "ep_2", "HTTP 503")),
            CancellationToken.None);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));

        var w = restored.Webhooks;
        Assert.Equal(["cfg_1", "ep_2"], w.Endpoints.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("whsec_AAAA", w.Endpoints["cfg_1"].Secret);
        Assert.Equal<string>(["streaming"], w.Endpoints["cfg_1"].Services);
        Assert.Equal("HTTP 503", w.Endpoints["ep_2"].DisabledReason);
        Assert.Equal(message.Payload, w.Outbox["msg_INC-1_1"].Payload);
        Assert.Equal(1, w.IncidentVersions["INC-1"]);
        Assert.Equal(now, w.Since);
        Assert.Equal(bot.State.Sequence, restored.Sequence);
    }

    [Fact]
    public void EveryWebhookEvent_RoundTripsThroughTheJournalCodec()
    {
        var at = TestBot.Start;
        BoardEvent[] events =
        [
            new WebhookEndpointAdded(Actor.System, at, "ep_1", "https://a.example/h", "whsec_AAAA", ["api"], "api"),
            new WebhookEndpointRemoved(Actor.System, at, "ep_1"),
            new WebhookEndpointDisabled(Actor.System, at, "ep_1", "timed out"),
            new WebhookQueued(Actor.System, at, new WebhookMessage("msg_api_c1", WebhookKinds.Component, "api", 1, ["api"], at, "{}")),
        ];

        var payload = EventBatchCodec.Encode(events, 7);
        var (sequence, decoded) = EventBatchCodec.Decode(payload);

        Assert.Equal(7, sequence);
        Assert.Equal(events.Select(e => e.GetType()), decoded.Select(e => e.GetType()));
        Assert.Equal(Encoding.UTF8.GetString(payload), Encoding.UTF8.GetString(EventBatchCodec.Encode(decoded, 7)));
        Assert.Equal("msg_api_c1", ((WebhookQueued)decoded[3]).Message.Id);
    }
}
