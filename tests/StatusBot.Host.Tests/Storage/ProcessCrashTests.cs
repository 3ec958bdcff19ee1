using StatusBot.Testing.Storage;

namespace StatusBot.Host.Tests.Storage;

/// <summary>
/// kill -9 at random moments while admin commands are acknowledged through <c>statusbot chat</c>: after a restart every
/// acknowledged incident is there. <c>bench/StatusBot.StorageBench crash --trials 1000</c> runs the same harness longer.
/// </summary>
public sealed class ProcessCrashTests
{
    private const int Trials = 20;

    [Fact]
    public async Task Chat_KilledAtRandomMoments_KeepsEveryAcknowledgedUpdate()
    {
        var harness = new CrashHarness(RepoPaths.StatusbotDll, RepoPaths.DefaultConfig);

        await AssertNothingLostAsync(Trials, seed => harness.RunTrialAsync(seed, CancellationToken.None));
    }

    /// <summary>Runs the trials (seeds 1..<paramref name="trials"/>) and fails with every acknowledged command that went missing.</summary>
    internal static async Task AssertNothingLostAsync(int trials, Func<int, Task<CrashHarness.TrialResult>> trial)
    {
        var acknowledged = 0;
        var problems = new List<string>();
        for (var seed = 1; seed <= trials; seed++)
        {
            var result = await trial(seed);
            acknowledged += result.Acknowledged;
            if (result.Error is not null)
            {
                problems.Add($"trial {seed}: {result.Error}");
            }

            problems.AddRange(result.Missing.Select(m => $"trial {seed}: acknowledged '{m}' is missing after restart"));
        }

        Assert.Empty(problems);
        Assert.True(acknowledged >= trials, $"only {acknowledged} commands were acknowledged across {trials} trials");
    }
}
