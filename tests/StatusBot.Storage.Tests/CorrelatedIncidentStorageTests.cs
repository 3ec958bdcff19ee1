using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>An automatic incident that services joined and left, with its notes and evidence, survives a restart whole.</summary>
public sealed class CorrelatedIncidentStorageTests
{
    private static readonly string[] AllThree = ["streaming", "website", "api"];

    [Fact]
    public async Task Recover_FromTheJournal_AndFromASnapshot_KeepsServicesRecoveriesNotesEvidenceAndPhrases()
    {
        var fs = new SimulatedFileSystem();
        string fingerprint;
        await using (var bot = await TestBot.StartAsync(StorageKit.Store(fs)))
        {
            await bot.Board.ExecuteAsync(_ => Decision.Apply(Story(bot.Time.GetUtcNow())), CancellationToken.None);
            fingerprint = StorageKit.Fingerprint(bot.State);
        }

        var replayed = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);
        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(replayed, TestBot.Start)));

        Assert.Equal(fingerprint, StorageKit.Fingerprint(replayed));
        Assert.Equal(fingerprint, StorageKit.Fingerprint(restored));
        var incident = restored.Incidents["INC-1"];
        Assert.Equal(AllThree, incident.Services.Select(s => s.ServiceId));
        Assert.NotNull(incident.Services.Single(s => s.ServiceId == "website").RecoveredAt);
        Assert.Equal("Streaming, Website and API are unavailable", incident.Title);
        Assert.Equal(["Streaming: HTTP 503 in 4 ms", "Website: HTTP 503 in 4 ms"], incident.Notes.Select(n => n.Text));
        Assert.Equal(TestBot.Start + TimeSpan.FromMinutes(3), Assert.Single(incident.Evidence).AcknowledgedAt);
        Assert.Equal("Auto_Joined", incident.Timeline[1].Phrase?.Key);
        Assert.Equal("INC-1", restored.LatestIncidentByService["api"]);
    }

    private static BoardEvent[] Story(DateTimeOffset at)
    {
        var s = Actor.System;
        var elb = DemoCatalog.ElbId;
        return
        [
            new IncidentOpened(s, at, "INC-1", "Streaming is unavailable", Impact.Major, [new AffectedService("streaming", ServiceStatus.MajorOutage)], [], null, null, at, at.AddMinutes(30), null, true,
                new Phrase("Auto_Unavailable_One", [PhraseArg.Names(["Streaming"])])),
            new IncidentNoteAdded(s, at, "INC-1", "Streaming: HTTP 503 in 4 ms"),
            new IncidentEvidenceRecorded(s, at, "INC-1", new UpstreamEvidence(elb, at, null, null, null, null)),
            new IncidentServiceAdded(s, at, "INC-1", new AffectedService("website", ServiceStatus.MajorOutage), Impact.Major, "Streaming and Website are unavailable", "Website is affected too",
                new Phrase("Auto_Joined", [PhraseArg.Names(["Website"])])),
            new IncidentNoteAdded(s, at, "INC-1", "Website: HTTP 503 in 4 ms"),
            new IncidentServiceAdded(s, at, "INC-1", new AffectedService("api", ServiceStatus.MajorOutage), Impact.Major, "Streaming, Website and API are unavailable", "API is affected too",
                new Phrase("Auto_Joined", [PhraseArg.Names(["API"])])),
            new IncidentEvidenceRecorded(s, at.AddMinutes(3), "INC-1", new UpstreamEvidence(elb, at, at.AddMinutes(3), "Increased error rates", null, null)),
            new IncidentUpdated(s, at.AddMinutes(3), "INC-1", IncidentStatus.Investigating, "AWS now reports", UpdateKind.Upstream, at.AddMinutes(30),
                new Phrase("Announce_UpstreamNowReports", [PhraseArg.Of("AWS"), PhraseArg.Of("Increased error rates"), PhraseArg.Span(TimeSpan.FromMinutes(3))])),
            new IncidentServiceRecovered(s, at.AddMinutes(20), "INC-1", "website", "Website is back; Streaming and API are still affected",
                new Phrase("Auto_BackStill", [PhraseArg.Names(["Website"]), PhraseArg.Names(["Streaming", "API"])])),
        ];
    }
}
