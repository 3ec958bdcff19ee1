using System.Collections.Immutable;

namespace StatusBot.Core.Domain;

/// <summary>A planned maintenance window (<c>MNT-n</c>); while it runs, probes of its services expecting downtime open no incident.</summary>
public sealed record Maintenance(
    string Id,
    string Title,
    ImmutableArray<string> Services,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool ExpectedDown,
    bool Cancelled)
{
    /// <summary>When it was scheduled (null in journals written before this was recorded).</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>When it was cancelled, if it was.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    public bool IsRunning(DateTimeOffset now) => !Cancelled && now >= Start && now < End;

    /// <summary>The announcement stage due at <paramref name="now"/>: 1 = a day before, 2 = ten minutes before, 3 = started, 4 = ended, 5 = cancelled.</summary>
    public int StageAt(DateTimeOffset now) =>
        Cancelled ? CancelledStage
        : now >= End ? 4
        : now >= Start ? 3
        : now >= Start - TimeSpan.FromMinutes(10) ? 2
        : now >= Start - TimeSpan.FromHours(24) ? 1
        : 0;

    public const int CancelledStage = 5;

    public static string FormatId(long number) => "MNT-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
