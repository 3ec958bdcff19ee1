namespace StatusBot.Core.Board;

/// <summary>What readiness and metrics say about a store shared by several instances (absent for the file store).</summary>
public interface ISharedStoreStatus
{
    /// <summary>This instance's name in the cluster (host name and process id unless configured).</summary>
    string InstanceId { get; }

    /// <summary>Whether the last attempt to reach the database succeeded.</summary>
    bool Connected { get; }

    /// <summary>The last connection or query error, without credentials; null while connected.</summary>
    string? LastError { get; }

    /// <summary>The newest sequence number known to be in the database.</summary>
    long HeadSequence { get; }
}
