using Microsoft.Extensions.Options;

namespace StatusBot.Discord;

/// <summary>Refuses to start with a Discord configuration that cannot work (a malformed key, a relative API URL).</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (options.InteractionsEnabled && !IsHex(options.PublicKey!.Trim(), 64))
        {
            failures.Add("StatusBot:Discord:PublicKey must be the application's public key: 64 hexadecimal characters.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("StatusBot:Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.ApplicationId) && !IsSnowflake(options.ApplicationId))
        {
            failures.Add("StatusBot:Discord:ApplicationId must be a numeric snowflake.");
        }

        if (options.AdminRoleIds.Concat(options.AdminUserIds).Any(id => !IsSnowflake(id)))
        {
            failures.Add("StatusBot:Discord:AdminRoleIds and AdminUserIds must hold numeric snowflakes.");
        }

        if (options.UseGateway && string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("StatusBot:Discord:UseGateway needs StatusBot:Discord:BotToken.");
        }

        if (options.DeferAfterMilliseconds is < 0 or > 2500)
        {
            failures.Add("StatusBot:Discord:DeferAfterMilliseconds must be between 0 and 2500 (Discord waits 3 s).");
        }

        if (options.RequestTimeoutSeconds is <= 0 or > 120)
        {
            failures.Add("StatusBot:Discord:RequestTimeoutSeconds must be between 0 and 120.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigit);

    private static bool IsSnowflake(string? text) => !string.IsNullOrWhiteSpace(text) && text.Length <= 20 && text.All(char.IsAsciiDigit);
}
