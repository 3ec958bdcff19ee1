namespace StatusBot.Http.Tests;

public sealed class BoundedBodyTests
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 20_000).Select(i => (byte)(i % 251))];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_WithinTheLimit_ReturnsEveryByte(bool declared)
    {
        var body = await BoundedBody.ReadAsync(new MemoryStream(Payload), declared ? Payload.Length : null, 20_000, CancellationToken.None);

        Assert.Equal(Payload, body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_OverTheLimit_Refused(bool declared)
    {
        Assert.Null(await BoundedBody.ReadAsync(new MemoryStream(Payload), declared ? Payload.Length : null, 19_999, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_ShorterThanDeclared_Refused()
    {
        Assert.Null(await BoundedBody.ReadAsync(new MemoryStream(Payload), Payload.Length + 1, 100_000, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_NegativeDeclaredLength_Refused()
    {
        Assert.Null(await BoundedBody.ReadAsync(new MemoryStream(Payload), -1, 100_000, CancellationToken.None));
    }
}
