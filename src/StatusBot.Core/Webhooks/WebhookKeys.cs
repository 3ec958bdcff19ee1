namespace StatusBot.Core.Webhooks;

/// <summary>Keys of webhook recipients and messages, as the delivery ledger keeps them.</summary>
public static class WebhookKeys
{
    public const string RecipientPrefix = "webhook:";

    public const string MessagePrefix = "wh_";

    public static string Recipient(string endpointId) => RecipientPrefix + endpointId;

    public static bool IsWebhook(string recipientKey) => recipientKey.StartsWith(RecipientPrefix, StringComparison.Ordinal);

    /// <summary><c>whsec_…abcd</c>: enough to tell two secrets apart, never enough to sign.</summary>
    public static string Mask(string secret) => secret.Length <= 10 ? "whsec_…" : "whsec_…" + secret[^4..];
}
