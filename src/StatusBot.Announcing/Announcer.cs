using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusBot.Announcing.Publishing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>
/// The announcer. One pass (<see cref="RunAsync"/>): add configured channels, post holding updates that fell due,
/// put every owed announcement in the board's outbox (durable before anything is sent), then send what is pending and
/// record each outcome in the <see cref="IDeliveryLedger"/>. After a restart the outbox is in the recovered board and the
/// cards in the ledger, so pending posts are resent with the same idempotency key and posted cards are edited, never
/// posted again.
/// </summary>
public sealed partial class Announcer(
    StatusBoard board,
    IEnumerable<IChatPublisher> publishers,
    AnnouncementOptions options,
    AnnouncementRenderer renderer,
    CadencePlanner cadence,
    TimeProvider time,
    ILogger<Announcer> logger,
    IDeliveryLedger? ledger = null,
    PublicTimelines? timelines = null) : LedgerOutboxWorker(ledger, "channel posts", logger)
{
    private readonly PublicTimelines _timelines = timelines ?? PublicTimelines.None;
    private readonly Dictionary<string, IChatPublisher> _publishers = publishers.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Backoff> _backoff = new(StringComparer.Ordinal);
    private readonly ChannelSubscription? _admin = AdminNotices.AdminChannel(options.AdminChannel);

    // Announcements an earlier attempt may have posted without the receipt being recorded: those pending when this process
    // started (it may have been killed between a post and its receipt), and those whose last attempt failed in a way that
    // does not say nothing was posted (timeout, 5xx). Keyed by announcement id and channel.
    private readonly ConcurrentDictionary<string, bool> _uncertain = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs one pass with the ledger as read at its start: one round trip to the board's writer (configured channels,
    /// holding updates and the outbox entries owed, decided together on the latest state), then each outcome recorded in
    /// the ledger; only a channel found gone goes back to the board.
    /// </summary>
    protected override async Task<DateTimeOffset> RunAsync(DeliveryBook book, bool firstPass, CancellationToken cancellationToken)
    {
        if (firstPass)
        {
            // Pending when this instance started or took over: the previous announcer may have posted them.
            foreach (var pending in book.Pending(board.Current.Announcements))
            {
                _uncertain[UncertainKey(pending)] = true;
            }
        }

        var committed = await board.ExecuteAsync(s => Decision.Apply(Plan(s, book, time.GetUtcNow())), cancellationToken);

        var now = time.GetUtcNow();
        var due = book.Pending(committed.State.Announcements)
            .Where(e => !_backoff.TryGetValue(e.Key, out var b) || b.NotBefore <= now)
            .OrderBy(e => e.QueuedAt)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelSends), CancellationToken = cancellationToken },
            async (entry, ct) => await ClaimAndSendAsync(entry, book, ct));

        return NextWake(board.Current, time.GetUtcNow());
    }

    /// <inheritdoc/>
    protected override void OnTakeOver() => _backoff.Clear();

    /// <summary>The announcements not delivered nor given up yet.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        [.. (await Ledger.ReadAsync(cancellationToken)).Pending(board.Current.Announcements)];

    /// <summary>The status card of every subject in every channel it reached.</summary>
    public async Task<IReadOnlyList<PostedCard>> CardsAsync(CancellationToken cancellationToken) =>
        [.. (await Ledger.ReadAsync(cancellationToken)).Cards(board.Current.Announcements)];

    /// <summary>
    /// The pass's decisions on <paramref name="state"/>: subscriptions for configured channels, then the holding updates
    /// due (with those channels), then what is owed (with those updates), each step seeing the events before it.
    /// </summary>
    private List<BoardEvent> Plan(BoardState state, DeliveryBook book, DateTimeOffset now)
    {
        var channels = AnnouncementPlanner.ConfiguredChannels(state, options.Channels, now);
        state = Fold(state, channels);
        var holding = cadence.Due(state, now);
        state = Fold(state, holding);
        List<BoardEvent> queued = [.. AnnouncementPlanner.Queue(state, book, now), .. AdminNotices.Queue(state, book, _admin, now)];
        var drafts = PublicPlanner.Plan(Fold(state, queued), _timelines, _admin, renderer, now);
        return [.. channels, .. holding, .. queued, .. drafts];
    }

    private static BoardState Fold(BoardState state, IReadOnlyList<BoardEvent> events)
    {
        foreach (var e in events)
        {
            state = StateReducer.Apply(state, e);
        }

        return state;
    }

    /// <summary>The soonest of: a retry, a holding update, a maintenance stage, or the poll interval.</summary>
    private DateTimeOffset NextWake(BoardState state, DateTimeOffset now)
    {
        var candidates = new List<DateTimeOffset> { now + TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)) };
        candidates.AddRange(_backoff.Values.Select(b => b.NotBefore));
        if (CadencePlanner.NextDue(state) is { } cadenceDue)
        {
            candidates.Add(cadenceDue);
        }

        foreach (var m in state.Announcements.Scheduled.Where(m => m.End > now))
        {
            candidates.AddRange(new[] { m.Start - TimeSpan.FromHours(24), m.Start - TimeSpan.FromMinutes(10), m.Start, m.End }.Where(t => t > now));
        }

        return candidates.Min();
    }

    private sealed record Backoff(int Attempts, DateTimeOffset NotBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} is gone ({Error}): announcements there are disabled; re-subscribe it once the bot has access again{Told}")]
    private static partial void LogChannelGone(ILogger logger, string channel, string? error, string told);

    [LoggerMessage(Level = LogLevel.Error, Message = "The admin channel {Channel} is gone ({Error}): admins cannot be told there; check StatusBot:Announcements:AdminChannel")]
    private static partial void LogAdminChannelGone(ILogger logger, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcement {Announcement} to {Channel} was rejected ({Error}); it will not be retried")]
    private static partial void LogRejected(ILogger logger, string announcement, string channel, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcement {Announcement} to {Channel} must wait ({Error}); attempt {Attempt}, next at {NotBefore:O}")]
    private static partial void LogRetry(ILogger logger, string announcement, string channel, string? error, int attempt, DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No publisher for platform {Platform}: announcements to {Channel} stay pending")]
    private static partial void LogNoPublisher(ILogger logger, string platform, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcement {Announcement} to {Channel} is being sent by another instance")]
    private static partial void LogHeldElsewhere(ILogger logger, string announcement, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcement {Announcement} to {Channel} failed")]
    private static partial void LogSendFailed(ILogger logger, string announcement, string channel, Exception exception);

    private static Actor Bot => Actor.System;
}
