using StatusBot.Core.Commands;

namespace StatusBot.Host.Configuration;

/// <summary>
/// The <c>StatusBot:RateLimit</c> section: how many commands and questions one chat user (per platform) may send.
/// Each user has a bucket of <see cref="Burst"/> commands refilled at <see cref="CommandsPerMinute"/>; admins are not
/// limited. <see cref="CommandsPerMinute"/> 0 turns the limit off (a load test from a handful of user ids needs that).
/// </summary>
public sealed class RateLimitOptions
{
    public int CommandsPerMinute { get; set; } = RateLimitSettings.Default.PerMinute;

    public int Burst { get; set; } = RateLimitSettings.Default.Burst;

    public RateLimitSettings ToSettings() => new(CommandsPerMinute, Burst);
}
