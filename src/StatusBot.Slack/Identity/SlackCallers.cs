using System.Globalization;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Identity;

/// <summary>
/// Who a Slack user is to the core: an admin when listed in <see cref="SlackOptions.AdminUserIds"/> or a workspace
/// admin/owner per <c>users.info</c>; their language from <c>users.info</c>, else <see cref="SlackOptions.Locale"/> (which a
/// question in another language overrides).
/// </summary>
public sealed class SlackCallers(SlackUserDirectory directory, IOptions<SlackOptions> options) : ICallerLookup
{
    public const string Platform = "slack";

    /// <summary>A Slack channel with the workspace (team) it was seen in, when Slack said.</summary>
    public static ChannelRef Channel(string channelId, string? teamId) => new(Platform, channelId, teamId is { Length: > 0 } ? teamId : null);

    private readonly HashSet<string> _admins = new(options.Value.AdminUserIds, StringComparer.Ordinal);
    private readonly CultureInfo _defaultCulture = Locales.Resolve(options.Value.Locale);

    /// <summary>
    /// Resolves the caller. With <paramref name="needsAdmin"/> false nothing waits on the network: a user not in the cache
    /// is answered in the default language while the cache is warmed for next time.
    /// </summary>
    public async Task<Caller> ResolveAsync(string userId, string? userName, bool needsAdmin, CancellationToken cancellationToken)
    {
        var user = directory.Cached(userId);
        if (user is null && needsAdmin)
        {
            user = await directory.GetAsync(userId, cancellationToken);
        }
        else if (user is null)
        {
            directory.Warm(userId);
        }

        return Of(userId, userName, user, null);
    }

    private Caller Of(string userId, string? userName, SlackUser? user, ChannelRef? channel)
    {
        var listed = _admins.Contains(userId);
        var name = user?.Name ?? (string.IsNullOrWhiteSpace(userName) ? userId : userName);
        var own = user?.Locale is { Length: > 0 };
        var culture = own ? Locales.Resolve(user!.Locale, _defaultCulture) : _defaultCulture;
        return new Caller(new Actor(Platform, userId, name), listed || user?.IsWorkspaceAdmin == true, culture, channel) { CultureIsDefault = !own };
    }

    /// <summary>
    /// The caller as far as is known without waiting on the network (the user cache, the configured admins); the
    /// pipeline asks <see cref="LookUpAsync"/> when a command needs an admin and this does not show one.
    /// </summary>
    public Caller Quick(string userId, string? userName, ChannelRef? channel)
    {
        var user = directory.Cached(userId);
        if (user is null)
        {
            directory.Warm(userId);
        }

        return Of(userId, userName, user, channel);
    }

    /// <summary>Looks the caller up in Slack (<c>users.info</c>) unless already cached: keeps the actor's channel.</summary>
    public async Task<Caller> LookUpAsync(Caller caller, CancellationToken cancellationToken)
    {
        var user = directory.Cached(caller.Actor.UserId) ?? await directory.GetAsync(caller.Actor.UserId, cancellationToken);
        return Of(caller.Actor.UserId, caller.Actor.DisplayName, user, caller.Channel);
    }
}
