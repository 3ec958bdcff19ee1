using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Testing;

/// <summary>Replies as plain-text places show them: every time as its UTC text (<see cref="TimeMarks.Plain"/>).</summary>
public static class PlainReplies
{
    public static Reply Plain(this Reply reply) => reply with
    {
        Title = TimeMarks.Plain(reply.Title),
        Lines = [.. reply.Lines.Select(TimeMarks.Plain)],
        Fields = [.. reply.Fields.Select(f => f with { Name = TimeMarks.Plain(f.Name), Value = TimeMarks.Plain(f.Value) })],
        Footer = reply.Footer is null ? null : TimeMarks.Plain(reply.Footer),
    };

    public static DispatchResult Plain(this DispatchResult result) => result with { Reply = result.Reply.Plain() };
}
