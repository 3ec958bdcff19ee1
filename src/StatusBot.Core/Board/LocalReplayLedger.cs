using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Core.Board;

/// <summary>
/// <see cref="IReplayLedger"/> in this process's memory. Each key is kept as a 128-bit digest, and claims are forgotten in
/// the order they were made once they expire, so a crowd of signed questions costs a few dozen bytes each for the
/// signature window and no scan of the whole memory.
/// </summary>
public sealed class LocalReplayLedger(TimeProvider time) : IReplayLedger
{
    private readonly ConcurrentDictionary<UInt128, long> _claims = new();
    private readonly ConcurrentQueue<(UInt128 Key, long Expires)> _byAge = new();
    private readonly Lock _forgetting = new();

    public int Count => _claims.Count;

    public ValueTask<bool> TryClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, until));

    /// <summary>The claim without a task: true the first time, false for a repeat before <paramref name="until"/>.</summary>
    public bool TryClaim(string key, DateTimeOffset until) => TryClaim(key.AsSpan(), until);

    /// <summary>The same claim for a key the caller wrote into a span of its own (the digest is the same as for the string).</summary>
    public bool TryClaim(ReadOnlySpan<char> key, DateTimeOffset until)
    {
        var now = time.GetUtcNow().UtcTicks;
        ForgetExpired(now);

        var digest = Digest(key);
        var expires = until.UtcTicks;
        while (true)
        {
            if (_claims.TryAdd(digest, expires))
            {
                _byAge.Enqueue((digest, expires));
                return true;
            }

            if (!_claims.TryGetValue(digest, out var known))
            {
                continue;
            }

            if (known > now)
            {
                return false;
            }

            // The earlier claim has expired (its signature could no longer pass): this one takes its place.
            if (_claims.TryUpdate(digest, expires, known))
            {
                _byAge.Enqueue((digest, expires));
                return true;
            }
        }
    }

    private void ForgetExpired(long now)
    {
        // Claims expire in about the order they were made (a fixed window after a timestamp the platform sent a moment
        // ago), so the oldest are at the front. One that outlives a later one is only forgotten a little late.
        // One thread forgets at a time (the others go on), so the claim it looked at is the one it takes off the queue.
        if (!_forgetting.TryEnter())
        {
            return;
        }

        try
        {
            while (_byAge.TryPeek(out var oldest) && oldest.Expires <= now)
            {
                _byAge.TryDequeue(out _);
                _claims.TryRemove(new KeyValuePair<UInt128, long>(oldest.Key, oldest.Expires));
            }
        }
        finally
        {
            _forgetting.Exit();
        }
    }

    private static UInt128 Digest(ReadOnlySpan<char> key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetByteCount(key) <= 256 ? stackalloc byte[256] : new byte[Encoding.UTF8.GetByteCount(key)];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        SHA256.HashData(bytes[..length], hash);
        return BitConverter.ToUInt128(hash[..16]);
    }
}
