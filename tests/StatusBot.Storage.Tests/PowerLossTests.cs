using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>
/// Simulated power loss: random commands, a cut at a random I/O operation (tearing the write in flight), unsynced
/// bytes and directory entries dropped at random, then recovery. Every acknowledged command must come back, none
/// half-applied, and the recovered state must equal the fold of the whole batches that survived; every receipt the
/// delivery ledger acknowledged must come back too.
/// </summary>
public sealed class PowerLossTests
{
    private const int Trials = 10_000;

    [Fact]
    public async Task Recover_AfterRandomPowerCuts_LosesNothingAcknowledgedAndAppliesNothingByHalves()
    {
        var failures = new List<string>();
        var cuts = 0;
        var acknowledged = 0;

        for (var seed = 1; seed <= Trials; seed++)
        {
            var outcome = await PowerLossTrial.RunAsync(seed);
            cuts += outcome.Cut ? 1 : 0;
            acknowledged += outcome.Acknowledged;
            if (outcome.Recovered.Sequence < outcome.AcknowledgedSequence)
            {
                failures.Add($"seed {seed}: acknowledged up to {outcome.AcknowledgedSequence}, recovered {outcome.Recovered.Sequence}");
            }
            else if (outcome.Candidates.Count == 0)
            {
                failures.Add($"seed {seed}: recovered sequence {outcome.Recovered.Sequence} falls inside a batch (half-applied)");
            }
            else if (outcome.AcknowledgedReceipts.FirstOrDefault(r => outcome.RecoveredReceipts.Last.GetValueOrDefault(r.Key) != r) is { } lost)
            {
                failures.Add($"seed {seed}: the acknowledged receipt of {lost.AnnouncementId} in {lost.ChannelKey} did not come back");
            }
            else if (!outcome.Candidates.Any(c => StorageKit.Fingerprint(c) == StorageKit.Fingerprint(outcome.Recovered)))
            {
                failures.Add($"seed {seed}: recovered state differs from every fold of whole batches up to {outcome.Recovered.Sequence}");
            }

            if (failures.Count >= 5)
            {
                break;
            }
        }

        Assert.Empty(failures);
        Assert.True(cuts > Trials / 2, $"only {cuts} of {Trials} trials reached their power cut");
        Assert.True(acknowledged > Trials, $"only {acknowledged} commands were acknowledged in {Trials} trials");
    }
}
