namespace StatusBot.Core.Domain;

/// <summary>Who caused an event: a platform user, the console operator, or the bot itself.</summary>
public sealed record Actor(string Platform, string UserId, string DisplayName)
{
    /// <summary>The bot acting on its own (monitors, cadence timers).</summary>
    public static Actor System { get; } = new("system", "statusbot", "StatusBot");

    public override string ToString() => $"{DisplayName} ({Platform}:{UserId})";
}
