using StatusBot.Core.Crowd;

namespace StatusBot.Host.Configuration;

/// <summary>
/// The <c>StatusBot:Crowd</c> section: when the people asking about a service are worth telling admins about. A notice goes
/// to the admin channel when at least <see cref="Threshold"/> distinct people ask about a service with no open incident
/// within <see cref="WindowMinutes"/>, and that is at least <see cref="Factor"/> times its usual number; the next one for
/// that service waits until the askers fall below the threshold and <see cref="CooldownMinutes"/> have passed.
/// <see cref="Threshold"/> 0 turns the counting off.
/// </summary>
public sealed class CrowdOptions
{
    public int Threshold { get; set; } = CrowdSettings.Default.Threshold;

    public double Factor { get; set; } = CrowdSettings.Default.Factor;

    public int WindowMinutes { get; set; } = (int)CrowdSettings.Default.Window.TotalMinutes;

    public int CooldownMinutes { get; set; } = (int)CrowdSettings.Default.Cooldown.TotalMinutes;

    public CrowdSettings ToSettings() =>
        new(Threshold, Factor, TimeSpan.FromMinutes(WindowMinutes), TimeSpan.FromMinutes(CooldownMinutes));

    /// <summary>One sentence per bad value, naming its key.</summary>
    public IEnumerable<string> Errors(string section)
    {
        if (Threshold is < 0 or > CrowdWatch.MaxAskersPerService)
        {
            yield return $"{section}:Threshold must be 0 (off) to {CrowdWatch.MaxAskersPerService} distinct askers (was {Threshold}).";
        }

        if (!double.IsFinite(Factor) || Factor is < 1 or > 1000)
        {
            yield return $"{section}:Factor must be between 1 and 1000 times the usual number of askers (was {Factor}).";
        }

        if (WindowMinutes is < 1 or > 60)
        {
            yield return $"{section}:WindowMinutes must be between 1 and 60 (was {WindowMinutes}).";
        }

        if (CooldownMinutes is < 0 or > 1440)
        {
            yield return $"{section}:CooldownMinutes must be between 0 and 1440 (was {CooldownMinutes}).";
        }
    }
}
