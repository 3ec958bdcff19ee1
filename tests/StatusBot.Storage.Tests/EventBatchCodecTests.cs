using System.Text;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Storage.Serialization;

namespace StatusBot.Storage.Tests;

public sealed class EventBatchCodecTests
{
    private static readonly Actor Ada = new("slack", "U1", "Ada");
    private static readonly DateTimeOffset At = new(2012, 12, 24, 20, 45, 0, TimeSpan.Zero);

    public static TheoryData<BoardEvent> EveryEvent() =>
    [
        new BoardInitialized(Actor.System, At),
        new ServiceStatusChanged(Ada, At, "streaming", ServiceStatus.MajorOutage, "TV devices fail", "INC-1"),
        new IncidentOpened(
            Ada, At, "INC-1", "Streaming fails on many devices", Impact.Critical,
            [new AffectedService("streaming", ServiceStatus.MajorOutage)], ["TV devices", "game consoles"], 27_000_000,
            new Cause("AWS ELB failing", CauseConfidence.Suspected, "aws-elb-us-east-1"), At.AddMinutes(-10), At.AddMinutes(30), "We are on it", false),
        new IncidentUpdated(Ada, At, "INC-1", IncidentStatus.Monitoring, "Restored for most", UpdateKind.Human, At.AddMinutes(30)),
        new IncidentCauseChanged(Ada, At, "INC-1", new Cause("ELB state data deleted", CauseConfidence.Confirmed, null)),
        new IncidentResolved(Ada, At, "INC-1", null),
        new IncidentServiceAdded(
            Actor.System, At, "INC-1", new AffectedService("website", ServiceStatus.DegradedPerformance), Impact.Minor, "Streaming is unavailable; Website is slow",
            "Website is affected too", new Phrase("Auto_Joined", [PhraseArg.Names(["Website"])])),
        new IncidentServiceRecovered(
            Actor.System, At, "INC-1", "website", "Website is back; Streaming is still affected",
            new Phrase("Auto_BackStill_One", [PhraseArg.Names(["Website"]), PhraseArg.Names(["Streaming"])])),
        new IncidentNoteAdded(Actor.System, At, "INC-1", "Website: HTTP 503 in 4 ms"),
        new IncidentEvidenceRecorded(Actor.System, At, "INC-1", new UpstreamEvidence("aws-elb-us-east-1", At.AddMinutes(-3), At, "Increased error rates", null, null)),
        new IncidentUpdated(
            Actor.System, At, "INC-1", IncidentStatus.Investigating, "AWS now reports", UpdateKind.Upstream, null,
            new Phrase("Announce_UpstreamNowReports", [PhraseArg.Of("AWS"), PhraseArg.Of("Increased error rates"), PhraseArg.Span(TimeSpan.FromMinutes(3))])),
        new CrowdSurged(Actor.System, At, new CrowdSurge("streaming", At, 37, 1.4, 300)),
    ];

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Decode_EncodedEvent_RoundTripsEqual(BoardEvent e)
    {
        var payload = EventBatchCodec.Encode([e], 42);

        var (sequence, events) = EventBatchCodec.Decode(payload);

        Assert.Equal(42, sequence);
        var decoded = Assert.Single(events);
        Assert.Equal(e.GetType(), decoded.GetType());
        Assert.Equal(Encoding.UTF8.GetString(payload), Encoding.UTF8.GetString(EventBatchCodec.Encode([decoded], 42)));
    }

    [Fact]
    public void EventTypes_EveryCoreEvent_IsRegistered()
    {
        var coreEvents = typeof(BoardEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BoardEvent)) && !t.IsAbstract);

        var missing = coreEvents.Except(EventTypes.Known).Select(t => t.Name).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Decode_NewerSchemaVersion_IsRefused()
    {
        var payload = """{"v":2,"seq":1,"events":[]}"""u8.ToArray();

        var ex = Assert.Throws<SchemaTooNewException>(() => EventBatchCodec.Decode(payload));

        Assert.Equal(2, ex.Version);
        Assert.Contains("upgrade StatusBot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownEventType_IsAFormatError()
    {
        var payload = """{"v":1,"seq":1,"events":[{"type":"SomethingNew","data":{}}]}"""u8.ToArray();

        var ex = Assert.Throws<StorageFormatException>(() => EventBatchCodec.Decode(payload));

        Assert.Contains("SomethingNew", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ImmutableCollections_SurviveTheRoundTrip()
    {
        var opened = new IncidentOpened(
            Ada, At, "INC-7", "Sign-in loops", Impact.Major, [new AffectedService("sign-in", ServiceStatus.PartialOutage)],
            ["TV devices", "game consoles"], null, null, At, null, null, Automatic: true);

        var decoded = (IncidentOpened)EventBatchCodec.Decode(EventBatchCodec.Encode([opened], 1)).Events[0];

        Assert.Equal(opened.Segments, decoded.Segments, StringComparer.Ordinal);
        Assert.Equal(opened.Services.ToArray(), decoded.Services.ToArray());
        Assert.Equal(opened.Cause, decoded.Cause);
    }
}
