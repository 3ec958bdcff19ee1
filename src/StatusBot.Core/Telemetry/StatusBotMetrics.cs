using Prometheus;

namespace StatusBot.Core.Telemetry;

/// <summary>
/// The bot's own measurements, as prometheus-net metrics in its default registry (the host serves them on <c>/metrics</c>).
/// Each metric is declared here with its Prometheus name, its label names and, for a histogram, its bucket bounds; every
/// project records through these methods.
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

    private static readonly Counter Commands = Metrics.CreateCounter(
        "statusbot_commands_total", "Commands by platform, command and outcome", "platform", "command", "outcome");

    private static readonly Histogram CommandSeconds = Metrics.CreateHistogram(
        "statusbot_command_duration_seconds",
        "Time to answer a command, including the fsync of a write",
        new HistogramConfiguration
        {
            LabelNames = ["platform", "command"],
            // 10 ms (an acknowledged update) and 50 ms (an answer) are bounds, so a percentile under them is read off exactly.
            Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 1],
        });

    private static readonly Counter SignatureFailures = Metrics.CreateCounter(
        "statusbot_signature_failures_total", "Requests refused for a bad or stale signature", "platform", "reason");

    private static readonly Histogram FsyncSeconds = Metrics.CreateHistogram(
        "statusbot_journal_fsync_duration_seconds",
        "Journal append and fsync time per group commit, and the time of each later sync that carries receipts written without one",
        new HistogramConfiguration { Buckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1] });

    private static readonly Counter Announcements = Metrics.CreateCounter(
        "statusbot_announcements_total", "Announcement deliveries by platform and outcome", "platform", "outcome");

    private static readonly Counter RateLimited = Metrics.CreateCounter(
        "statusbot_platform_rate_limited_total", "429 answers from a chat platform", "platform", "route", "global");

    private static readonly Counter DirectMessages = Metrics.CreateCounter(
        "statusbot_direct_messages_total", "Direct messages to followers by platform and outcome", "platform", "outcome");

    private static readonly Counter FollowersDropped = Metrics.CreateCounter(
        "statusbot_followers_refused_total", "Followers unfollowed because the platform refused to deliver to them", "platform");

    private static readonly Counter Probes = Metrics.CreateCounter("statusbot_probes_total", "Probe results by service and result", "service", "result");

    private static readonly Counter StoreConflicts = Metrics.CreateCounter(
        "statusbot_store_conflicts_total", "Appends refused because another instance appended first (decided again after catching up)");

    private static readonly Counter LeadershipChanges = Metrics.CreateCounter(
        "statusbot_leadership_changes_total", "Times this instance became or stopped being the leader, by direction", "direction");

    // Gauges read when scraped; absent until something is observed.
    private static readonly Gauge ReplicationLag = Metrics.CreateGauge(
        "statusbot_replication_lag_events",
        "Events in the shared store this instance has not applied yet (head sequence minus applied sequence)",
        new GaugeConfiguration { SuppressInitialValue = true });

    private static readonly Gauge Leader = Metrics.CreateGauge(
        "statusbot_leader",
        "1 while this instance does the work that must happen once (announcer, probes, polling), else 0",
        new GaugeConfiguration { SuppressInitialValue = true });

    private static readonly Counter CrowdSurges = Metrics.CreateCounter(
        "statusbot_crowd_surges_total", "Times the people asking about a service with no open incident crossed the crowd threshold", "service");

    private static readonly Gauge CrowdAskers = Metrics.CreateGauge(
        "statusbot_crowd_askers", "Distinct people who asked about the service within the crowd window", "service");

    private static readonly Gauge CrowdUsual = Metrics.CreateGauge(
        "statusbot_crowd_usual_askers", "How many distinct people usually ask about the service within the crowd window", "service");

    private static Func<long>? _replicationLag;

    private static Func<IEnumerable<(string Service, int Askers, double Usual)>>? _crowd;

    private static Func<bool>? _leader;

    static StatusBotMetrics() => Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
    {
        Read(ReplicationLag, _replicationLag is { } lag ? lag() : null);
        Read(Leader, _leader is { } leads ? (leads() ? 1 : 0) : null);
        foreach (var (service, askers, usual) in _crowd?.Invoke() ?? [])
        {
            CrowdAskers.WithLabels(service).Set(askers);
            CrowdUsual.WithLabels(service).Set(usual);
        }
    });

    private static void Read(Gauge gauge, long? value)
    {
        if (value is { } v)
        {
            gauge.Set(v);
        }
        else
        {
            gauge.Unpublish();
        }
    }

    public static void Command(string platform, string command, string outcome, double seconds)
    {
        Commands.WithLabels(platform, command, outcome).Inc();
        CommandSeconds.WithLabels(platform, command).Observe(seconds);
    }

    /// <summary>A request refused before parsing. <paramref name="reason"/> is one of <see cref="SignatureFailureReasons"/>.</summary>
    public static void SignatureFailure(string platform, string reason) =>
        SignatureFailures.WithLabels(platform, reason).Inc();

    public static void Fsync(double seconds) => FsyncSeconds.Observe(seconds);

    public static void Announcement(string platform, string outcome) =>
        Announcements.WithLabels(platform, outcome).Inc();

    /// <summary>
    /// A 429 (or Slack's <c>ratelimited</c>) from a platform's REST API. <paramref name="route"/> is a coarse, bounded label: the
    /// Slack method name or Discord's route template (never a URL with ids); <paramref name="global"/> says whether the limit
    /// was the platform-wide one.
    /// </summary>
    public static void PlatformRateLimited(string platform, string route, bool global) =>
        RateLimited.WithLabels(platform, route, global ? "true" : "false").Inc();

    /// <summary>How one direct message to a follower ended (<c>delivered</c>, <c>retrylater</c>, <c>refused</c>, <c>rejected</c>).</summary>
    public static void DirectMessage(string platform, string outcome) => DirectMessages.WithLabels(platform, outcome).Inc();

    /// <summary>A follower the platform will not let the bot write to was unfollowed.</summary>
    public static void FollowerRefused(string platform) => FollowersDropped.WithLabels(platform).Inc();

    public static void Probe(string service, string result) => Probes.WithLabels(service, result).Inc();

    public static void StoreConflict() => StoreConflicts.Inc();

    public static void LeadershipChanged(bool acquired) => LeadershipChanges.WithLabels(acquired ? "acquired" : "lost").Inc();

    /// <summary>Sets where <c>statusbot_leader</c> is read from; null removes it.</summary>
    public static void ObserveLeader(Func<bool>? leads)
    {
        _leader = leads;
    }

    /// <summary>The askers about a service crossed the crowd threshold with no incident open (a notice is owed to admins).</summary>
    public static void CrowdSurge(string service) => CrowdSurges.WithLabels(service).Inc();

    /// <summary>Sets where <c>statusbot_crowd_askers</c> and <c>statusbot_crowd_usual_askers</c> are read from when scraped.</summary>
    public static void ObserveCrowd(Func<IEnumerable<(string Service, int Askers, double Usual)>>? crowd)
    {
        _crowd = crowd;
    }

    /// <summary>Sets where <c>statusbot_replication_lag_events</c> is read from (a shared store); null removes it.</summary>
    public static void ObserveReplicationLag(Func<long>? lag)
    {
        _replicationLag = lag;
    }
}
