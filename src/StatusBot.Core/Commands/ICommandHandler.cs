namespace StatusBot.Core.Commands;

/// <summary>Handles one catalog command. Implemented by <see cref="IQueryHandler"/> (reads) and <see cref="IDecisionHandler"/> (writes).</summary>
public interface ICommandHandler
{
    CommandSpec Spec { get; }
}
