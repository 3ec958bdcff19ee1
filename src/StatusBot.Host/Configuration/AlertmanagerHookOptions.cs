namespace StatusBot.Host.Configuration;

/// <summary>
/// <c>StatusBot:Hooks:Alertmanager</c>: who may post to <c>POST /hooks/alertmanager</c> (bearer tokens stored as SHA-256,
/// as for the admin API; without any the route does not exist) and which alert label names the service.
/// </summary>
public sealed class AlertmanagerHookOptions
{
    public List<ApiTokenOptions> ApiTokens { get; set; } = [];

    /// <summary>The label whose value is a service id, name or alias (default <c>service</c>).</summary>
    public string ServiceLabel { get; set; } = "service";
}
