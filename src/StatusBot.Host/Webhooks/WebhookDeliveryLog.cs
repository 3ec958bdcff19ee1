using System.Collections.Concurrent;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Webhooks;

/// <summary>
/// One line of an endpoint's delivery log as the admin API shows it: an attempt this process made (with its status code and
/// attempt number), or how a delivery ended as the ledger recorded it (<c>delivered</c> or <c>rejected</c>, without status
/// code nor attempt number), or a delivery still owed (<c>pending</c>, at the time the change was queued).
/// </summary>
public sealed record WebhookDeliveryEntry(string EventId, int? StatusCode, int? Attempt, DateTimeOffset At, string Outcome, string? Error);

/// <summary>The last attempts per endpoint, newest first, kept in memory since the process started (outcomes that count are in the delivery ledger).</summary>
public sealed class WebhookDeliveryLog(WebhooksOptions options)
{
    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    public void Add(string endpointId, WebhookDeliveryEntry entry) => _rings.GetOrAdd(endpointId, _ => new Ring(Math.Max(1, options.DeliveryLogSize))).Add(entry);

    public IReadOnlyList<WebhookDeliveryEntry> Of(string endpointId) => _rings.TryGetValue(endpointId, out var ring) ? ring.Newest() : [];

    private sealed class Ring(int size)
    {
        private readonly Lock _gate = new();
        private readonly Queue<WebhookDeliveryEntry> _entries = new();

        public void Add(WebhookDeliveryEntry entry)
        {
            lock (_gate)
            {
                _entries.Enqueue(entry);
                while (_entries.Count > size)
                {
                    _entries.Dequeue();
                }
            }
        }

        public IReadOnlyList<WebhookDeliveryEntry> Newest()
        {
            lock (_gate)
            {
                return [.. _entries.Reverse()];
            }
        }
    }
}
