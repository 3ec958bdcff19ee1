using StatusBot.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Host.Webhooks;

/// <summary>Wakes the webhook dispatcher when a commit may need sending: while any endpoint exists, or one was just added.</summary>
public sealed class WebhookSignal : CommitSignal
{
    protected override bool Concerns(IReadOnlyList<BoardEvent> events, BoardState state) =>
        state.Webhooks.Endpoints.Count > 0 || events.Any(e => e is WebhookEndpointAdded);
}

/// <summary>
/// Runs the webhook dispatcher apart from the announcer, so a slow receiver never holds a channel post back: a pass after
/// each relevant commit, and at the latest when the next retry falls due. With several instances only the leader sends.
/// </summary>
public sealed class WebhookService(WebhookDispatcher dispatcher, WebhookSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null)
    : OutboxService(dispatcher, signal, board, time, leadership);
