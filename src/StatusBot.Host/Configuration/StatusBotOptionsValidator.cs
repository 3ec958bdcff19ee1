using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StatusBot.Core.Commands;
using StatusBot.Core.State;

namespace StatusBot.Host.Configuration;

/// <summary>Refuses a broken configuration at start, naming the exact key at fault (<c>StatusBot:Services:2:Id</c>).</summary>
public sealed partial class StatusBotOptionsValidator : IValidateOptions<StatusBotOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusBotOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The <c>StatusBot:Webhooks</c> section: each endpoint's URL (https, public addresses only), secret and services, and the limits.</summary>
    private static IEnumerable<string> WebhookErrors(StatusBotOptions o)
    {
        const string root = StatusBotOptions.Section + ":Webhooks";
        var w = o.Webhooks;
        var services = o.Services.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < w.Endpoints.Count; i++)
        {
            var e = w.Endpoints[i];
            if (Webhooks.WebhookAddresses.CheckAsync(e.Url, w.AllowPrivateNetworks, w.AllowHttp, CancellationToken.None).GetAwaiter().GetResult() is { } url)
            {
                yield return $"{root}:Endpoints:{i}:Url '{e.Url}' {url}.";
            }

            if (Webhooks.WebhookSecrets.Check(e.Secret) is { } secret)
            {
                yield return $"{root}:Endpoints:{i}:Secret {secret}.";
            }

            foreach (var (service, n) in e.Services.Select((s, n) => (s, n)).Where(s => !services.Contains(s.s)))
            {
                yield return $"{root}:Endpoints:{i}:Services:{n} '{service}' is not a configured service id.";
            }
        }

        if (w.TimeoutSeconds is < 1 or > 120)
        {
            yield return $"{root}:TimeoutSeconds must be between 1 and 120 (was {w.TimeoutSeconds}).";
        }

        if (w.MaxParallelSends is < 1 or > 1000)
        {
            yield return $"{root}:MaxParallelSends must be between 1 and 1000 (was {w.MaxParallelSends}).";
        }

        if (w.MaxBackoffSeconds is < 1 or > 86_400)
        {
            yield return $"{root}:MaxBackoffSeconds must be between 1 and 86400 (was {w.MaxBackoffSeconds}).";
        }

        if (w.DisableAfterHours is < 1 or > 168)
        {
            yield return $"{root}:DisableAfterHours must be between 1 and 168 (was {w.DisableAfterHours}).";
        }

        if (w.DeliveryLogSize is < 1 or > 1000)
        {
            yield return $"{root}:DeliveryLogSize must be between 1 and 1000 (was {w.DeliveryLogSize}).";
        }
    }

    public static IEnumerable<string> Errors(StatusBotOptions o)
    {
        const string root = StatusBotOptions.Section;
        if (!Locales.IsSupported(o.Locale))
        {
            yield return $"{root}:Locale must be one of {string.Join(", ", Locales.Supported)} (was '{o.Locale}').";
        }

        if (o.Announcements.UpdateIntervalMinutes is < 1 or > 1440)
        {
            yield return $"{root}:Announcements:UpdateIntervalMinutes must be between 1 and 1440 (was {o.Announcements.UpdateIntervalMinutes}).";
        }

        if (o.Web.PublicUrl.Length > 0 && !PublicAddress.IsHttpUrl(o.Web.PublicUrl))
        {
            yield return $"{root}:Web:PublicUrl '{o.Web.PublicUrl}' must be an absolute http or https URL.";
        }

        if (string.IsNullOrWhiteSpace(o.Web.PageName) || o.Web.PageName.Length > 80)
        {
            yield return $"{root}:Web:PageName must be 1 to 80 characters.";
        }

        if (o.RateLimit.CommandsPerMinute is < 0 or > 6000 || o.RateLimit.Burst is < 0 or > 1000
            || (o.RateLimit.CommandsPerMinute > 0 && o.RateLimit.Burst == 0))
        {
            yield return $"{root}:RateLimit: CommandsPerMinute must be 0 (off) to 6000 and Burst 1 to 1000 when it is on (were {o.RateLimit.CommandsPerMinute} and {o.RateLimit.Burst}).";
        }

        if (o.Chat.GroupWindowSeconds is < 0 or > 3600)
        {
            yield return $"{root}:Chat:GroupWindowSeconds must be 0 (off) to 3600 (was {o.Chat.GroupWindowSeconds}).";
        }

        if (o.Chat.ChannelMessagesPerMinute is < 0 or > 60)
        {
            yield return $"{root}:Chat:ChannelMessagesPerMinute must be 0 (no limit) to 60 (was {o.Chat.ChannelMessagesPerMinute}).";
        }

        if (o.Chat.RepliesPerThread is < 0 or > 100)
        {
            yield return $"{root}:Chat:RepliesPerThread must be 0 (reactions only) to 100 (was {o.Chat.RepliesPerThread}).";
        }

        foreach (var error in o.Crowd.Errors($"{root}:Crowd"))
        {
            yield return error;
        }

        foreach (var error in WebhookErrors(o))
        {
            yield return error;
        }

        if (o.Admin.FailedTokensPerMinute is < 0 or > 10_000)
        {
            yield return $"{root}:Admin:FailedTokensPerMinute must be 0 (off) to 10000 (was {o.Admin.FailedTokensPerMinute}).";
        }

        foreach (var error in CheckTokens($"{root}:Admin:ApiTokens", o.Admin.ApiTokens).Concat(CheckTokens($"{root}:Hooks:Alertmanager:ApiTokens", o.Hooks.Alertmanager.ApiTokens)))
        {
            yield return error;
        }

        if (!LabelName().IsMatch(o.Hooks.Alertmanager.ServiceLabel))
        {
            yield return $"{root}:Hooks:Alertmanager:ServiceLabel '{o.Hooks.Alertmanager.ServiceLabel}' must be a Prometheus label name (letters, digits, underscores).";
        }

        if (o.Services.Count == 0)
        {
            yield return $"{root}:Services is empty: configure at least one service (see config/statusbot.json).";
        }

        var upstreamIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < o.Upstreams.Count; i++)
        {
            var u = o.Upstreams[i];
            var key = $"{root}:Upstreams:{i}";
            foreach (var error in CheckIdAndName(key, u.Id, u.Name))
            {
                yield return error;
            }

            if (!upstreamIds.Add(u.Id))
            {
                yield return $"{key}:Id '{u.Id}' is used twice.";
            }

            if (u.WebhookTokenSha256 is { } hash && !IsSha256(hash))
            {
                yield return $"{key}:WebhookTokenSha256 must be the 64-hex-digit SHA-256 of the webhook token (printf %s \"$TOKEN\" | sha256sum).";
            }
            else if (u.WebhookTokenSha256 is { } h && o.Upstreams.Take(i).Any(p => string.Equals(p.WebhookTokenSha256, h, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{key}:WebhookTokenSha256 is also another upstream's: each upstream needs its own webhook token.";
            }

            if (u.FeedUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return $"{key}:FeedUrl '{url}' must be an absolute http or https URL.";
            }
        }

        var serviceIds = o.Services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < o.Services.Count; i++)
        {
            var s = o.Services[i];
            var key = $"{root}:Services:{i}";
            foreach (var error in CheckIdAndName(key, s.Id, s.Name))
            {
                yield return error;
            }

            // Every id, name and alias must point at one service only, or "status video" would be ambiguous.
            foreach (var (word, what) in new[] { (s.Id, "Id"), (s.Name, "Name") }.Concat(s.Aliases.Select((a, j) => (a, $"Aliases:{j}"))))
            {
                var normalized = ServiceIndex.Normalize(word ?? "");
                if (normalized.Length == 0)
                {
                    if (what.StartsWith("Aliases", StringComparison.Ordinal))
                    {
                        yield return $"{key}:{what} is empty.";
                    }

                    continue;
                }

                if (!names.TryGetValue(normalized, out var owner))
                {
                    names[normalized] = s.Id;
                }
                else if (owner != s.Id)
                {
                    yield return $"{key}:{what} '{word}' is already used by service '{owner}'.";
                }
            }

            for (var j = 0; j < s.DependsOn.Count; j++)
            {
                var dependency = s.DependsOn[j];
                if (!upstreamIds.Contains(dependency) && !serviceIds.Contains(dependency))
                {
                    yield return $"{key}:DependsOn:{j} '{dependency}' is neither an upstream nor a service id.";
                }
            }
        }

        if (serviceIds.Count != o.Services.Count)
        {
            yield return $"{root}:Services has duplicate ids.";
        }
    }

    private static IEnumerable<string> CheckTokens(string key, List<ApiTokenOptions> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (string.IsNullOrWhiteSpace(token.Name) || token.Name.Length > 60)
            {
                yield return $"{key}:{i}:Name must be 1 to 60 characters (it is recorded as the actor).";
            }

            if (!IsSha256(token.Sha256))
            {
                yield return $"{key}:{i}:Sha256 must be the 64-hex-digit SHA-256 of the token (printf %s \"$TOKEN\" | sha256sum).";
            }
        }
    }

    private static bool IsSha256(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);

    private static IEnumerable<string> CheckIdAndName(string key, string id, string name)
    {
        if (string.IsNullOrWhiteSpace(id) || !Slug().IsMatch(id))
        {
            yield return $"{key}:Id '{id}' must be a lowercase slug: letters, digits and dashes, at most 40 characters.";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            yield return $"{key}:Name is required.";
        }
        else if (name.Length > 60 || CommandBinder.HasForbiddenCharacters(name, allowNewLines: false))
        {
            yield return $"{key}:Name must be at most 60 characters, without control characters.";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]{0,99}$")]
    private static partial Regex LabelName();
}
