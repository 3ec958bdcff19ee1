namespace StatusBot.Monitoring;

/// <summary>The part of <c>StatusBot:Web</c> monitoring reads: the public address, named in the User-Agent of upstream polls.</summary>
public sealed class MonitoredWeb
{
    public string? PublicUrl { get; set; }
}
