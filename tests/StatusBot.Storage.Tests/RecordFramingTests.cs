using System.Text;
using StatusBot.Storage.Journal;

namespace StatusBot.Storage.Tests;

public sealed class RecordFramingTests
{
    [Fact]
    public void TryRead_FramedRecords_ReadsEachInOrder()
    {
        var data = RecordFraming.Frame("first"u8).Concat(RecordFraming.Frame("second record"u8)).ToArray();

        Assert.True(RecordFraming.TryRead(data, 0, out var one, out var next, out _));
        var first = Encoding.UTF8.GetString(one);
        Assert.True(RecordFraming.TryRead(data, next, out var two, out var end, out _));
        var second = Encoding.UTF8.GetString(two);
        var more = RecordFraming.TryRead(data, end, out _, out _, out var reason);

        Assert.Equal("first", first);
        Assert.Equal("second record", second);
        Assert.False(more);
        Assert.Null(reason);
    }

    [Fact]
    public void TryRead_FlippedPayloadBit_ReportsChecksumMismatch()
    {
        var data = RecordFraming.Frame("incident open streaming"u8);
        data[RecordFraming.HeaderSize + 3] ^= 0x10;

        var ok = RecordFraming.TryRead(data, 0, out _, out _, out var reason);

        Assert.False(ok);
        Assert.Equal("a checksum mismatch", reason);
    }

    [Fact]
    public void TryRead_EveryTruncation_IsRejectedWithAReason()
    {
        var record = RecordFraming.Frame("a record that will be cut at every byte"u8);

        for (var cut = 1; cut < record.Length; cut++)
        {
            var ok = RecordFraming.TryRead(record.AsSpan(0, cut), 0, out _, out _, out var reason);

            Assert.False(ok);
            Assert.NotNull(reason);
        }
    }

    [Fact]
    public void TryRead_ImpossibleLength_IsRejectedNotAllocated()
    {
        var data = new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 1, 2, 3 };

        var ok = RecordFraming.TryRead(data, 0, out _, out _, out var reason);

        Assert.False(ok);
        Assert.Contains("impossible length", reason, StringComparison.Ordinal);
    }
}
