using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// Starts a lookup in the background so the next answer has the user's language, unless one failed in the last
    /// minute (a user Slack does not know must not cost a <c>users.info</c> call per question).
    /// </summary>
    public void Warm(string userId)
    {
        if (_failed.TryGetValue(userId, out var at) && time.GetUtcNow() - at < FailureMemory)
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

        return _pending.GetOrAdd(userId, id => LookUpAsync(id, cancellationToken));
    }

    private async Task<SlackUser?> LookUpAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await api.UsersInfoAsync(userId, cancellationToken);
            if (result is { Ok: true, User: { } user })
            {
                _cache[userId] = new Entry(user, time.GetUtcNow() + _ttl);
                _failed.TryRemove(userId, out _);
                return user;
            }

            _failed[userId] = time.GetUtcNow();
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(userId, out _);
        }
    }

    private static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(1);

    private sealed record Entry(SlackUser User, DateTimeOffset Expires);
}
