using StatusBot.Core.Board;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Monitoring;

/// <summary>
/// Turns an Alertmanager notification into observations and feeds them to the policy on the board's writer. Alerts map to
/// services by a label (its value is a service id, name or alias). Per service, any firing alert is a failure (degraded
/// when its <c>severity</c> is <c>warning</c> or <c>info</c>) and otherwise the resolved ones are a success; both are
/// conclusive, since Alertmanager already waited out its <c>for:</c> duration before firing.
/// </summary>
public sealed class AlertmanagerIngest(StatusBoard board, MonitoringPolicy policy, TimeProvider time)
{
    private const int MaxDetail = 200;

    public async Task<AlertIngestResult> IngestAsync(AlertmanagerWebhook notification, string serviceLabel, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        IReadOnlyList<Observation> observations = [];
        IReadOnlyList<string> unmatched = [];
        var result = await board.ExecuteAsync(
            state =>
            {
                (observations, unmatched) = Observe(state, notification, serviceLabel, at);
                return Decision.Apply(policy.DecideAll(state, observations));
            },
            cancellationToken);
        return new AlertIngestResult([.. observations.Select(o => o.ServiceId)], unmatched, result.Decision.Events.Count);
    }

    /// <summary>One observation per service the alerts name; the alerts naming no known service, by name.</summary>
    internal static (IReadOnlyList<Observation> Observations, IReadOnlyList<string> Unmatched) Observe(BoardState state, AlertmanagerWebhook notification, string serviceLabel, DateTimeOffset at)
    {
        var l = Localizer.For(Locales.English);
        var unmatched = new List<string>();
        var byService = new Dictionary<string, List<Alert>>(StringComparer.Ordinal);
        foreach (var alert in notification.Alerts)
        {
            if (alert.Labels.GetValueOrDefault(serviceLabel) is { } value && state.FindService(value) is { } service)
            {
                (byService.TryGetValue(service.Id, out var list) ? list : byService[service.Id] = []).Add(alert);
            }
            else
            {
                unmatched.Add(alert.Name);
            }
        }

        var observations = new List<Observation>();
        foreach (var (serviceId, alerts) in byService)
        {
            var firing = alerts.Where(a => a.IsFiring).ToList();
            if (firing.Count == 0)
            {
                observations.Add(new Observation(serviceId, ProbeOutcome.Up, at, Clip(l.Format(nameof(Strings.Monitor_AlertResolved), string.Join(", ", alerts.Select(a => a.Name).Distinct()))), Conclusive: true));
                continue;
            }

            var degraded = firing.All(a => a.Labels.GetValueOrDefault("severity") is "warning" or "info");
            var first = firing[0];
            var summary = first.Annotations.GetValueOrDefault("summary") ?? first.Annotations.GetValueOrDefault("description") ?? first.Name;
            var detail = l.Format(nameof(Strings.Monitor_AlertFiring), first.Name, summary) + (firing.Count > 1 ? $" (+{firing.Count - 1})" : "");
            observations.Add(new Observation(serviceId, degraded ? ProbeOutcome.Degraded : ProbeOutcome.Down, at, Clip(detail), Conclusive: true));
        }

        return (observations, unmatched);
    }

    private static string Clip(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length <= MaxDetail ? clean : clean[..(MaxDetail - 1)] + "…";
    }
}
