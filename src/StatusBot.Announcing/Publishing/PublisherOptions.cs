namespace StatusBot.Announcing.Publishing;

/// <summary>
/// One public timeline (<c>StatusBot:Publishers:n</c>): an X, Mastodon or Bluesky account that posts an incident's
/// thread. Credentials are never in the configuration: the <c>…Env</c> keys name the environment variables that hold them.
/// </summary>
public sealed class PublisherOptions
{
    /// <summary><c>x</c>, <c>mastodon</c> or <c>bluesky</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The name admins see in drafts and logs; defaults to the kind. Unique among publishers.</summary>
    public string Name { get; set; } = "";

    /// <summary>The API's address: X <c>https://api.x.com</c>, Bluesky <c>https://bsky.social</c> by default; Mastodon's instance is required.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The services whose incidents go to this timeline; every service when empty.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>The language of the posts (<c>en</c>, <c>fr</c>, <c>de</c>, <c>es</c>, <c>pt-BR</c>, <c>ja</c>).</summary>
    public string Locale { get; set; } = "en";

    /// <summary>When true (the default) nothing is posted before an admin approves it in the admin channel.</summary>
    public bool RequireApproval { get; set; } = true;

    /// <summary>Mastodon: the variable holding the access token (scope <c>write:statuses</c>).</summary>
    public string TokenEnv { get; set; } = "";

    /// <summary>X: the variables holding the app's consumer key and secret and the account's access token and secret (OAuth 1.0a).</summary>
    public string ConsumerKeyEnv { get; set; } = "";

    public string ConsumerSecretEnv { get; set; } = "";

    public string AccessTokenEnv { get; set; } = "";

    public string AccessTokenSecretEnv { get; set; } = "";

    /// <summary>Bluesky: the variables holding the account's handle (or DID) and an app password.</summary>
    public string IdentifierEnv { get; set; } = "";

    public string AppPasswordEnv { get; set; } = "";

    /// <summary>The name, or the kind when no name is set.</summary>
    public string EffectiveName => Name.Length > 0 ? Name : Kind.ToLowerInvariant();

    public string Platform => Kind.ToLowerInvariant();

    /// <summary>The configured base URL, or the platform's own.</summary>
    public string EffectiveBaseUrl => (BaseUrl.Length > 0 ? BaseUrl : Platform switch
    {
        "x" => "https://api.x.com",
        "bluesky" => "https://bsky.social",
        _ => "",
    }).TrimEnd('/');

    /// <summary>The configuration keys of the credentials this kind needs, with the variable each names.</summary>
    public IEnumerable<(string Key, string Variable)> CredentialKeys() => Platform switch
    {
        "x" => [(nameof(ConsumerKeyEnv), ConsumerKeyEnv), (nameof(ConsumerSecretEnv), ConsumerSecretEnv), (nameof(AccessTokenEnv), AccessTokenEnv), (nameof(AccessTokenSecretEnv), AccessTokenSecretEnv)],
        "mastodon" => [(nameof(TokenEnv), TokenEnv)],
        "bluesky" => [(nameof(IdentifierEnv), IdentifierEnv), (nameof(AppPasswordEnv), AppPasswordEnv)],
        _ => [],
    };
}
