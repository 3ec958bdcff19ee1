using StatusBot.Core.Domain;

namespace StatusBot.Testing;

/// <summary>The services and upstream of the default configuration, for tests that need a realistic board.</summary>
public static class DemoCatalog
{
    public const string ElbId = "aws-elb-us-east-1";

    public static IReadOnlyList<UpstreamDefinition> Upstreams { get; } =
    [
        new(ElbId, "AWS Elastic Load Balancing (us-east-1)", "https://status.example.test/elb.rss", ["Elastic Load Balancing (N. Virginia)"]),
    ];

    public static IReadOnlyList<ServiceDefinition> Services { get; } =
    [
        new("streaming", "Streaming", ["video", "netflix", "stream", "playback"], "Watch", [ElbId]),
        new("website", "Website", ["site", "web", "site web", "homepage"], "Browse", [ElbId]),
        new("api", "API", ["public api", "developer api"], "Developers", [ElbId]),
        new("billing", "Billing", ["payments", "payment", "paiement", "facturation"], "Account", []),
        new("sign-in", "Sign-in", ["login", "log in", "signin", "connexion", "authentication"], "Account", []),
    ];
}
