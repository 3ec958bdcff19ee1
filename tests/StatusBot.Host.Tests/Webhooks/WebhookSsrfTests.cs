using System.Net;
using System.Text;
using System.Text.Json;
using StatusBot.Core.Webhooks;
using StatusBot.Host.Configuration;
using StatusBot.Host.Webhooks;
using StatusBot.Testing.Webhooks;

namespace StatusBot.Host.Tests.Webhooks;

/// <summary>Endpoint URLs that reach internal addresses are refused in the configuration, in the admin API and when sending.</summary>
public sealed class WebhookSsrfTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("224.0.0.1")]
    public void InternalAddresses_AreForbidden(string address) => Assert.True(WebhookAddresses.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddresses_AreAllowed(string address) => Assert.False(WebhookAddresses.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://127.0.0.1/hook", "resolves to 127.0.0.1")]
    [InlineData("https://10.0.0.7/hook", "resolves to 10.0.0.7")]
    [InlineData("https://169.254.169.254/latest/meta-data", "resolves to 169.254.169.254")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "resolves to")]
    [InlineData("https://[fe80::1]/hook", "resolves to fe80::1")]
    [InlineData("https://localhost/hook", "resolves to")]
    [InlineData("http://1.1.1.1/hook", "must use https")]
    [InlineData("ftp://1.1.1.1/hook", "must be an absolute https URL")]
    [InlineData("https://user:pw@1.1.1.1/hook", "user name or password")]
    public void Configuration_RefusesInternalOrInsecureUrls_NamingTheKey(string url, string expected)
    {
        var options = new StatusBotOptions { Webhooks = new WebhooksOptions { Endpoints = [new WebhookEndpointOptions { Url = url, Secret = WebhookServe.Secret(1) }] } };

        var error = Assert.Single(StatusBotOptionsValidator.Errors(options), e => e.Contains("Webhooks", StringComparison.Ordinal));

        Assert.StartsWith("StatusBot:Webhooks:Endpoints:0:Url", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-secret")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void Configuration_RefusesASecretNotInTheStandardForm_WithoutQuotingIt(string secret)
    {
        var options = new StatusBotOptions { Webhooks = new WebhooksOptions { AllowPrivateNetworks = true, Endpoints = [new WebhookEndpointOptions { Url = "http://127.0.0.1:9/h", Secret = secret }] } };

        var error = Assert.Single(StatusBotOptionsValidator.Errors(options), e => e.Contains("Webhooks", StringComparison.Ordinal));

        Assert.StartsWith("StatusBot:Webhooks:Endpoints:0:Secret must be", error, StringComparison.Ordinal);
        Assert.True(secret.Length == 0 || !error.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_WithAllowPrivateNetworks_AcceptsLoopback()
    {
        var options = new StatusBotOptions { Webhooks = new WebhooksOptions { AllowPrivateNetworks = true, Endpoints = [new WebhookEndpointOptions { Url = "http://127.0.0.1:9/h", Secret = WebhookServe.Secret(1) }] } };

        Assert.DoesNotContain(StatusBotOptionsValidator.Errors(options), e => e.Contains("Webhooks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://localhost/hook")]
    public async Task AdminApi_RefusesInternalUrls_AndChangesNothing(string url)
    {
        await using var serve = await WebhookServe.StartAsync(new() { ["StatusBot:Webhooks:AllowPrivateNetworks"] = "false" });
        var before = serve.Board.Current.Sequence;

        using var response = await serve.Client.PostAsync("/api/admin/webhooks", Json(new { url, secret = WebhookServe.Secret(3) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("resolves to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, serve.Board.Current.Sequence);
        Assert.Empty(serve.Board.Current.Webhooks.Endpoints);
    }

    [Fact]
    public async Task Sending_ToANameThatResolvesToLoopback_IsRefusedAfterResolution_AndNothingConnects()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(new WebhooksOptions { AllowPrivateNetworks = false, AllowHttp = true }, TimeProvider.System);
        var url = receiver.Url("partner").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var endpoint = new WebhookEndpoint("ep_1", url, WebhookServe.Secret(1), [], "api", DateTimeOffset.UnixEpoch);
        var message = new WebhookMessage("msg_1", WebhookKinds.Component, "api", 1, ["api"], DateTimeOffset.UnixEpoch, "{}");

        var byName = await sender.SendAsync(endpoint, message, CancellationToken.None);
        var byAddress = await sender.SendAsync(endpoint with { Url = receiver.Url("partner") }, message, CancellationToken.None);
        var mapped = await sender.SendAsync(endpoint with { Url = receiver.Url("partner").Replace("127.0.0.1", "[::ffff:127.0.0.1]", StringComparison.Ordinal) }, message, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Rejected, byName.Outcome);
        Assert.Contains("localhost resolves to", byName.Error, StringComparison.Ordinal);
        Assert.Equal(WebhookOutcome.Rejected, byAddress.Outcome);
        Assert.Equal(WebhookOutcome.Rejected, mapped.Outcome);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task AdminApi_AddListDeliveriesRemove_JournalsTheEndpoint_AndShowsTheSecretOnlyMasked()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var serve = await WebhookServe.StartAsync([]);

        using var added = await serve.Client.PostAsync("/api/admin/webhooks", Json(new { url = receiver.Url("api-added"), services = new[] { "Billing" } }));
        var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString()!;
        var secret = body.GetProperty("secret").GetString()!;
        await serve.RunAsync("service set billing degraded Slow card payments");
        await serve.WaitUntilAsync(() => receiver.To("api-added").Count == 1);
        var list = await serve.Client.GetStringAsync("/api/admin/webhooks");
        var deliveries = JsonDocument.Parse(await serve.Client.GetStringAsync($"/api/admin/webhooks/{id}/deliveries")).RootElement.GetProperty("deliveries");
        using var badSecret = await serve.Client.PostAsync("/api/admin/webhooks", Json(new { url = receiver.Url("x"), secret = "hunter2" }));
        using var unknownService = await serve.Client.PostAsync("/api/admin/webhooks", Json(new { url = receiver.Url("x"), services = new[] { "nope" } }));
        using var removed = await serve.Client.DeleteAsync($"/api/admin/webhooks/{id}");
        using var removedAgain = await serve.Client.DeleteAsync($"/api/admin/webhooks/{id}");
        using var anonymous = new HttpClient { BaseAddress = serve.Client.BaseAddress };
        using var unauthorized = await anonymous.GetAsync("/api/admin/webhooks");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Null(WebhookSecrets.Check(secret));
        Assert.True(WebhookReceiver.Verify(secret, receiver.To("api-added")[0]));
        Assert.Equal(["billing"], body.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        var listed = Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        Assert.Equal("whsec_…" + secret[^4..], listed.GetProperty("secret").GetString());
        var delivery = Assert.Single(deliveries.EnumerateArray());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        Assert.Equal(1, delivery.GetProperty("attempt").GetInt32());
        Assert.Equal(receiver.To("api-added")[0].Id, delivery.GetProperty("eventId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badSecret.StatusCode);
        Assert.DoesNotContain("hunter2", await badSecret.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownService.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Empty(serve.Board.Current.Webhooks.Endpoints);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
