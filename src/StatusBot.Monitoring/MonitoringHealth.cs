using System.Collections.Concurrent;

namespace StatusBot.Monitoring;

/// <summary>
/// Which monitoring loops stopped on an error they could not recover from, and why, for <c>/readyz</c>: a probe that no
/// longer runs must not look like a service that is fine.
/// </summary>
public sealed class MonitoringHealth
{
    private readonly ConcurrentDictionary<string, string> _stopped = new(StringComparer.Ordinal);

    /// <summary>What stopped (<c>probe of streaming</c>) and the reason, in the order of the names.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Stopped => [.. _stopped.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public void LoopStopped(string what, string reason) => _stopped[what] = reason;
}
