using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Storage.Serialization;

namespace StatusBot.Storage.Deliveries;

/// <summary>
/// The delivery ledger of the file store: <c>deliveries.log</c> in the data directory, beside the journal, one record per
/// receipt framed as the journal's are (<see cref="RecordFraming"/>: length, CRC-32, JSON). A receipt is acknowledged only
/// once its record is fsynced. At start the file is read back: a torn or corrupt tail (a record that was never
/// acknowledged) is cut off with a warning, and a file holding many receipts superseded by later ones is rewritten with
/// the last one of each subject and channel (temp file, fsync, rename, directory fsync). One process owns the data
/// directory, so every entry is this process's to send: a claim is always granted.
/// </summary>
public sealed partial class FileDeliveryLedger(IFileSystem files, string directory, ILogger<FileDeliveryLedger> logger) : IDeliveryLedger, IDisposable
{
    public const string FileName = "deliveries.log";

    private const string TempName = "deliveries.tmp";

    /// <summary>Below this many records the file is left as it is at start.</summary>
    private const int CompactAbove = 4096;

    private readonly Lock _gate = new();
    private DeliveryBook? _book;
    private IAppendFile? _file;
    private string? _broken;

    public ValueTask<DeliveryBook> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Open());
        }
    }

    public ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(DeliveryClaim.Free);

    public ValueTask TakeOverAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Appends the receipt and fsyncs it; a failed write is cut back off, so the file never holds a hole.</summary>
    public ValueTask RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        var record = RecordFraming.Frame(Encode(receipt));
        lock (_gate)
        {
            var book = Open();
            if (_broken is { } reason)
            {
                throw new StorageException("the delivery ledger is in an unknown state after an earlier failure (" + reason + "); restart StatusBot");
            }

            var goodLength = _file!.Length;
            try
            {
                _file.Write(record);
                _file.Sync();
            }
            catch (Exception ex)
            {
                try
                {
                    _file.TruncateTo(goodLength);
                }
                catch (Exception truncate)
                {
                    _broken = ex.Message;
                    LogRollbackFailed(logger, truncate);
                }

                throw new StorageException("Could not record the delivery in " + Path.Combine(directory, FileName) + ": " + ex.Message, ex);
            }

            _book = book.With(receipt);
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    internal static byte[] Encode(DeliveryReceipt receipt) =>
        JsonSerializer.SerializeToUtf8Bytes(DeliveryRecord.Of(SchemaVersion.Current, receipt), StorageJsonContext.Default.DeliveryRecord);

    /// <summary>Reads one record; a record from a newer StatusBot, or one no StatusBot writes, is refused.</summary>
    internal static DeliveryReceipt Decode(ReadOnlySpan<byte> payload)
    {
        DeliveryRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(payload, StorageJsonContext.Default.DeliveryRecord);
        }
        catch (JsonException ex)
        {
            throw new StorageFormatException("the delivery record is not valid JSON: " + ex.Message, ex);
        }

        if (record is { V: > SchemaVersion.Current })
        {
            throw new SchemaTooNewException(record.V);
        }

        if (record is not { Id: not null, Channel: not null, Subject: not null })
        {
            throw new StorageFormatException("the delivery record lacks its announcement, channel or subject");
        }

        return record.ToReceipt();
    }

    /// <summary>The book, reading the file back the first time (under <see cref="_gate"/>).</summary>
    private DeliveryBook Open()
    {
        if (_book is { } book)
        {
            return book;
        }

        files.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (files.FileExists(Path.Combine(directory, TempName)))
        {
            // A rewrite that was cut short: the file it was to replace is intact.
            files.Delete(Path.Combine(directory, TempName));
        }

        var (recovered, records) = Recover(path);
        if (records > CompactAbove && records > 2 * recovered.Last.Count)
        {
            Compact(path, recovered);
        }

        _file = files.OpenAppend(path);
        files.SyncDirectory(directory);
        _book = recovered;
        return recovered;
    }

    private (DeliveryBook Book, int Records) Recover(string path)
    {
        var book = DeliveryBook.Empty;
        if (!files.FileExists(path))
        {
            return (book, 0);
        }

        var data = files.ReadAllBytes(path);
        long offset = 0;
        var records = 0;
        while (RecordFraming.TryRead(data, offset, out var payload, out var next, out var reason) || reason is not null)
        {
            if (offset < data.Length && data[(int)offset] == 0 && data.AsSpan((int)offset).IndexOfAnyExcept((byte)0) < 0)
            {
                // Space made ready ahead of the writes by a process that stopped without closing the file.
                files.Truncate(path, offset);
                break;
            }

            if (reason is not null)
            {
                LogTornTail(logger, path, offset, reason, data.Length - offset);
                files.Truncate(path, offset);
                break;
            }

            try
            {
                book = book.With(Decode(payload));
            }
            catch (StorageFormatException ex)
            {
                // The checksum matched: these are the bytes that were written, not a torn write.
                throw new StorageException($"Delivery ledger {path} at offset {offset} holds a record this StatusBot cannot read: {ex.Message}.", ex);
            }

            records++;
            offset = next;
        }

        return (book, records);
    }

    private void Compact(string path, DeliveryBook book)
    {
        using var buffer = new MemoryStream();
        foreach (var receipt in book.Last.Values.OrderBy(r => r.At).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            buffer.Write(RecordFraming.Frame(Encode(receipt)));
        }

        var temp = Path.Combine(directory, TempName);
        files.WriteAndSync(temp, buffer.ToArray());
        files.Rename(temp, path);
        files.SyncDirectory(directory);
        LogCompacted(logger, path, book.Last.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery ledger {Path}: {Reason} at offset {Offset}; cut off the last {Bytes} bytes (a receipt that was never acknowledged)")]
    private static partial void LogTornTail(ILogger logger, string path, long offset, string reason, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery ledger {Path} rewritten with the last receipt of each of {Count} cards")]
    private static partial void LogCompacted(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "A failed delivery ledger write could not be cut back off; refusing further receipts until restart")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);
}
