using System.Buffers.Binary;
using System.IO.Hashing;

namespace StatusBot.Storage.Journal;

/// <summary>
/// One record on disk: <c>[length: u32 LE][CRC-32 of payload: u32 LE][payload]</c>. A record whose length runs past the
/// end of the file, or whose checksum does not match, is where a torn or corrupt tail begins.
/// </summary>
public static class RecordFraming
{
    public const int HeaderSize = 8;

    /// <summary>Larger lengths are garbage, not records (a batch of 512 commands is far below this).</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
        payload.CopyTo(record.AsSpan(HeaderSize));
        return record;
    }

    /// <summary>
    /// Reads the record at <paramref name="offset"/>. Returns false at the end of the data or at the first bad record;
    /// <paramref name="reason"/> says which (null at a clean end).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long offset, out ReadOnlySpan<byte> payload, out long next, out string? reason)
    {
        payload = default;
        next = offset;
        reason = null;
        var remaining = data.Length - offset;
        if (remaining == 0)
        {
            return false;
        }

        if (remaining < HeaderSize)
        {
            reason = $"a header cut short ({remaining} of {HeaderSize} bytes)";
            return false;
        }

        var header = data.Slice((int)offset, HeaderSize);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length > MaxPayload)
        {
            reason = $"an impossible length ({length} bytes)";
            return false;
        }

        if (length > remaining - HeaderSize)
        {
            reason = $"a record cut short ({remaining - HeaderSize} of {length} bytes)";
            return false;
        }

        var body = data.Slice((int)offset + HeaderSize, (int)length);
        if (Crc32.HashToUInt32(body) != crc)
        {
            reason = "a checksum mismatch";
            return false;
        }

        payload = body;
        next = offset + HeaderSize + length;
        return true;
    }
}
