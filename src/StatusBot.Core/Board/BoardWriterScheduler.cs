namespace StatusBot.Core.Board;

/// <summary>
/// Where the board's writer runs when the host supplies one. Without it the writer runs on the thread pool; its awaits
/// resume on <see cref="Scheduler"/> otherwise.
/// </summary>
public sealed class BoardWriterScheduler(TaskScheduler scheduler)
{
    public TaskScheduler Scheduler { get; } = scheduler;
}
