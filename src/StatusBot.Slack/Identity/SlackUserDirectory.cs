using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StatusBot.Core.Timing;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Identity;

/// <summary>
/// <c>users.info</c> answers cached for <see cref="SlackOptions.UserCacheMinutes"/>. A failed lookup is not cached and
/// gives null, which callers read as "not an admin, default locale".
/// </summary>
public sealed class SlackUserDirectory(ISlackWebApi api, IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<SlackUser?>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failed = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromMinutes(options.Value.UserCacheMinutes);

    /// <summary>The cached user, without any I/O (null when unknown or expired).</summary>
    public SlackUser? Cached(string userId) =>
        _cache.TryGetValue(userId, out var entry) && entry.Expires > time.GetUtcNow() ? entry.User : null;

    /// <summary>Background lookups in flight at most: an outage crowd of new askers must not become a storm of
    /// <c>users.info</c> calls (a Tier 4 method, about 100 a minute); the rest are answered in the default language.</summary>
    public const int MaxWarmingLookups = 16;

    /// <summary>
    /// Background lookups started per minute at most, after a burst of <see cref="MaxWarmingLookups"/>: well under the
    /// method's limit, which admin checks (never skipped) share. Found by the outage-night load test: 10,000 new askers in
    /// two seconds made 8,000 calls that Slack would have answered with 429 and that cost the bot CPU it needed to answer.
    /// </summary>
    public const int WarmingLookupsPerMinute = 60;

    private readonly Lock _budgetGate = new();
    private double _budget = MaxWarmingLookups;
    private long _budgetAt = time.GetTimestamp();

    /// <summary>
    /// Starts a lookup in the background so the next answer has the user's language, unless the user is known or being
    /// looked up, one failed in the last minute (a user Slack does not know must not cost a <c>users.info</c> call per
    /// question), <see cref="MaxWarmingLookups"/> are already in flight, or this minute's budget
    /// (<see cref="WarmingLookupsPerMinute"/>) is spent.
    /// </summary>
    public void Warm(string userId)
    {
        if (Cached(userId) is not null || _pending.ContainsKey(userId) ||
            (_failed.TryGetValue(userId, out var at) && time.GetUtcNow() - at < FailureMemory) || _pending.Count >= MaxWarmingLookups ||
            !TakeWarmingBudget())
        {
            return;
        }

        _ = GetAsync(userId, CancellationToken.None);
    }

    /// <summary>The user, from the cache or one <c>users.info</c> call shared by concurrent askers.</summary>
    public Task<SlackUser?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        if (Cached(userId) is { } cached)
        {
            return Task.FromResult<SlackUser?>(cached);
        }

        if (!options.Value.CanPost)
        {
            return Task.FromResult<SlackUser?>(null);
        }

        // The entry is in place before the lookup starts and removed (exactly that entry) after it ends, even when the
        // API answers synchronously, so concurrent askers share one call and none is left behind.
        var lookup = new TaskCompletionSource<SlackUser?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _pending.GetOrAdd(userId, lookup.Task);
        if (shared == lookup.Task)
        {
            _ = LookUpAsync(userId, lookup, cancellationToken);
        }

        return shared;
    }

    private async Task LookUpAsync(string userId, TaskCompletionSource<SlackUser?> lookup, CancellationToken cancellationToken)
    {
        SlackUser? found = null;
        try
        {
            var result = await api.UsersInfoAsync(userId, cancellationToken);
            if (result is { Ok: true, User: { } user })
            {
                found = user;
                _cache[userId] = new Entry(user, time.GetUtcNow() + _ttl);
                _failed.TryRemove(userId, out _);
            }
            else
            {
                _failed[userId] = time.GetUtcNow();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            // Not cached: the next question tries again; meanwhile "not an admin, default language".
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, Task<SlackUser?>>(userId, lookup.Task));
            lookup.TrySetResult(found);
        }
    }

    private bool TakeWarmingBudget()
    {
        lock (_budgetGate)
        {
            var now = time.GetTimestamp();
            _budget = TokenBucket.Refill(_budget, time.GetElapsedTime(_budgetAt, now), WarmingLookupsPerMinute / 60.0, MaxWarmingLookups);
            _budgetAt = now;
            if (_budget < 1)
            {
                return false;
            }

            _budget--;
            return true;
        }
    }

    private static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(1);

    private sealed record Entry(SlackUser User, DateTimeOffset Expires);
}
