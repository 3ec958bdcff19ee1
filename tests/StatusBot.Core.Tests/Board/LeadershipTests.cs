using System.Threading.Channels;
using StatusBot.Core.Board;

namespace StatusBot.Core.Tests.Board;

/// <summary>Work that must happen once runs while this instance leads, stops when the lead is lost, and starts again when regained.</summary>
public sealed class LeadershipTests
{
    [Fact]
    public async Task RunWhileLeader_LeadLostThenRegained_WorkCancelledThenRunAgain()
    {
        var leadership = new ScriptedLeadership();
        var runs = Channel.CreateUnbounded<CancellationToken>();
        using var stop = new CancellationTokenSource();
        var loop = leadership.RunWhileLeaderAsync(
            async leading =>
            {
                await runs.Writer.WriteAsync(leading);
                await Task.Delay(Timeout.Infinite, leading);
            },
            stop.Token);

        var firstTerm = leadership.Grant();
        var first = await runs.Reader.ReadAsync();
        Assert.False(first.IsCancellationRequested);

        await firstTerm.CancelAsync();
        Assert.True(first.IsCancellationRequested);
        Assert.False(runs.Reader.TryRead(out _));

        leadership.Grant();
        var second = await runs.Reader.ReadAsync();
        Assert.False(second.IsCancellationRequested);

        await stop.CancelAsync();
        await loop;
        Assert.True(second.IsCancellationRequested);
    }

    [Fact]
    public async Task RunWhileLeader_SoleInstance_RunsOnceUntilStopped()
    {
        var runs = 0;
        using var stop = new CancellationTokenSource();
        var loop = new SoleLeadership().RunWhileLeaderAsync(
            _ =>
            {
                Interlocked.Increment(ref runs);
                return Task.CompletedTask;
            },
            stop.Token);

        await loop;

        Assert.Equal(1, runs);
    }

    /// <summary>Grants the lead when the test says so; each grant's source, cancelled, is losing it.</summary>
    private sealed class ScriptedLeadership : ILeadership
    {
        private readonly Channel<CancellationTokenSource> _grants = Channel.CreateUnbounded<CancellationTokenSource>();

        public bool IsLeader { get; private set; }

        public CancellationTokenSource Grant()
        {
            var term = new CancellationTokenSource();
            _grants.Writer.TryWrite(term);
            return term;
        }

        public async Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
        {
            var term = await _grants.Reader.ReadAsync(cancellationToken);
            IsLeader = true;
            return term.Token;
        }
    }
}
