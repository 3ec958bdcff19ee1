using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Announcing;
using StatusBot.Core;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;
using StatusBot.Monitoring;

namespace StatusBot.Host.Demo;

/// <summary>
/// <c>statusbot demo</c>: Christmas Eve 2012 on an accelerated clock. Streaming probes fail, the AWS feed reports the ELB
/// incident in us-east-1, an incident opens by itself with the suspected cause, holding updates follow on cadence, "restored
/// for most" is posted, then the resolution. Everything goes through the real board, policy, announcer and commands.
/// </summary>
public sealed partial class DemoScript(TextWriter output, TimeSpan pause)
{
    public static readonly DateTimeOffset Start = new(2012, 12, 24, 20, 30, 0, TimeSpan.Zero);
    private const string ElbId = "aws-elb-us-east-1";

    private readonly DemoClock _clock = new(Start);
    /// <summary>Called once the board has started (before the first chapter), with the board and the demo's clock.</summary>
    public Func<StatusBoard, TimeProvider, CancellationToken, Task>? BoardStarted { get; init; }

    private readonly Caller _admin = new(new Actor("console", "demo-admin", "Demo admin"), true, Locales.English, new ChannelRef("console", "status", "demo"));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var provider = Services();
        var board = provider.GetRequiredService<StatusBoard>();
        var dispatcher = provider.GetRequiredService<CommandDispatcher>();
        var announcer = provider.GetRequiredService<Announcer>();
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(3, 3));
        await board.StartAsync(BoardState.Create(Catalog.Services, Catalog.Upstreams), null, cancellationToken);
        await board.ExecuteAsync(_ => Decision.Apply(new BoardInitialized(Actor.System, _clock.GetUtcNow())), cancellationToken);
        if (BoardStarted is { } started)
        {
            await started(board, _clock, cancellationToken);
        }

        await Chapter("Christmas Eve 2012. An admin subscribes the #status channel.", cancellationToken);
        await RunAsync(dispatcher, "channel subscribe", cancellationToken);
        await RunAsync(dispatcher, "status", cancellationToken);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Chapter("The AWS Health Dashboard feed reports trouble with Elastic Load Balancing in us-east-1.", cancellationToken);
        await board.ExecuteAsync(_ => Decision.Apply(new UpstreamStatusChanged(Actor.System, _clock.GetUtcNow(), ElbId, "major", "Elevated error rates for load balancers in US-EAST-1", "investigating")), cancellationToken);

        await Chapter("Probes of Streaming fail three times in a row (the failure threshold).", cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            var o = new Observation("streaming", ProbeOutcome.Down, _clock.GetUtcNow(), "HTTP 503 from the TV device API");
            output.WriteLine($"  ✖ {_clock.GetUtcNow():HH:mm} probe streaming: {o.Detail}");
            await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, o)), cancellationToken);
        }

        await announcer.RunOnceAsync(cancellationToken);
        await RunAsync(dispatcher, "why streaming", cancellationToken);

        _clock.Advance(TimeSpan.FromMinutes(30));
        await Chapter("Nobody has written anything for 30 minutes: the bot apologizes on cadence.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        _clock.Advance(TimeSpan.FromMinutes(12));
        await Chapter("AWS identifies the problem; its update goes on the incident's timeline, and the apologies go on.", cancellationToken);
        var identified = new UpstreamReport(ElbId, "major", "Elevated error rates for load balancers in US-EAST-1", "identified", _clock.GetUtcNow());
        await board.ExecuteAsync(s => Decision.Apply([new UpstreamStatusChanged(Actor.System, identified.At, ElbId, identified.Indicator, identified.IncidentName, identified.IncidentStatus), .. MonitoringPolicy.UpstreamUpdates(s, identified)]), cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(30));
        await announcer.RunOnceAsync(cancellationToken);

        _clock.Advance(new TimeSpan(10, 20, 0));
        await Chapter("Christmas morning: an engineer posts that streaming is restored for most members.", cancellationToken);
        await RunAsync(dispatcher, "incident update INC-1 monitoring Streaming is restored for most members; we are watching the last TV devices", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        _clock.Advance(new TimeSpan(3, 31, 0));
        await Chapter("Resolved. The resolution post gives the duration, what was affected and the cause.", cancellationToken);
        await RunAsync(dispatcher, "incident cause INC-1 confirmed ELB state data deleted by mistake in us-east-1 upstream:aws-elb-us-east-1", cancellationToken);
        await RunAsync(dispatcher, "incident resolve INC-1 All devices can stream again. Merry Christmas, and sorry.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);
        await RunAsync(dispatcher, "history", cancellationToken);
        output.WriteLine();
        output.WriteLine("That was StatusBot. Try it yourself: statusbot chat");
    }

    private async Task RunAsync(CommandDispatcher dispatcher, string text, CancellationToken cancellationToken)
    {
        output.WriteLine($"  > {text}");
        var result = await dispatcher.DispatchTextAsync(text, _admin, cancellationToken);
        foreach (var line in result.Reply.ToPlainText().Split('\n'))
        {
            output.WriteLine("    " + line);
        }
    }

    private async Task Chapter(string text, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine($"── {_clock.GetUtcNow():MMM d HH:mm} UTC · {text}");
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, cancellationToken);
        }
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddStatusBotCore();
        services.AddSingleton(new AnnouncementOptions());
        services.AddSingleton<AnnouncementRenderer>();
        services.AddSingleton<CadencePlanner>();
        services.AddSingleton<IChatPublisher>(new ConsolePublisher(output));
        services.AddSingleton<Announcer>();
        return services.BuildServiceProvider();
    }
}
