using System.Net;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// Every route that takes a body refuses an oversized one with 413, whether its length is declared or it arrives chunked,
/// and nothing changes. The routes come from the app's endpoint data source, so a new route is checked the day it is added.
/// </summary>
public sealed class BodyLimitTests(SecuredServeFixture serve) : IClassFixture<SecuredServeFixture>
{
    /// <summary>Above every route's limit (the largest is Slack's 1 MiB) and far below Kestrel's own 30 MB.</summary>
    private const int Oversized = (1 << 20) + 1;

    [Fact]
    public void BodyRoutes_AreFound()
    {
        var patterns = serve.BodyRoutes().Select(r => r.Pattern).ToList();

        Assert.Contains("/slack/commands", patterns);
        Assert.Contains("/discord/interactions", patterns);
        Assert.Contains("/api/admin/incidents", patterns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryBodyRoute_OversizedBody_Is413AndChangesNothing(bool declaredLength)
    {
        var body = new byte[Oversized];
        Array.Fill(body, (byte)'a');
        var failures = new List<string>();
        foreach (var (method, pattern) in serve.BodyRoutes())
        {
            var before = serve.Board.Current;
            using var request = serve.Signed(method, SecuredServeFixture.PathOf(pattern), body);
            if (!declaredLength)
            {
                request.Content = new StreamContent(new MemoryStream(body)) { Headers = { ContentType = request.Content!.Headers.ContentType } };
                request.Headers.TransferEncodingChunked = true;
            }

            using var response = await serve.Client.SendAsync(request);

            if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }

            Assert.Same(before, serve.Board.Current);
        }

        Assert.Empty(failures);
    }
}
