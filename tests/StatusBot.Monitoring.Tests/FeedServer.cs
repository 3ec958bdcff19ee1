using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;

namespace StatusBot.Monitoring.Tests;

/// <summary>
/// Serves one document with an ETag and a Last-Modified date, 304 when asked with either, or a scripted failure; records
/// each request so tests can await it.
/// </summary>
internal sealed class FeedServer(string body, string mediaType = "application/rss+xml") : HttpMessageHandler
{
    public static readonly DateTimeOffset Modified = new(2012, 12, 24, 22, 19, 0, TimeSpan.Zero);

    private readonly Channel<HttpRequestMessage> _requests = Channel.CreateUnbounded<HttpRequestMessage>();

    public string Body { get; set; } = body;

    public string ETag { get; set; } = "\"v1\"";

    public HttpStatusCode? Failure { get; set; }

    public int Count { get; private set; }

    public Task<HttpRequestMessage> NextRequestAsync() => _requests.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Count++;
        _requests.Writer.TryWrite(request);
        if (Failure is { } code)
        {
            return Task.FromResult(new HttpResponseMessage(code));
        }

        if (request.Headers.IfNoneMatch.FirstOrDefault()?.Tag == ETag || (request.Headers.IfNoneMatch.Count == 0 && request.Headers.IfModifiedSince >= Modified))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotModified));
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Body, MediaTypeHeaderValue.Parse(mediaType)) };
        response.Headers.ETag = new EntityTagHeaderValue(ETag);
        response.Content.Headers.LastModified = Modified;
        return Task.FromResult(response);
    }
}
