using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace StatusBot.Host.Tests.Web.Hooks;

public sealed class HookRoutesOffTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Theory]
    [InlineData("/hooks/alertmanager")]
    [InlineData("/hooks/statuspage?token=anything")]
    [InlineData("/hooks/statuspage/anything")]
    public async Task Hooks_WithoutConfiguredSecrets_Are404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        using var response = await serve.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
