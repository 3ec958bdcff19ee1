namespace StatusBot.Host.Cli;

/// <summary><c>statusbot healthcheck</c>: the container image has no curl, so the program checks itself.</summary>
public static class HealthCheck
{
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
