using System.Net;
using System.Text;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Interactions;

public sealed class InteractionEndpointsSignatureTests : IAsyncLifetime
{
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync() => _app = await DiscordTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_SignedPing_ReturnsPong()
    {
        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Ping());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"type":1}""", json!.ToJsonString());
    }

    [Fact]
    public async Task Post_MinimalPingFixture_ReturnsPong()
    {
        var body = await File.ReadAllTextAsync(Path.Combine("Fixtures", "discord-ping-minimal.json"));

        var (status, json, _) = await _app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, json!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_SignatureOfAnotherBody_Returns401()
    {
        var timestamp = InteractionSigner.TimestampOf(_app.Time.GetUtcNow());
        using var request = Raw(DiscordPayloads.Ping(), timestamp, _app.Signer.Sign(timestamp, """{"type":1,"id":"1"}"""));

        var (status, _, text) = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid request signature", text);
    }

    [Fact]
    public async Task Post_KeyOfAnotherApplication_Returns401()
    {
        using var stranger = new InteractionSigner();
        var body = DiscordPayloads.Ping();
        var timestamp = InteractionSigner.TimestampOf(_app.Time.GetUtcNow());
        using var request = Raw(body, timestamp, stranger.Sign(timestamp, body));

        var (status, _, _) = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not hex at all, not h")]
    public async Task Post_MalformedSignature_Returns401(string signature)
    {
        var body = DiscordPayloads.Ping();
        var timestamp = InteractionSigner.TimestampOf(_app.Time.GetUtcNow());
        using var request = Raw(body, timestamp, signature.Length == 0 ? null : signature);

        var (status, _, _) = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_SignatureWithOneExtraByte_Returns401()
    {
        var body = DiscordPayloads.Ping();
        var timestamp = InteractionSigner.TimestampOf(_app.Time.GetUtcNow());
        using var request = Raw(body, timestamp, _app.Signer.Sign(timestamp, body) + "00");

        var (status, _, _) = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public async Task Post_TimestampOutsideFiveMinutes_Returns401(int offsetSeconds)
    {
        var (status, _, _) = await _app.PostAsync(DiscordPayloads.Ping(), _app.Time.GetUtcNow().AddSeconds(offsetSeconds));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_TimestampNotANumber_Returns401()
    {
        var body = DiscordPayloads.Ping();
        using var request = Raw(body, "yesterday", _app.Signer.Sign("yesterday", body));

        var (status, _, _) = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_SignedButNotJson_Returns400AndChangesNothing()
    {
        var before = _app.State;

        var (status, _, _) = await _app.PostAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Same(before, _app.State);
    }

    [Fact]
    public async Task Post_WithoutPublicKey_Returns404()
    {
        await using var off = await DiscordTestApp.StartAsync(withPublicKey: false);

        var (status, _, _) = await off.PostAsync(DiscordPayloads.Ping());

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private HttpRequestMessage Raw(string body, string timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _app.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }
}
