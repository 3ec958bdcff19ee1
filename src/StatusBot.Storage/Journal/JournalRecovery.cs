using Microsoft.Extensions.Logging;
using StatusBot.Core.State;
using StatusBot.Storage.Files;
using StatusBot.Storage.Serialization;
using StatusBot.Storage.Snapshots;

namespace StatusBot.Storage.Journal;

/// <summary>
/// Rebuilds the state at start: the newest snapshot that reads back whole (falling back to the one before), then every
/// journal record after it. A torn or corrupt tail of the last segment is cut off with a warning; damage anywhere
/// else, a gap in the sequence, or data from a newer schema stops the start with a message instead of losing events.
/// </summary>
internal sealed partial class JournalRecovery(IFileSystem files, string directory, ILogger logger)
{
    public (BoardState State, List<(long FirstSequence, string Name)> Segments, long SnapshotSequence) Recover(BoardState initial)
    {
        var names = files.ListFiles(directory);
        if (names.Contains(JournalFiles.SnapshotTemp))
        {
            // A snapshot that was being written when the process stopped; the previous ones are intact.
            files.Delete(Path.Combine(directory, JournalFiles.SnapshotTemp));
        }

        var (state, snapshotSequence) = LoadSnapshot(initial, names);
        var segments = JournalFiles.Segments(names).ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            if (!last && segments[i + 1].Sequence - 1 <= state.Sequence)
            {
                continue;
            }

            state = Replay(state, segments[i].Name, last);
        }

        return (state, segments, snapshotSequence);
    }

    private (BoardState, long) LoadSnapshot(BoardState initial, IReadOnlyList<string> names)
    {
        foreach (var (sequence, name) in JournalFiles.Snapshots(names).Reverse())
        {
            var path = Path.Combine(directory, name);
            try
            {
                var data = files.ReadAllBytes(path);
                if (!RecordFraming.TryRead(data, 0, out var payload, out var end, out var reason) || end != data.Length)
                {
                    throw new StorageFormatException(reason ?? "trailing bytes after the snapshot");
                }

                var restored = SnapshotCodec.Read(initial, payload, sequence);
                LogSnapshotLoaded(logger, name, sequence);
                return (restored, sequence);
            }
            catch (SchemaTooNewException ex)
            {
                throw new StorageException($"Snapshot {path} cannot be read: {ex.Message}.", ex);
            }
            catch (Exception ex) when (ex is StorageFormatException or IOException)
            {
                LogSnapshotSkipped(logger, path, ex.Message);
            }
        }

        return (initial, 0);
    }

    private BoardState Replay(BoardState state, string name, bool last)
    {
        var path = Path.Combine(directory, name);
        var data = files.ReadAllBytes(path);

        // First the frames (cheap: lengths and checksums), then the JSON of every record decoded in parallel (the cost
        // of a restart is mostly JSON), then the fold, in order, on one thread.
        var records = new List<(long Offset, int Start, int Length)>();
        long offset = 0;
        while (RecordFraming.TryRead(data, offset, out var payload, out var next, out var reason) || reason is not null)
        {
            if (IsZeroedSpace(data, offset))
            {
                // Space the store zeroed ahead of its writes (a process that stopped without closing the segment): the
                // end of the records, not damage. Cut it off the last segment, so that appends go on from here.
                if (last)
                {
                    files.Truncate(path, offset);
                }

                break;
            }

            if (reason is not null)
            {
                if (!last)
                {
                    throw new StorageException(
                        $"Journal segment {path} is damaged at offset {offset} ({reason}) and later segments follow it; " +
                        "events would be lost. Restore the data directory from a backup, or move this segment and the ones after it away to start from the last good point.");
                }

                LogTornTail(logger, path, offset, reason, data.Length - offset);
                files.Truncate(path, offset);
                break;
            }

            records.Add((offset, (int)offset + RecordFraming.HeaderSize, payload.Length));
            offset = next;
        }

        var batches = new (long First, List<Core.Events.BoardEvent> Events)[records.Count];
        var failures = new Exception?[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            try
            {
                batches[i] = EventBatchCodec.Decode(data.AsSpan(records[i].Start, records[i].Length));
            }
            catch (StorageFormatException ex)
            {
                failures[i] = ex;
            }
        });

        for (var i = 0; i < records.Count; i++)
        {
            var at = records[i].Offset;
            switch (failures[i])
            {
                case SchemaTooNewException tooNew:
                    throw new StorageException($"Journal {path} at offset {at} cannot be read: {tooNew.Message}. Nothing was changed.", tooNew);
                case { } format:
                    // The checksum matched, so these are the bytes that were written: a bug or a foreign file, never a torn write.
                    throw new StorageException($"Journal {path} at offset {at} holds a record this StatusBot cannot read: {format.Message}.", format);
            }

            var (first, events) = batches[i];
            var skip = state.Sequence - first + 1;
            if (skip < 0)
            {
                throw new StorageException($"Journal {path} at offset {at} starts at event {first}, but event {state.Sequence + 1} is missing before it.");
            }

            for (var e = (int)Math.Min(skip, events.Count); e < events.Count; e++)
            {
                state = StateReducer.Apply(state, events[e]);
            }
        }

        return state;
    }

    /// <summary>
    /// True when nothing but zeros is left from <paramref name="offset"/> on. A record is never zeros throughout (its
    /// length is not zero, its payload is JSON), so that is the store's zeroed space, not a record.
    /// </summary>
    private static bool IsZeroedSpace(ReadOnlySpan<byte> data, long offset) =>
        offset < data.Length && data[(int)offset] == 0 && data[(int)offset..].IndexOfAnyExcept((byte)0) < 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded snapshot {Name} (sequence {Sequence})")]
    private static partial void LogSnapshotLoaded(ILogger logger, string name, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {Path} is unreadable ({Reason}); falling back to the previous one and the journal")]
    private static partial void LogSnapshotSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Path}: {Reason} at offset {Offset}; cut off the last {Bytes} bytes (a write that was never acknowledged)")]
    private static partial void LogTornTail(ILogger logger, string path, long offset, string reason, long bytes);
}
