using Microsoft.Extensions.DependencyInjection;
using StatusBot.Monitoring;

namespace StatusBot.Host.Tests.Web;

/// <summary>The serve application with a public address: upstream polls name it in their User-Agent.</summary>
public sealed class PublicUrlServeFixture : ServeFixture
{
    protected override Dictionary<string, string?> Settings { get; } = new()
    {
        ["StatusBot:Web:PublicUrl"] = "https://status.example.com/",
    };
}

public sealed class UpstreamPollIdentityTests(PublicUrlServeFixture serve) : IClassFixture<PublicUrlServeFixture>
{
    [Fact]
    public void Serve_UpstreamPoller_NamesTheVersionAndTheConfiguredPublicUrl()
    {
        var poller = serve.Services.GetRequiredService<UpstreamPoller>();

        Assert.Matches(@"^StatusBot/\d+\.\d+\.\d+ \(\+https://status\.example\.com\)$", poller.UserAgent);
    }
}
