using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// What this instance knows about the shared database, fed by the store (each append and read) and the event follower
/// (its listening connection and head polls). Readiness and metrics read it.
/// </summary>
public sealed class PostgresStoreStatus(string instanceId) : ISharedStoreStatus
{
    private long _head;
    private volatile string? _lastError;
    private volatile bool _connected;

    public string InstanceId { get; } = instanceId;

    public bool Connected => _connected;

    public string? LastError => _lastError;

    public long HeadSequence => Interlocked.Read(ref _head);

    public void ReportConnected()
    {
        _connected = true;
        _lastError = null;
    }

    /// <param name="error">Already free of credentials (see <see cref="PostgresConnections.Describe"/>).</param>
    public void ReportError(string error)
    {
        _connected = false;
        _lastError = error;
    }

    /// <summary>Raises the known head to <paramref name="sequence"/> (it never goes down).</summary>
    public void ObserveHead(long sequence)
    {
        var known = Interlocked.Read(ref _head);
        while (sequence > known)
        {
            var seen = Interlocked.CompareExchange(ref _head, sequence, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }
}
