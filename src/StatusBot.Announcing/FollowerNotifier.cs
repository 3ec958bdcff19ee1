using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Following;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>
/// Tells followers by direct message. One pass (<see cref="RunAsync"/>): queue one durable event per incident change
/// owed to followers (<see cref="FollowerPlanner"/>; the reducer derives the audience), then send to every recipient not
/// settled in the <see cref="IDeliveryLedger"/>, concurrently, and record each outcome there. After a restart the fan-outs
/// are in the recovered board and the outcomes in the ledger, so exactly the unsettled recipients are sent to, with the
/// same idempotency key (Discord's nonce; on Slack the direct message channel is searched for it first). A follower the
/// platform refuses is unfollowed. It runs apart from the announcer, so a fan-out to thousands never holds up channel posts.
/// </summary>
public sealed partial class FollowerNotifier(
    StatusBoard board,
    IEnumerable<IDirectMessenger> messengers,
    IEnumerable<IChatPublisher> publishers,
    FollowOptions options,
    FollowerMessages messages,
    TimeProvider time,
    ILogger<FollowerNotifier> logger,
    IDeliveryLedger? ledger = null) : LedgerOutboxWorker(ledger, "direct messages to followers", logger)
{
    private readonly Dictionary<string, IDirectMessenger> _messengers = messengers.ToDictionary(m => m.Platform, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChatPublisher> _publishers = publishers.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Backoff> _backoff = new(StringComparer.Ordinal);

    // The direct message channel of each recipient, from the ledger's receipts and from channels opened by this process,
    // so a channel is opened once per person, not once per message.
    private readonly ConcurrentDictionary<string, string> _channels = new(StringComparer.Ordinal);

    // Deliveries an earlier attempt may have made without the receipt being recorded (pending at start, or a timeout).
    private readonly ConcurrentDictionary<string, bool> _uncertain = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override async Task<DateTimeOffset> RunAsync(DeliveryBook book, bool firstPass, CancellationToken cancellationToken)
    {
        LearnChannels(book);
        var committed = await board.ExecuteAsync(
            s => Decision.Apply([.. FollowerPlanner.Settle(s, book, time.GetUtcNow()), .. FollowerPlanner.Queue(s, time.GetUtcNow())]),
            cancellationToken);
        var state = committed.State;
        var unsettled = Unsettled(state, book).ToList();
        if (firstPass)
        {
            foreach (var (fanOut, recipient) in unsettled)
            {
                _uncertain[Key(fanOut, recipient)] = true;
            }
        }

        var now = time.GetUtcNow();
        var due = unsettled.Where(w => !_backoff.TryGetValue(Key(w.FanOut, w.Recipient), out var b) || b.NotBefore <= now).ToList();
        var followers = state.Following.Follows.Values.Select(f => f.Recipient.Key).ToHashSet(StringComparer.Ordinal);

        // One lane per platform (per workspace on Slack), each with its own senders: every platform has limits of its own,
        // so a platform's messages never wait behind another's, nor one workspace's behind another's.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelSends), CancellationToken = cancellationToken };
        await Task.WhenAll(due.GroupBy(w => (w.Recipient.Recipient.Platform, w.Recipient.Recipient.WorkspaceId)).Select(lane =>
            Parallel.ForEachAsync(lane, parallel, async (work, ct) => await ClaimAndSendAsync(work.FanOut, work.Recipient, followers.Contains(work.Recipient.Key), ct))));

        // Sent something: look again at once, to settle finished fan-outs and start the ones queued meanwhile.
        var later = time.GetUtcNow();
        return due.Count > 0 ? later : _backoff.Values.Select(b => b.NotBefore).Append(later + TimeSpan.FromSeconds(30)).Min();
    }

    /// <summary>Every recipient not settled yet, each in the oldest fan-out that still owes them a message.</summary>
    public static IEnumerable<(FanOut FanOut, FanOutRecipient Recipient)> Unsettled(BoardState state, DeliveryBook book) =>
        state.Following.FanOuts.Values
            .OrderBy(f => f.QueuedAt)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .SelectMany(f => f.Audience.Where(r => !FollowerPlanner.IsSettled(book, f, r.Key)).Select(r => (FanOut: f, Recipient: r)))
            // One message at a time per person: a newer one recorded before an older would make the older look unsent.
            .DistinctBy(w => w.Recipient.Key, StringComparer.Ordinal);

    /// <inheritdoc/>
    protected override void OnTakeOver() => _backoff.Clear();

    /// <summary>The recipients still owed a message, for tools and tests.</summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken) =>
        Unsettled(board.Current, await Ledger.ReadAsync(cancellationToken)).Count();

    private void LearnChannels(DeliveryBook book)
    {
        foreach (var receipt in book.Last.Values)
        {
            if (receipt.Delivered && receipt.ThreadId is { Length: > 0 } channel && RecipientKeys.IsDirect(receipt.ChannelKey))
            {
                _channels.TryAdd(receipt.ChannelKey, channel);
            }
        }
    }

    private static string Key(FanOut fanOut, FanOutRecipient recipient) => OutboxKeys.Of(fanOut.Subject, recipient.Key);

    private sealed record Backoff(int Attempts, DateTimeOffset NotBefore);
}
