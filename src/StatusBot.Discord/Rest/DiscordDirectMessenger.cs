using StatusBot.Core.Announcing;
using StatusBot.Core.Following;

namespace StatusBot.Discord.Rest;

/// <summary>
/// Opens direct message channels on Discord (<c>POST /users/@me/channels</c>). Whether the user accepts the bot's messages
/// shows when one is posted: Discord then answers 403 with code 50007, which the publisher reports as gone.
/// </summary>
internal sealed class DiscordDirectMessenger(DiscordRestClient rest) : IDirectMessenger
{
    /// <summary>Discord's "Cannot send messages to this user".</summary>
    public const int CannotMessageUser = 50007;

    public string Platform => "discord";

    public async Task<PublishResult> OpenAsync(DirectRecipient recipient, CancellationToken cancellationToken)
    {
        var result = await rest.OpenDirectChannelAsync(recipient.UserId, cancellationToken);
        if (result.IsSuccess && result.Value?.Id is { Length: > 0 } id)
        {
            return PublishResult.Delivered(id);
        }

        var error = $"HTTP {(int)result.Status}{(result.Code is { } code ? $" code {code}" : "")}: {result.Error}";
        return result.IsTransient ? PublishResult.Retry(result.RetryAfter, error)
            : result.Code == CannotMessageUser || result.Status is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound ? PublishResult.Gone(error)
            : PublishResult.Rejected(error);
    }
}
