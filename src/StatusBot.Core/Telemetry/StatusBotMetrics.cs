using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StatusBot.Core.Telemetry;

/// <summary>
/// The bot's own measurements, as .NET metrics (the host exports them on <c>/metrics</c> in Prometheus format). Every
/// project records here, so Core needs no exporter and tests can listen with a <see cref="MeterListener"/>.
/// </summary>
public static class StatusBotMetrics
{
    /// <summary>The reasons a signed request is refused (the label values of <c>statusbot_signature_failures_total</c>).</summary>
    public static class SignatureFailureReasons
    {
        /// <summary>Headers missing or not in the expected form.</summary>
        public const string Malformed = "malformed";

        /// <summary>The timestamp is too far from now (a replay, or a clock off by minutes).</summary>
        public const string Stale = "stale";

        /// <summary>The signature does not match the body.</summary>
        public const string Mismatch = "mismatch";

        /// <summary>The body could not be read whole, or is larger than any genuine request.</summary>
        public const string Body = "body";

        /// <summary>A correctly signed request already received (a replay): answered without running it again.</summary>
        public const string Replay = "replay";
    }

    public const string MeterName = "StatusBot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("statusbot_commands", description: "Commands by platform, command and outcome");

    private static readonly Histogram<double> CommandSeconds = Meter.CreateHistogram<double>(
        "statusbot_command_duration", "s", "Time to answer a command, including the fsync of a write",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    private static readonly Counter<long> SignatureFailures = Meter.CreateCounter<long>("statusbot_signature_failures", description: "Requests refused for a bad or stale signature");

    private static readonly Histogram<double> FsyncSeconds = Meter.CreateHistogram<double>(
        "statusbot_journal_fsync_duration", "s", "Journal append and fsync time per group commit, and the time of each later sync that carries receipts written without one",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1] });

    private static readonly Counter<long> Announcements = Meter.CreateCounter<long>("statusbot_announcements", description: "Announcement deliveries by platform and outcome");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("statusbot_platform_rate_limited", description: "429 answers from a chat platform");

    private static readonly Counter<long> Probes = Meter.CreateCounter<long>("statusbot_probes", description: "Probe results by service and result");

    private static readonly Counter<long> StoreConflicts = Meter.CreateCounter<long>(
        "statusbot_store_conflicts", description: "Appends refused because another instance appended first (decided again after catching up)");

    private static readonly Counter<long> LeadershipChanges = Meter.CreateCounter<long>(
        "statusbot_leadership_changes", description: "Times this instance became or stopped being the leader, by direction");

    private static Func<long>? _replicationLag;

    private static readonly ObservableGauge<long> ReplicationLag = Meter.CreateObservableGauge(
        "statusbot_replication_lag_events",
        () => _replicationLag is { } lag ? [new Measurement<long>(lag())] : Array.Empty<Measurement<long>>(),
        description: "Events in the shared store this instance has not applied yet (head sequence minus applied sequence)");

    private static Func<bool>? _leader;

    private static readonly ObservableGauge<long> Leader = Meter.CreateObservableGauge(
        "statusbot_leader",
        () => _leader is { } leads ? [new Measurement<long>(leads() ? 1 : 0)] : Array.Empty<Measurement<long>>(),
        description: "1 while this instance does the work that must happen once (announcer, probes, polling), else 0");

    public static void Command(string platform, string command, string outcome, double seconds)
    {
        var tags = new TagList { { "platform", platform }, { "command", command }, { "outcome", outcome } };
        Commands.Add(1, tags);
        CommandSeconds.Record(seconds, new TagList { { "platform", platform }, { "command", command } });
    }

    /// <summary>A request refused before parsing. <paramref name="reason"/> is one of <see cref="SignatureFailureReasons"/>.</summary>
    public static void SignatureFailure(string platform, string reason) =>
        SignatureFailures.Add(1, new TagList { { "platform", platform }, { "reason", reason } });

    public static void Fsync(double seconds) => FsyncSeconds.Record(seconds);

    public static void Announcement(string platform, string outcome) =>
        Announcements.Add(1, new TagList { { "platform", platform }, { "outcome", outcome } });

    /// <summary>
    /// A 429 (or Slack's <c>ratelimited</c>) from a platform's REST API. <paramref name="route"/> is a coarse, bounded label: the
    /// Slack method name or Discord's route template (never a URL with ids); <paramref name="global"/> says whether the limit
    /// was the platform-wide one.
    /// </summary>
    public static void PlatformRateLimited(string platform, string route, bool global) =>
        RateLimited.Add(1, new TagList { { "platform", platform }, { "route", route }, { "global", global ? "true" : "false" } });

    public static void Probe(string service, string result) => Probes.Add(1, new TagList { { "service", service }, { "result", result } });

    public static void StoreConflict() => StoreConflicts.Add(1);

    public static void LeadershipChanged(bool acquired) => LeadershipChanges.Add(1, new TagList { { "direction", acquired ? "acquired" : "lost" } });

    /// <summary>Sets where <c>statusbot_leader</c> is read from; null removes it.</summary>
    public static void ObserveLeader(Func<bool>? leads)
    {
        _ = Leader;
        _leader = leads;
    }

    /// <summary>Sets where <c>statusbot_replication_lag_events</c> is read from (a shared store); null removes it.</summary>
    public static void ObserveReplicationLag(Func<long>? lag)
    {
        _ = ReplicationLag;
        _replicationLag = lag;
    }
}
