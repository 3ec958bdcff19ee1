namespace StatusBot.Storage.Tests;

public sealed class FileAliveMarkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("statusbot-alive-").FullName;

    [Fact]
    public void Read_WhatWasWritten_LastWriteWins()
    {
        var mark = new FileAliveMark(_directory);
        var at = new DateTimeOffset(2012, 12, 24, 20, 40, 0, TimeSpan.Zero);

        mark.Write(at.AddMinutes(-1));
        mark.Write(at);

        Assert.Equal(at, new FileAliveMark(_directory).Read());
        Assert.False(File.Exists(Path.Combine(_directory, FileAliveMark.FileName + ".tmp")));
    }

    [Fact]
    public void Read_NoMarkOrGarbage_IsNone()
    {
        var mark = new FileAliveMark(_directory);
        var none = mark.Read();
        File.WriteAllText(Path.Combine(_directory, FileAliveMark.FileName), "not a time");

        Assert.Null(none);
        Assert.Null(mark.Read());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
