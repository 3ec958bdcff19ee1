namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Announcements</c> section: how automatic posts behave.</summary>
public sealed class AnnouncementsOptions
{
    /// <summary>Every open incident promises its next update within this many minutes.</summary>
    public int UpdateIntervalMinutes { get; set; } = 30;
}
