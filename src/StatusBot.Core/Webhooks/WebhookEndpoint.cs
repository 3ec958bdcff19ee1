using System.Collections.Immutable;

namespace StatusBot.Core.Webhooks;

/// <summary>
/// A partner's URL that receives signed webhooks for the services listed (every service when empty). <see cref="Source"/>
/// is <c>config</c> (from <c>StatusBot:Webhooks:Endpoints</c>) or <c>api</c> (added through the admin API). It receives the
/// changes queued from <see cref="AddedAt"/> on. <see cref="DisabledReason"/> is set once it failed for a day.
/// </summary>
public sealed record WebhookEndpoint(
    string Id,
    string Url,
    string Secret,
    ImmutableArray<string> Services,
    string Source,
    DateTimeOffset AddedAt,
    string? DisabledReason = null,
    DateTimeOffset? DisabledAt = null)
{
    public bool IsActive => DisabledReason is null;

    /// <summary>The recipient key of this endpoint in the delivery ledger (<c>webhook:&lt;id&gt;</c>).</summary>
    public string Key => WebhookKeys.Recipient(Id);

    /// <summary>True when the endpoint wants news of any of <paramref name="serviceIds"/>.</summary>
    public bool Wants(IEnumerable<string> serviceIds) => Services.IsDefaultOrEmpty || serviceIds.Any(Services.Contains);

    /// <summary>The URL without its query and user info, which may hold a receiver's token: for notices and logs.</summary>
    public string DisplayUrl => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : "?";

    /// <summary>The secret as lists and logs may show it: its scheme and last four characters.</summary>
    public string MaskedSecret => WebhookKeys.Mask(Secret);
}
