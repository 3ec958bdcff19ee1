namespace StatusBot.Host.Configuration;

/// <summary>One entry of <c>StatusBot:Services</c>.</summary>
public sealed class ServiceOptions
{
    /// <summary>Short lowercase slug people type (<c>streaming</c>, <c>sign-in</c>).</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Other words people use for it ("video", "netflix").</summary>
    public List<string> Aliases { get; set; } = [];

    public string? Group { get; set; }

    /// <summary>Ids of the upstreams (or other services) it depends on.</summary>
    public List<string> DependsOn { get; set; } = [];
}
