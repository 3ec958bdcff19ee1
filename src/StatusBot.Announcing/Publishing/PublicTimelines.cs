using StatusBot.Core.Announcing;
using StatusBot.Core.Publishing;

namespace StatusBot.Announcing.Publishing;

/// <summary>The configured public timelines: each publisher's settings with the client that posts to it, and the incident links' address.</summary>
public sealed class PublicTimelines(PublishingOptions options, IEnumerable<IPublicTimeline> clients)
{
    private readonly Dictionary<string, IPublicTimeline> _clients = clients.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The name of the HTTP client every timeline posts with.</summary>
    public const string HttpClientName = "StatusBot.Publishers";

    public static PublicTimelines None { get; } = new(new PublishingOptions(), []);

    public PublishingOptions Options => options;

    public IReadOnlyList<PublisherOptions> Publishers => options.Publishers;

    public IPublicTimeline? Client(string publisher) => _clients.GetValueOrDefault(publisher);

    /// <summary>The outbox channel key of a publisher's timeline.</summary>
    public static string KeyOf(PublisherOptions publisher) => PublicSubjects.TimelineKey(publisher.Platform, publisher.EffectiveName);

    /// <summary>
    /// The clients of the configured publishers, credentials read from the environment variables the configuration names
    /// (checked at start by <see cref="PublishingOptionsValidator"/>).
    /// </summary>
    public static IEnumerable<IPublicTimeline> Create(PublishingOptions options, Func<HttpClient> http, TimeProvider time, Func<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        foreach (var p in options.Publishers)
        {
            string Secret(string variable) => env(variable) ?? "";
            yield return p.Platform switch
            {
                "x" => new XTimeline(http(), p, new OAuth1Credentials(Secret(p.ConsumerKeyEnv), Secret(p.ConsumerSecretEnv), Secret(p.AccessTokenEnv), Secret(p.AccessTokenSecretEnv)), time),
                "mastodon" => new MastodonTimeline(http(), p, Secret(p.TokenEnv), time),
                _ => new BlueskyTimeline(http(), p, Secret(p.IdentifierEnv), Secret(p.AppPasswordEnv), time),
            };
        }
    }
}
