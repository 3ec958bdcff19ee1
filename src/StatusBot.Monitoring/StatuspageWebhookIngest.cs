using StatusBot.Core.Board;

namespace StatusBot.Monitoring;

/// <summary>Records a Statuspage webhook notification for the upstream whose page sent it, as a poll of that page would.</summary>
public sealed class StatuspageWebhookIngest(StatusBoard board, TimeProvider time)
{
    /// <summary>Returns the number of events stored (0 when the notification changed nothing that matters).</summary>
    public async Task<int> IngestAsync(string upstreamId, StatuspageWebhook notification, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var result = await board.ExecuteAsync(
            state => state.Upstreams.TryGetValue(upstreamId, out var upstream)
                && notification.ToReport(upstream, state.Announcements.Upstreams.GetValueOrDefault(upstreamId), at) is { } report
                    ? UpstreamRecorder.Decide(state, report)
                    : Decision.NoChange,
            cancellationToken);
        return result.Decision.Events.Count;
    }
}
