namespace StatusBot.Host.Hosting;

/// <summary>A start refused for a reason the operator can fix (the data directory is in use, a secret is missing).</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
