using StatusBot.Core.Board;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Tuning;

/// <summary>
/// The host's tuning, behind <c>StatusBot:Host:RealTimeThreads</c>: the board's writer and the admin API on threads of
/// their own that ask the OS to run them ahead of the crowd's (docs/PERFORMANCE.md, "Host tuning"). Off, both run on the
/// thread pool like everything else.
/// </summary>
public static partial class HostTuning
{
    /// <summary>With the option on, gives the board a writer thread of its own.</summary>
    public static IServiceCollection AddBoardWriterThread(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostTuningOptions.From(configuration).RealTimeThreads)
        {
            services.AddSingleton<BoardWriterThread>();
            services.AddSingleton(sp => new BoardWriterScheduler(sp.GetRequiredService<BoardWriterThread>().Scheduler));
        }

        return services;
    }

    /// <summary>With the option on, runs the admin API on a lane of its own (see <see cref="PriorityLane"/>).</summary>
    public static IServiceCollection AddPriorityLane(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostTuningOptions.From(configuration).RealTimeThreads)
        {
            services.AddSingleton<PriorityLane>();
        }

        return services;
    }

    /// <summary>Puts the priority lane in the pipeline when it was added.</summary>
    public static IApplicationBuilder UsePriorityLane(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<PriorityLane>() is { } lane)
        {
            app.Use(lane.InvokeAsync);
        }

        return app;
    }

    /// <summary>The board's writer thread, disposed with the services (after the board has stopped).</summary>
    internal sealed partial class BoardWriterThread : IDisposable
    {
        private readonly DedicatedThreadScheduler _thread = new("statusbot board writer", 1, urgent: true);

        public BoardWriterThread(ILogger<BoardWriterThread> logger)
        {
            if (!_thread.RunsUrgent)
            {
                LogNormalPriority(logger, UrgentThread.Nice, 20 - UrgentThread.Nice);
            }
        }

        public TaskScheduler Scheduler => _thread;

        public void Dispose() => _thread.Dispose();

        [LoggerMessage(Level = LogLevel.Information, Message = "The board's writer runs at normal priority: the OS refused both real time and nice {Nice}. Under a crowd that keeps every core busy, acknowledgements then wait longer for a core; grant CAP_SYS_NICE or RLIMIT_RTPRIO 1 (docker run --ulimit rtprio=1), or at least RLIMIT_NICE {Limit} (--ulimit nice={Limit})")]
        private static partial void LogNormalPriority(ILogger logger, int nice, int limit);
    }
}
