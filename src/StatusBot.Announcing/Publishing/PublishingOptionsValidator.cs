using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StatusBot.Core.Text;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// Refuses a broken <c>StatusBot:Publishers</c> at start, naming the key at fault: an unknown kind, a name used twice, a
/// base URL that is not http(s), a credential variable not named or not set (its value is never shown), a publisher that
/// requires approval with no admin channel to ask in.
/// </summary>
public sealed partial class PublishingOptionsValidator(AnnouncementOptions announcements, Func<string, string?>? environment = null) : IValidateOptions<PublishingOptions>
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public ValidateOptionsResult Validate(string? name, PublishingOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public IEnumerable<string> Errors(PublishingOptions options)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Publishers.Count; i++)
        {
            var p = options.Publishers[i];
            var key = $"StatusBot:Publishers:{i}";
            if (p.Platform is not ("x" or "mastodon" or "bluesky"))
            {
                yield return $"{key}:Kind must be x, mastodon or bluesky (was '{p.Kind}').";
                continue;
            }

            if (!NamePattern().IsMatch(p.EffectiveName))
            {
                yield return $"{key}:Name '{p.Name}' must be 1 to 32 letters, digits or dashes.";
            }
            else if (!names.Add(p.EffectiveName))
            {
                yield return $"{key}:Name '{p.EffectiveName}' is used by another publisher; give each a Name of its own.";
            }

            if (p.EffectiveBaseUrl.Length == 0)
            {
                yield return $"{key}:BaseUrl is required for {p.Platform} (the instance's address, e.g. https://mastodon.social).";
            }
            else if (!Uri.TryCreate(p.EffectiveBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{key}:BaseUrl '{p.BaseUrl}' must be an absolute http or https URL.";
            }

            if (!Locales.IsSupported(p.Locale))
            {
                yield return $"{key}:Locale must be one of {string.Join(", ", Locales.Supported)} (was '{p.Locale}').";
            }

            foreach (var (setting, variable) in p.CredentialKeys())
            {
                if (string.IsNullOrWhiteSpace(variable))
                {
                    yield return $"{key}:{setting} must name the environment variable that holds this credential.";
                }
                else if (string.IsNullOrEmpty(_environment(variable)))
                {
                    yield return $"{key}:{setting} names {variable}, which is not set in the environment.";
                }
            }

            if (p.RequireApproval && AdminNotices.AdminChannel(announcements.AdminChannel) is null)
            {
                yield return $"{key}:RequireApproval needs StatusBot:Announcements:AdminChannel, where drafts wait for an admin's decision (or set RequireApproval to false).";
            }
        }

        if (options.Publishers.Count > 0 && string.IsNullOrWhiteSpace(options.Web.PublicUrl))
        {
            yield return "StatusBot:Web:PublicUrl is needed by StatusBot:Publishers: every public post ends with the incident's page on it.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
