using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Board;

namespace StatusBot.Core.Tests.Board;

public sealed class LocalReplayLedgerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryClaim_SameKeyBeforeItExpires_OnlyTheFirstClaims()
    {
        var ledger = new LocalReplayLedger(_time);
        var until = _time.GetUtcNow().AddMinutes(6);

        var first = await ledger.TryClaimAsync("k", until, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await ledger.TryClaimAsync("k", until, CancellationToken.None);
        var other = await ledger.TryClaimAsync("other", until, CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        Assert.True(other);
    }

    [Fact]
    public void TryClaim_KeyWrittenInASpan_IsTheSameClaimAsTheString()
    {
        var ledger = new LocalReplayLedger(_time);
        var until = _time.GetUtcNow().AddMinutes(6);
        Span<char> written = stackalloc char[64];
        "slack:trigger:1.2.3".CopyTo(written);

        var first = ledger.TryClaim(written[.."slack:trigger:1.2.3".Length], until);
        var again = ledger.TryClaim("slack:trigger:1.2.3", until);

        Assert.True(first);
        Assert.False(again);
    }

    [Fact]
    public async Task TryClaim_AfterTheClaimExpired_ClaimsAgain()
    {
        var ledger = new LocalReplayLedger(_time);
        await ledger.TryClaimAsync("k", _time.GetUtcNow().AddMinutes(6), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.True(await ledger.TryClaimAsync("k", _time.GetUtcNow().AddMinutes(6), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_ManyThreadsOneKey_ExactlyOneClaims()
    {
        var ledger = new LocalReplayLedger(_time);
        var until = _time.GetUtcNow().AddMinutes(6);

        var claims = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await ledger.TryClaimAsync("k", until, CancellationToken.None))));

        Assert.Single(claims, c => c);
    }

    [Fact]
    public void TryClaim_ManyKeysOverTime_ExpiredOnesAreForgotten()
    {
        var ledger = new LocalReplayLedger(_time);

        for (var i = 0; i < 20_000; i++)
        {
            ledger.TryClaim("k" + i, _time.GetUtcNow().AddSeconds(1));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(ledger.Count, 1, 4096 + 10);
    }
}
