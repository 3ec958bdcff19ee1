using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Monitoring;

/// <summary>
/// Polls one upstream's feed (a Statuspage <c>/api/v2/summary.json</c>, or an RSS/Atom status feed), honouring ETag and
/// Last-Modified (a 304 costs nothing), and records what changed through <see cref="UpstreamRecorder"/>. A failed request
/// or an unreadable document throws (<see cref="HttpRequestException"/>, <see cref="FormatException"/>) and records nothing.
/// Every request says who asks (<c>User-Agent: StatusBot/&lt;version&gt; (+&lt;PublicUrl&gt;)</c>, so a provider can reach
/// whoever runs the bot) and what it reads (<c>Accept: application/json, application/rss+xml, application/atom+xml</c>).
/// </summary>
public sealed class UpstreamPoller(HttpClient http, StatusBoard board, TimeProvider time, string? publicUrl = null)
{
    /// <summary>Longest document read: status summaries and feeds are a few hundred kilobytes at most.</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    // Each upstream polls on its own loop, so the loops share this concurrently (one key each).
    private readonly ConcurrentDictionary<string, (EntityTagHeaderValue? ETag, DateTimeOffset? LastModified, string Body)> _last = new(StringComparer.Ordinal);

    /// <summary>The media types a poll accepts: a Statuspage summary, an RSS or an Atom feed.</summary>
    public const string Accept = "application/json, application/rss+xml, application/atom+xml";

    /// <summary>The User-Agent every poll sends.</summary>
    public string UserAgent { get; } = UserAgentFor(publicUrl);

    /// <summary><c>StatusBot/1.0.0 (+https://status.example.com)</c>; without a public address, <c>StatusBot/1.0.0</c>.</summary>
    public static string UserAgentFor(string? publicUrl)
    {
        var version = typeof(UpstreamPoller).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(UpstreamPoller).Assembly.GetName().Version?.ToString(3)
            ?? "0";
        // Build metadata ("+3f2a…") is not part of the product version a provider needs.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus > 0 ? version[..plus] : version;
        return Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? $"StatusBot/{version} (+{url.AbsoluteUri.TrimEnd('/')})"
            : $"StatusBot/{version}";
    }

    /// <summary>Polls once; returns true when something new was recorded.</summary>
    public async Task<bool> PollAsync(UpstreamDefinition upstream, UpstreamKind kind, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(upstream.FeedUrl ?? throw new ArgumentException("The upstream has no FeedUrl.", nameof(upstream))));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
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
            return v.Body is not null && await RecordAsync(upstream, Read(upstream, kind, v.Body, time.GetUtcNow(), staleAfter), cancellationToken);
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
        return await RecordAsync(upstream, report, cancellationToken);
    }

    /// <summary>
    /// Records the reports the document makes after the upstream's last recorded one, each decided against the state the
    /// previous one led to (a resolution, then the next incident).
    /// </summary>
    private async Task<bool> RecordAsync(UpstreamDefinition upstream, Func<UpstreamReport?, IReadOnlyList<UpstreamReport>> reportsAfter, CancellationToken cancellationToken)
    {
        var result = await board.ExecuteAsync(
            state =>
            {
                var events = new List<BoardEvent>();
                foreach (var report in reportsAfter(state.Announcements.Upstreams.GetValueOrDefault(upstream.Id)))
                {
                    var decided = UpstreamRecorder.Decide(state, report).Events;
                    events.AddRange(decided);
                    state = StateReducer.ApplyAll(state, decided);
                }

                return events.Count == 0 ? Decision.NoChange : Decision.Apply(events);
            },
            cancellationToken);
        return result.Decision.Events.Count > 0;
    }

    /// <summary>
    /// Reads a document (throwing <see cref="FormatException"/> when it is neither a summary nor a feed); the result gives
    /// the reports it makes after the upstream's last recorded report.
    /// </summary>
    internal static Func<UpstreamReport?, IReadOnlyList<UpstreamReport>> Read(UpstreamDefinition upstream, UpstreamKind kind, string body, DateTimeOffset at, TimeSpan staleAfter)
    {
        var json = kind == UpstreamKind.Statuspage || (kind == UpstreamKind.Auto && body.AsSpan().TrimStart().StartsWith("{"));
        if (json)
        {
            var summary = StatuspageSummary.Parse(body);
            return last => summary.ReportsAfter(upstream, last, at);
        }

        var feed = StatusFeed.Parse(body);
        return last => [feed.ReportAfter(upstream.Id, last, at, staleAfter)];
    }
}
