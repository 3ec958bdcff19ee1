using System.Runtime.InteropServices;

namespace StatusBot.Core.Board;

/// <summary>
/// Asks the OS to run the calling thread ahead of ordinary threads. On Linux that is a nice value of <see cref="Nice"/>:
/// under a crowd that keeps every core busy, such a thread, once woken (its request arrived, its fsync finished), gets a
/// core within a fraction of the time a normal one waits. Linux grants it with <c>CAP_SYS_NICE</c> or a
/// <c>RLIMIT_NICE</c> of at least 20 − <see cref="Nice"/> (<c>docker run --ulimit nice=30</c>, systemd's
/// <c>LimitNICE=30</c>); otherwise the thread stays at normal priority and works the same, only waits longer for a core.
/// </summary>
public static partial class UrgentThread
{
    /// <summary>The nice value asked for on Linux (normal threads run at 0; each step is about 1.25× the CPU weight).</summary>
    public const int Nice = -10;

    private const int PrioProcess = 0;
    private const int SchedOther = 0;
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>Raises the calling thread's priority; false when the OS refused (it then runs at normal priority).</summary>
    public static bool TryRaise()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            return true;
        }

        // The runtime ignores Thread.Priority on Linux. There the nice value belongs to each thread, and "who = 0" names
        // the calling thread. A thread inherits its creator's nice value, and the pool creates its workers from whichever
        // thread asks for one: reset-on-fork first, so that any thread created from this one starts at normal priority.
        var normal = 0;
        return SetScheduler(0, SchedOther | SchedResetOnFork, ref normal) == 0 && SetPriority(PrioProcess, 0, Nice) == 0;
    }

    /// <summary>The calling thread's nice value on Linux (0 elsewhere).</summary>
    public static int CurrentNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // getpriority may return -1 as a value; errno tells the two apart, and it cannot fail for the calling thread.
        Marshal.SetLastPInvokeError(0);
        return GetPriority(PrioProcess, 0);
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, ref int parameter);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);
}
