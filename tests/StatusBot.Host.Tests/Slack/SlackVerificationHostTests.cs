using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>The signature filter in front of every Slack route, through the real serve app.</summary>
public sealed class SlackVerificationHostTests
{
    [Fact]
    public async Task Commands_NoSigningSecret_RoutesAnswer404()
    {
        await using var host = await SlackHost.StartAsync(secret: null);

        var response = await host.CommandAsync("/statusbot", "status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Commands_OfficialSigningExample_PassesTheFilterAndAnswersUsage()
    {
        var example = Fixtures.SigningExample();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(example["X-Slack-Request-Timestamp"], CultureInfo.InvariantCulture)));
        await using var host = await SlackHost.StartAsync(secret: example["signing_secret"], time: clock);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(Fixtures.Read("slack-slash-command.txt"), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", example["X-Slack-Request-Timestamp"]);
        request.Headers.Add("X-Slack-Signature", example["X-Slack-Signature"]);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await SlackCommandsHostTests.ReadAsync(response);
        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
        Assert.Contains("/webhook-collect", SlackJson.AllText(message));
        Assert.Contains("/statusbot", SlackJson.AllText(message));
    }

    [Fact]
    public async Task Commands_BadSignature_401()
    {
        await using var host = await SlackHost.StartAsync();
        var body = SlackSigner.CommandBody("/statusbot", "status");

        var response = await host.Client.SendAsync(new SlackSigner("another-secret").Request("/slack/commands", body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commands_StaleTimestamp_401()
    {
        await using var host = await SlackHost.StartAsync();
        var body = SlackSigner.CommandBody("/statusbot", "status");

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", body, DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commands_SignatureOfAnotherBody_401()
    {
        await using var host = await SlackHost.StartAsync();
        var signed = SlackSigner.CommandBody("/statusbot", "status");
        var now = DateTimeOffset.UtcNow;
        var signature = host.Signer.Sign(now.ToUnixTimeSeconds(), signed);

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/commands", signed + "&text=incident+list", now, signature: signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/slack/interactions")]
    public async Task EveryRoute_BadSignature_401(string path)
    {
        await using var host = await SlackHost.StartAsync();
        var body = path.EndsWith("events", StringComparison.Ordinal) ? Fixtures.Read("slack-url-verification.json") : Fixtures.Read("slack-block-actions-form-body.txt");

        var response = await host.Client.SendAsync(new SlackSigner("not-the-secret").Request(path, body, DateTimeOffset.UtcNow, json: path.EndsWith("events", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task EveryRoute_NoSignatureHeaders_401()
    {
        await using var host = await SlackHost.StartAsync();

        var response = await host.Client.PostAsync("/slack/events", new StringContent(Fixtures.Read("slack-url-verification.json"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
