using System.Runtime.InteropServices;

namespace StatusBot.Host.Tuning;

/// <summary>
/// Asks the OS to run the calling thread ahead of ordinary threads. On Linux, first as a real-time thread
/// (<c>SCHED_FIFO</c> at the lowest real-time priority, <see cref="RealTimePriority"/>): once woken (its request arrived,
/// its fsync finished) it runs at once, ahead of every ordinary thread, however busy the cores. Linux grants that with
/// <c>CAP_SYS_NICE</c> or an <c>RLIMIT_RTPRIO</c> of at least 1 (<c>docker run --ulimit rtprio=1</c>, systemd's
/// <c>LimitRTPRIO=1</c>). Failing that, a nice value of <see cref="Nice"/>, granted with <c>CAP_SYS_NICE</c> or an
/// <c>RLIMIT_NICE</c> of at least 20 − <see cref="Nice"/> (<c>--ulimit nice=30</c>, <c>LimitNICE=30</c>): a bigger share
/// of a busy core, but a woken thread may still wait a few milliseconds for one. Failing both, the thread stays at normal
/// priority and works the same, only waits longer for a core.
/// </summary>
/// <remarks>
/// Only threads that mostly wait are raised: the board's writer (it decides a command in microseconds, then waits for the
/// disk) and the admin API's lane (small requests from admins). The kernel keeps 5 % of each second for ordinary threads
/// in any case (<c>sched_rt_runtime_us</c>).
/// </remarks>
public static partial class UrgentThread
{
    /// <summary>The nice value asked for on Linux when real time is refused (each step is about 1.25× the CPU weight).</summary>
    public const int Nice = -10;

    /// <summary>The real-time priority asked for on Linux: the lowest, so any real-time thread of the system comes first.</summary>
    public const int RealTimePriority = 1;

    /// <summary>Linux's <c>SCHED_FIFO</c>, as <see cref="CurrentPolicy"/> reports it.</summary>
    public const int SchedFifo = 1;

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

        // The runtime ignores Thread.Priority on Linux. There the policy and the nice value belong to each thread, and
        // pid 0 / "who = 0" name the calling thread. A thread inherits its creator's, and the pool creates its workers
        // from whichever thread asks for one: reset-on-fork, so that any thread created from this one starts ordinary.
        var realTime = RealTimePriority;
        if (SetScheduler(0, SchedFifo | SchedResetOnFork, ref realTime) == 0)
        {
            return true;
        }

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

    /// <summary>The calling thread's scheduling policy on Linux without the reset-on-fork flag (0 is ordinary; 0 elsewhere).</summary>
    public static int CurrentPolicy() => OperatingSystem.IsLinux() ? GetScheduler(0) & ~SchedResetOnFork : 0;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, ref int parameter);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);
}
