namespace StatusBot.Core.Board;

/// <summary>The store could not make a change durable; the change was not applied.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
