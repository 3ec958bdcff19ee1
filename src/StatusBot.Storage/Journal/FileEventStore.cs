using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Telemetry;
using StatusBot.Storage.Files;
using StatusBot.Storage.Serialization;

namespace StatusBot.Storage.Journal;

/// <summary>
/// The embedded store: an append-only journal of group commits in segment files, plus periodic snapshots. An append
/// returns only after its bytes are fsynced; a failed append is cut back off the file so the journal never holds a
/// half-written record followed by good ones.
/// </summary>
/// <remarks>
/// <para>With <paramref name="lockDirectory"/>, recovery first takes the data directory's single-writer lock.</para>
/// </remarks>
public sealed partial class FileEventStore(
    IFileSystem files,
    string directory,
    long segmentBytes,
    TimeProvider time,
    ILogger<FileEventStore> logger,
    bool lockDirectory = false) : IEventStore, IDisposable
{
    private readonly Lock _gate = new();

    // Held around every use of the open segment: appends come from whoever holds the board's writer role, closing from the
    // host's thread.
    private readonly Lock _fileGate = new();
    private readonly List<(long FirstSequence, string Name)> _segments = [];
    private IAppendFile? _current;
    private long _nextSequence = 1;
    private bool _rollRequested;
    private string? _broken;
    private long _lastSnapshot;
    private DataDirectoryLock? _lock;

    public string Directory => directory;

    /// <summary>The sequence of the newest snapshot written or loaded (0 for none).</summary>
    public long LastSnapshotSequence => Volatile.Read(ref _lastSnapshot);

    public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken)
    {
        if (lockDirectory)
        {
            _lock ??= DataDirectoryLock.Acquire(directory);
        }

        files.CreateDirectory(directory);

        var recovery = new JournalRecovery(files, directory, logger);
        var (state, segments, snapshotSequence) = recovery.Recover(initial);
        lock (_gate)
        {
            _segments.Clear();
            _segments.AddRange(segments);
        }

        _lastSnapshot = snapshotSequence;
        _nextSequence = state.Sequence + 1;
        if (segments.Count > 0)
        {
            _current = files.OpenAppend(Path.Combine(directory, segments[^1].Name));
        }
        else
        {
            StartSegment(_nextSequence);
        }

        return ValueTask.FromResult(state);
    }

    public ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            throw new InvalidOperationException("The store has not been recovered.");
        }

        if (firstSequence != _nextSequence)
        {
            throw new InvalidOperationException($"Expected sequence {_nextSequence}, got {firstSequence}.");
        }

        var record = RecordFraming.Frame(EventBatchCodec.Encode(events, firstSequence));
        lock (_fileGate)
        {
            if (_broken is { } reason)
            {
                throw new StorageException("the journal is in an unknown state after an earlier failure (" + reason + "); restart StatusBot");
            }

            if (_rollRequested || _current.Length >= segmentBytes)
            {
                StartSegment(firstSequence);
            }

            var goodLength = _current.Length;
            var started = Stopwatch.GetTimestamp();
            try
            {
                _current.Write(record);
                _current.Sync();
                StatusBotMetrics.Fsync(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                Rollback(goodLength, ex);
                throw;
            }
        }

        _nextSequence += events.Count;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes a snapshot of <paramref name="state"/> (temp file, fsync, rename, directory fsync), keeps it and the one
    /// before as a fallback, and deletes the journal segments that the older of the two fully covers.
    /// </summary>
    public void WriteSnapshot(BoardState state)
    {
        var record = RecordFraming.Frame(Snapshots.SnapshotCodec.Encode(state, time.GetUtcNow()));
        var temp = Path.Combine(directory, JournalFiles.SnapshotTemp);
        files.WriteAndSync(temp, record);
        files.Rename(temp, Path.Combine(directory, JournalFiles.Snapshot(state.Sequence)));
        files.SyncDirectory(directory);
        Volatile.Write(ref _lastSnapshot, state.Sequence);
        LogSnapshot(logger, state.Sequence, record.Length);

        var snapshots = JournalFiles.Snapshots(files.ListFiles(directory));
        var keep = snapshots.TakeLast(2).ToList();
        foreach (var old in snapshots.SkipLast(2))
        {
            files.Delete(Path.Combine(directory, old.Name));
        }

        // The fallback snapshot must still be able to reach the present through the journal.
        var fallback = keep.Count == 2 ? keep[0].Sequence : 0;
        List<string> obsolete;
        lock (_gate)
        {
            obsolete = [];
            for (var i = 0; i + 1 < _segments.Count && _segments[i + 1].FirstSequence - 1 <= fallback; i++)
            {
                obsolete.Add(_segments[i].Name);
            }

            _segments.RemoveAll(s => obsolete.Contains(s.Name));
            _rollRequested = true;
        }

        foreach (var name in obsolete)
        {
            files.Delete(Path.Combine(directory, name));
        }

        files.SyncDirectory(directory);
    }

    public void Dispose()
    {
        lock (_fileGate)
        {
            _current?.Dispose();
            _lock?.Dispose();
        }
    }

    private void StartSegment(long firstSequence)
    {
        var name = JournalFiles.Segment(firstSequence);
        var next = files.OpenAppend(Path.Combine(directory, name));
        files.SyncDirectory(directory);
        _current?.Dispose();
        _current = next;
        lock (_gate)
        {
            if (_segments.Count == 0 || _segments[^1].Name != name)
            {
                _segments.Add((firstSequence, name));
            }

            _rollRequested = false;
        }
    }

    private void Rollback(long goodLength, Exception cause)
    {
        try
        {
            _current!.TruncateTo(goodLength);
        }
        catch (Exception ex)
        {
            _broken = cause.Message;
            LogRollbackFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot at sequence {Sequence} written ({Bytes} bytes)")]
    private static partial void LogSnapshot(ILogger logger, long sequence, int bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "A failed journal write could not be cut back off; refusing further writes until restart")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);
}
