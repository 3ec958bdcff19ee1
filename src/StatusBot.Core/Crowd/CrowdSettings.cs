namespace StatusBot.Core.Crowd;

/// <summary>
/// When the crowd is worth telling admins about (<c>StatusBot:Crowd</c>): at least <see cref="Threshold"/> distinct people
/// asking about one service within <see cref="Window"/>, and at least <see cref="Factor"/> times that service's usual number
/// of askers in such a window. After a notice, the service has none again until its askers fall below the threshold and
/// <see cref="Cooldown"/> has passed. A <see cref="Threshold"/> of 0 turns the counting off.
/// </summary>
public sealed record CrowdSettings(int Threshold, double Factor, TimeSpan Window, TimeSpan Cooldown)
{
    public static CrowdSettings Default { get; } = new(20, 5, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));

    public bool IsOn => Threshold > 0;
}
