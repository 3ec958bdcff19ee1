namespace StatusBot.Announcing.Publishing;

/// <summary>
/// The <c>StatusBot:Publishers</c> list, with <c>StatusBot:Web:PublicUrl</c> for the incident links that end every
/// public post.
/// </summary>
public sealed class PublishingOptions
{
    public const string Section = "StatusBot";

    public List<PublisherOptions> Publishers { get; set; } = [];

    public PublishedWeb Web { get; set; } = new();

    /// <summary>The link to an incident's page on the public status page.</summary>
    public string IncidentLink(string incidentId) =>
        Web.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') + "/incidents/" + Uri.EscapeDataString(incidentId) : "";
}

/// <summary><c>StatusBot:Web</c>, for its <c>PublicUrl</c>.</summary>
public sealed class PublishedWeb
{
    public string? PublicUrl { get; set; }
}
