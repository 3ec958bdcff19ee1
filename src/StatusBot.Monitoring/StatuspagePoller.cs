using System.Net;
using System.Net.Http.Headers;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;

namespace StatusBot.Monitoring;

/// <summary>
/// Polls one upstream's Statuspage <c>/api/v2/summary.json</c>, honouring ETag and Last-Modified (a 304 costs nothing),
/// and records a change of indicator or incident as <see cref="UpstreamStatusChanged"/>, with the upstream's words added to
/// the timeline of the incidents it is suspected of causing.
/// </summary>
public sealed class StatuspagePoller(HttpClient http, StatusBoard board, TimeProvider time)
{
    private readonly Dictionary<string, (EntityTagHeaderValue? ETag, DateTimeOffset? LastModified)> _validators = new(StringComparer.Ordinal);

    /// <summary>Polls once; returns true when something new was recorded.</summary>
    public async Task<bool> PollAsync(UpstreamDefinition upstream, Uri summaryUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, summaryUrl);
        if (_validators.TryGetValue(upstream.Id, out var v))
        {
            if (v.ETag is not null)
            {
                request.Headers.IfNoneMatch.Add(v.ETag);
            }

            request.Headers.IfModifiedSince = v.LastModified;
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified || !response.IsSuccessStatusCode)
        {
            return false;
        }

        _validators[upstream.Id] = (response.Headers.ETag, response.Content.Headers.LastModified);
        var summary = StatuspageSummary.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var indicator = summary.IndicatorFor(upstream.Components.ToList());
        var result = await board.ExecuteAsync(
            state =>
            {
                var last = state.Announcements.Upstreams.GetValueOrDefault(upstream.Id);
                if (last is not null && last.Indicator == indicator && last.IncidentName == summary.IncidentName && last.IncidentStatus == summary.IncidentStatus)
                {
                    return Decision.NoChange;
                }

                var report = new UpstreamReport(upstream.Id, indicator, summary.IncidentName, summary.IncidentStatus, time.GetUtcNow());
                return Decision.Apply([new UpstreamStatusChanged(Actor.System, report.At, upstream.Id, indicator, summary.IncidentName, summary.IncidentStatus), .. MonitoringPolicy.UpstreamUpdates(state, report)]);
            },
            cancellationToken);
        return result.Decision.Events.Count > 0;
    }
}
