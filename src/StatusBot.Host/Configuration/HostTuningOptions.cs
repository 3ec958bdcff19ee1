namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Host</c> section: how the process asks the OS to run its threads (docs/PERFORMANCE.md).</summary>
public sealed class HostTuningOptions
{
    public const string Section = "StatusBot:Host";

    /// <summary>
    /// Run the board's writer and the admin API on threads of their own that ask the OS for real-time priority (nice −10
    /// where that is refused), so an admin's update is not queued behind a crowd of chat questions.
    /// </summary>
    public bool RealTimeThreads { get; set; } = true;

    /// <summary>The setting as configured (its default when the section is absent).</summary>
    public static HostTuningOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<HostTuningOptions>() ?? new HostTuningOptions();
}
