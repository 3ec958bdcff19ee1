namespace StatusBot.Host.Cli;

/// <summary><c>statusbot healthcheck</c>: the container image has no curl, so the program checks itself.</summary>
public static class HealthCheck
{
    /// <summary><c>/healthz</c> at the first listen URL (a wildcard host as localhost), as <c>serve</c> would listen on.</summary>
    public static string UrlFor(string? listenUrls) =>
        Configuration.PublicAddress.FromListenUrls(string.IsNullOrWhiteSpace(listenUrls) ? Hosting.CliSettings.DefaultUrls : listenUrls) + "/healthz";

    public static async Task<int> RunAsync(string url, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}
