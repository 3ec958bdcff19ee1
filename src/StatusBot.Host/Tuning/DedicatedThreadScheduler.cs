using System.Collections.Concurrent;

namespace StatusBot.Host.Tuning;

/// <summary>
/// Runs tasks on threads of its own instead of the shared thread pool. Work that must stay quick while the pool is
/// saturated (the board's writer, whose fsync would otherwise block a pool thread and whose continuations would queue
/// behind thousands of chat answers during an outage crowd; the admin API) awaits on it: an <c>await</c> inside a task
/// started here resumes here, so its continuations never wait in the pool's queue. After <see cref="Dispose"/>, anything
/// still scheduled runs on the pool.
/// </summary>
public sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static DedicatedThreadScheduler? _ownerOfThisThread;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    /// <param name="name">The threads' name (numbered when there are several).</param>
    /// <param name="threads">How many threads.</param>
    /// <param name="urgent">Ask the OS to run them ahead of ordinary threads (<see cref="UrgentThread"/>).</param>
    public DedicatedThreadScheduler(string name, int threads, bool urgent = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        using var started = new CountdownEvent(threads);
        var raised = 0;
        _threads = [.. Enumerable.Range(1, threads).Select(n => new Thread(() =>
        {
            if (urgent && UrgentThread.TryRaise())
            {
                Interlocked.Increment(ref raised);
            }

            started.Signal();
            Run();
        })
        { IsBackground = true, Name = threads == 1 ? name : $"{name} {n}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }

        started.Wait();
        RunsUrgent = urgent && raised == threads;
    }

    /// <summary>True when the scheduler asked for urgent threads and the OS granted it to each of them.</summary>
    public bool RunsUrgent { get; }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>
    /// True on the threads of any such scheduler: threads that belong to one piece of work and may block on it (an fsync,
    /// say) without taking a turn from the pool.
    /// </summary>
    public static bool OnDedicatedThread => _ownerOfThisThread is not null;

    /// <summary>Starts <paramref name="work"/> on this scheduler's threads; its awaits resume there too.</summary>
    public Task Run(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        if (!_queue.IsAddingCompleted)
        {
            try
            {
                _queue.Add(task);
                return;
            }
            catch (InvalidOperationException)
            {
                // Disposed in between: as below.
            }
        }

        // Disposed: a continuation still arriving (a late answer, a cancellation) runs on the pool instead.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.TryExecuteTask(state.Task), (Scheduler: this, Task: task), preferLocal: false);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _ownerOfThisThread == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        _ownerOfThisThread = this;
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
