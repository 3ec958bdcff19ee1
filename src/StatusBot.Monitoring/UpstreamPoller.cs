using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;

namespace StatusBot.Monitoring;

/// <summary>
/// Polls one upstream's feed (a Statuspage <c>/api/v2/summary.json</c>, or an RSS/Atom status feed), honouring ETag and
/// Last-Modified (a 304 costs nothing), and records what changed through <see cref="UpstreamRecorder"/>. A failed request
/// or an unreadable document throws (<see cref="HttpRequestException"/>, <see cref="FormatException"/>) and records nothing.
/// </summary>
public sealed class UpstreamPoller(HttpClient http, StatusBoard board, TimeProvider time)
{
    /// <summary>Longest document read: status summaries and feeds are a few hundred kilobytes at most.</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    // Each upstream polls on its own loop, so the loops share this concurrently (one key each).
    private readonly ConcurrentDictionary<string, (EntityTagHeaderValue? ETag, DateTimeOffset? LastModified, string Body)> _last = new(StringComparer.Ordinal);

    /// <summary>Polls once; returns true when something new was recorded.</summary>
    public async Task<bool> PollAsync(UpstreamDefinition upstream, UpstreamKind kind, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(upstream.FeedUrl ?? throw new ArgumentException("The upstream has no FeedUrl.", nameof(upstream))));
        if (_last.TryGetValue(upstream.Id, out var v))
        {
            if (v.ETag is not null)
            {
                request.Headers.IfNoneMatch.Add(v.ETag);
            }

            request.Headers.IfModifiedSince = v.LastModified;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            // Unchanged, but read again at this time: a feed's newest item may have gone stale since.
            return v.Body is not null && await RecordAsync(Read(upstream, kind, v.Body, time.GetUtcNow(), staleAfter), cancellationToken);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new FormatException($"The document is larger than {MaxDocumentBytes} bytes.");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var at = time.GetUtcNow();
        var report = Read(upstream, kind, body, at, staleAfter);

        // Remembered only once the document was understood, so a bad answer is fetched again in full next time.
        _last[upstream.Id] = (response.Headers.ETag, response.Content.Headers.LastModified, body);
        return await RecordAsync(report, cancellationToken);
    }

    private async Task<bool> RecordAsync(UpstreamReport report, CancellationToken cancellationToken)
    {
        var result = await board.ExecuteAsync(state => UpstreamRecorder.Decide(state, report), cancellationToken);
        return result.Decision.Events.Count > 0;
    }

    internal static UpstreamReport Read(UpstreamDefinition upstream, UpstreamKind kind, string body, DateTimeOffset at, TimeSpan staleAfter)
    {
        var json = kind == UpstreamKind.Statuspage || (kind == UpstreamKind.Auto && body.AsSpan().TrimStart().StartsWith("{"));
        if (json)
        {
            var summary = StatuspageSummary.Parse(body);
            return new UpstreamReport(upstream.Id, summary.IndicatorFor([.. upstream.Components]), summary.IncidentName, summary.IncidentStatus, at);
        }

        var (indicator, name, status) = StatusFeed.Parse(body).ReportAt(at, staleAfter);
        return new UpstreamReport(upstream.Id, indicator, name, status, at);
    }
}
