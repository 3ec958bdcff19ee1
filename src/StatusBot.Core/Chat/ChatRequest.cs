using StatusBot.Core.Commands;

namespace StatusBot.Core.Chat;

/// <summary>
/// One thing a person asked, as an adapter hands it to <see cref="ChatPipeline"/>: who (the caller, with their language
/// and channel), what (<see cref="ChatInput"/>), and how long the platform waits for an answer.
/// </summary>
public sealed record ChatRequest(Caller Caller, ChatInput Input)
{
    /// <summary>
    /// How long to wait for the answer before acknowledging and finishing through the <see cref="IReplySink"/>:
    /// <see cref="Timeout.InfiniteTimeSpan"/> (the default) always waits; <see cref="TimeSpan.Zero"/> defers whatever
    /// is not done at once.
    /// </summary>
    public TimeSpan Budget { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>The person asked for a read to be shown to the whole channel (Slack's <c>--share</c>).</summary>
    public bool Share { get; init; }

    /// <summary>
    /// Asked when the caller is not known to be an admin but needs to be (an admin command, or a refusal by the rate
    /// limit): the platform looks them up again (Slack's <c>users.info</c>). Null when <see cref="Caller"/> is final.
    /// </summary>
    public ICallerLookup? Lookup { get; init; }

    /// <summary>
    /// For a command that changes something: the platform's own idempotency key (Slack's <c>trigger_id</c>) and who
    /// claims it, so instances that share a database run the command once; a repeat gets no answer.
    /// </summary>
    public IChangeClaim? ChangeClaim { get; init; }

    /// <summary>The key <see cref="ChangeClaim"/> claims.</summary>
    public string? ChangeKey { get; init; }
}

/// <summary>A platform's full look-up of a caller, when the quick one did not show them to be an admin.</summary>
public interface ICallerLookup
{
    /// <summary>The caller as the platform knows them after asking (same actor and channel; admin flag and language may change).</summary>
    Task<Caller> LookUpAsync(Caller caller, CancellationToken cancellationToken);
}

/// <summary>Claims a platform's idempotency key for a command that changes something.</summary>
public interface IChangeClaim
{
    /// <summary>True the first time the key is claimed by any instance sharing the ledger; false for a repeat.</summary>
    ValueTask<bool> FirstChangeAsync(string? key, CancellationToken cancellationToken);
}
