namespace StatusBot.Core.Webhooks;

/// <summary>What a webhook message tells: an incident's change (<c>incident</c>) or a component's status change (<c>component</c>).</summary>
public static class WebhookKinds
{
    public const string Incident = "incident";

    public const string Component = "component";
}
