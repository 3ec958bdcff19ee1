using StatusBot.Core.Commands;

namespace StatusBot.Core.Chat;

/// <summary>
/// What the pipeline gives back at once: the answer, or word that it was deferred (the adapter acknowledges now and the
/// answer goes through the sink), or nothing to say (plain chatter, a repeat of a change, a rate-limit refusal already given).
/// </summary>
public readonly record struct ChatAnswer(DispatchResult? Result, bool Deferred)
{
    public static ChatAnswer Later { get; } = new(null, true);

    public static ChatAnswer Now(DispatchResult? result) => new(result, false);
}
