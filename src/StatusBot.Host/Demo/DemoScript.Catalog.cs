using StatusBot.Core.Domain;

namespace StatusBot.Host.Demo;

/// <summary>The services and the upstream of the story.</summary>
public sealed partial class DemoScript
{
    private static class Catalog
    {
        public static IReadOnlyList<UpstreamDefinition> Upstreams { get; } =
        [
            new(ElbId, "AWS Elastic Load Balancing (us-east-1)", null, ["Elastic Load Balancing (N. Virginia)"]),
        ];

        public static IReadOnlyList<ServiceDefinition> Services { get; } =
        [
            new("streaming", "Streaming", ["video", "netflix", "playback"], "Watch", [ElbId]),
            new("website", "Website", ["site", "web"], "Browse", [ElbId]),
            new("api", "API", ["public api"], "Developers", [ElbId]),
            new("sign-in", "Sign-in", ["login"], "Account", []),
        ];
    }
}
