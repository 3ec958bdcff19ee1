namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Hooks</c> section: inbound alert webhooks. Statuspage webhooks are set per upstream (<c>WebhookTokenSha256</c>).</summary>
public sealed class HooksOptions
{
    public AlertmanagerHookOptions Alertmanager { get; set; } = new();
}
