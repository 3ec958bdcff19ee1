namespace StatusBot.Announcing;

/// <summary>A channel from the configuration: <c>slack</c> or <c>discord</c>, its id, the team or guild, the services it wants (all when empty), its language.</summary>
public sealed class ChannelOptions
{
    public string Platform { get; set; } = "";

    public string ChannelId { get; set; } = "";

    public string? WorkspaceId { get; set; }

    public List<string> Services { get; set; } = [];

    public string Locale { get; set; } = "en";
}
