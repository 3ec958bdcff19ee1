namespace StatusBot.Host.Configuration;

/// <summary>
/// The <c>StatusBot:Webhooks</c> section: partners' URLs that receive signed webhooks (Statuspage's payloads, Standard
/// Webhooks signatures) when incidents and components change. See docs/WEBHOOKS.md.
/// </summary>
public sealed class WebhooksOptions
{
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>
    /// Lets endpoints resolve to loopback, private, link-local and other internal addresses, and use plain http. Off by
    /// default: an endpoint may only reach the public internet over https.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Lets endpoints use plain http (still to public addresses only unless <see cref="AllowPrivateNetworks"/>); for development.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long one attempt may take (connect, send, answer), in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How many deliveries are in flight at once, across endpoints.</summary>
    public int MaxParallelSends { get; set; } = 64;

    /// <summary>The longest wait between two attempts, in seconds (the wait doubles from 1 s, with jitter).</summary>
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>An endpoint that still fails a delivery this many hours after it was queued is disabled.</summary>
    public int DisableAfterHours { get; set; } = 24;

    /// <summary>How many recent attempts the admin API shows per endpoint.</summary>
    public int DeliveryLogSize { get; set; } = 50;
}

/// <summary>One configured endpoint: where, the <c>whsec_</c> secret it verifies with, and the services it wants (all when empty).</summary>
public sealed class WebhookEndpointOptions
{
    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";

    public List<string> Services { get; set; } = [];
}
