using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>service set &lt;service&gt; &lt;status&gt; [note…]</c>: sets a service's status by hand.</summary>
public sealed class SetServiceHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.ServiceSet;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var service = state.Services[command.RequiredText("service")];
        var status = command.RequiredEnum<ServiceStatus>("status");
        var note = command.Text("note");
        if (service.Status == status && service.Note == note)
        {
            return Decision.NoChange;
        }

        return Decision.Apply(new ServiceStatusChanged(command.Actor, time.GetUtcNow(), service.Id, status, note, null));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var service = state.Services[command.RequiredText("service")];
        var key = decision.Events.Count == 0 ? nameof(Strings.ServiceSet_Unchanged) : nameof(Strings.ServiceSet_Done);
        return new Reply
        {
            Title = l.Format(key, service.Name, l.Status(service.Status)),
            Severity = StatusViews.SeverityOf(service.Status),
            Lines = [StatusViews.ServiceLine(service, l, time.GetUtcNow())],
        };
    }
}
