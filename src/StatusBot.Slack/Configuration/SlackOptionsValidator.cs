using Microsoft.Extensions.Options;

namespace StatusBot.Slack.Configuration;

/// <summary>Refuses to start with a Slack configuration that cannot work (a malformed base URL, shortcuts that are not commands).</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            failures.Add($"StatusBot:Slack:ApiBaseUrl must be an absolute http(s) URL (was '{options.ApiBaseUrl}').");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicUrl)
            && !(Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUri) && publicUri.Scheme is "http" or "https"))
        {
            failures.Add($"StatusBot:Slack:PublicUrl '{options.PublicUrl}' must be an absolute http or https URL.");
        }

        if (!options.CommandName.StartsWith('/') || options.CommandName.Length < 2 || options.CommandName.Contains(' ', StringComparison.Ordinal))
        {
            failures.Add($"StatusBot:Slack:CommandName must look like /statusbot (was '{options.CommandName}').");
        }

        foreach (var (command, target) in options.Shortcuts)
        {
            if (!command.StartsWith('/') || string.IsNullOrWhiteSpace(target))
            {
                failures.Add($"StatusBot:Slack:Shortcuts: '{command}' must start with / and map to a catalog command.");
            }
            else if (!SlackCommandText.IsCatalogPrefix(target))
            {
                failures.Add($"StatusBot:Slack:Shortcuts: '{command}' maps to '{target}', which is not a catalog command.");
            }
        }

        if (options.WorkspaceMessagesPerSecond <= 0 || options.MaxRetries < 0 || options.MaxRateLimitWaits < 0 || options.RequestTimeoutSeconds <= 0)
        {
            failures.Add("StatusBot:Slack: WorkspaceMessagesPerSecond and RequestTimeoutSeconds must be positive, MaxRetries and MaxRateLimitWaits not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
