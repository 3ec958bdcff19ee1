namespace StatusBot.Core.Commands;

/// <summary>Settings the command handlers need: how often an open incident promises an update.</summary>
public sealed record CommandSettings(TimeSpan UpdateInterval)
{
    public static CommandSettings Default { get; } = new(TimeSpan.FromMinutes(30));
}
