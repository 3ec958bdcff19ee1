using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Announcing;
using StatusBot.Core;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Monitoring;

namespace StatusBot.Host.Demo;

/// <summary>
/// <c>statusbot demo</c>: Christmas Eve 2012 on an accelerated clock. Streaming, Website and API, all behind AWS's load
/// balancers in us-east-1, fail within seconds: one incident opens by itself and the others join it. The AWS feed says
/// nothing at first (the admins hear so), then names its incident minutes later and becomes the suspected cause, with the
/// evidence. Holding updates follow on cadence, an engineer tells who is affected, services come back one by one ("restored
/// for most"), and the resolution sums it all up with an apology. Everything goes through the real board, policy,
/// announcer and commands.
/// </summary>
public sealed partial class DemoScript(TextWriter output, TimeSpan pause)
{
    public static readonly DateTimeOffset Start = new(2012, 12, 24, 20, 30, 0, TimeSpan.Zero);
    private const string ElbId = "aws-elb-us-east-1";
    private const string AwsTitle = "Increased error rates for Elastic Load Balancers in US-EAST-1";
    private static readonly string[] Behind = ["streaming", "website", "api"];

    private readonly DemoClock _clock = new(Start);
    /// <summary>Called once the board has started (before the first chapter), with the board and the demo's clock.</summary>
    public Func<StatusBoard, TimeProvider, CancellationToken, Task>? BoardStarted { get; init; }

    private readonly Caller _admin = new(new Actor("console", "demo-admin", "Demo admin"), true, Locales.English, new ChannelRef("console", "status", "demo"));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var provider = Services();
        var board = provider.GetRequiredService<StatusBoard>();
        var pipeline = provider.GetRequiredService<ChatPipeline>();
        var announcer = provider.GetRequiredService<Announcer>();
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(3, 2), TimeSpan.FromMinutes(30));
        await board.StartAsync(BoardState.Create(Catalog.Services, Catalog.Upstreams), null, cancellationToken);
        await board.ExecuteAsync(_ => Decision.Apply(new BoardInitialized(Actor.System, _clock.GetUtcNow())), cancellationToken);
        if (BoardStarted is { } started)
        {
            await started(board, _clock, cancellationToken);
        }

        await Chapter("Christmas Eve 2012. An admin subscribes the #status channel.", cancellationToken);
        await RunAsync(pipeline, "channel subscribe", cancellationToken);
        await RunAsync(pipeline, "status", cancellationToken);

        await Chapter("AWS's load balancers in us-east-1 start failing. Streaming, Website and API sit behind them: their probes fail within seconds.", cancellationToken);
        for (var round = 0; round < 3; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(round == 0 ? 30 : 28));
            foreach (var service in Behind)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await ProbeAsync(board, policy, service, ProbeOutcome.Down, "HTTP 503 in 4 ms", cancellationToken);
                if (round == 2 && service == Behind[0])
                {
                    // The announcer's pass comes between the first service's incident and the others joining it.
                    await announcer.RunOnceAsync(cancellationToken);
                }
            }
        }

        await announcer.RunOnceAsync(cancellationToken);
        await RunAsync(pipeline, "why streaming", cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(10), cancellationToken);
        await Chapter("The AWS feed still says nothing after 10 minutes of failures: the admins are told, so nobody blames AWS on faith.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(3), cancellationToken);
        await Chapter("The AWS Health Dashboard feed speaks at last.", cancellationToken);
        output.WriteLine($"  🛰  AWS feed: \"{AwsTitle}\" (investigating)");
        var report = new UpstreamReport(ElbId, "major", AwsTitle, "investigating", _clock.GetUtcNow());
        await board.ExecuteAsync(s => UpstreamRecorder.Decide(s, report), cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);
        await RunAsync(pipeline, "why streaming", cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(30), cancellationToken);
        await Chapter("Nobody has written anything for 30 minutes: the bot posts a holding update, and promises the next one.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(5), cancellationToken);
        await Chapter("An engineer tells who is affected: TV devices, on many but not all of them.", cancellationToken);
        await RunAsync(pipeline, "incident update INC-1 identified Streaming fails on many but not all devices, mostly TV devices. We are working with AWS. segments:\"TV devices\" users:27000000", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(30), cancellationToken);
        await Chapter("Still broken half an hour later: the next holding update comes on cadence.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        await KeepFailingAsync(board, policy, TimeSpan.FromMinutes(90), cancellationToken);
        await Chapter("Late in the night the load balancers recover for most: Website, then API, pass their probes again.", cancellationToken);
        foreach (var service in Behind[1..])
        {
            for (var i = 0; i < 2; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(30));
                await ProbeAsync(board, policy, service, ProbeOutcome.Up, "HTTP 200 in 38 ms", cancellationToken);
            }

            await announcer.RunOnceAsync(cancellationToken);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(pipeline, "incident update INC-1 monitoring Restored for most members; Streaming returns device by device and we are watching the last TV devices", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);

        _clock.Advance(new TimeSpan(10, 20, 0));
        await Chapter("Christmas Day: Streaming passes its probes again and AWS resolves its incident; an engineer confirms the cause and resolves ours.", cancellationToken);
        for (var i = 0; i < 2; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await ProbeAsync(board, policy, "streaming", ProbeOutcome.Up, "HTTP 200 in 41 ms", cancellationToken);
        }

        output.WriteLine($"  🛰  AWS feed: \"{AwsTitle}\" (resolved)");
        var resolved = new UpstreamReport(ElbId, "none", AwsTitle, "resolved", _clock.GetUtcNow());
        await board.ExecuteAsync(s => UpstreamRecorder.Decide(s, resolved), cancellationToken);
        await RunAsync(pipeline, "incident cause INC-1 confirmed AWS Elastic Load Balancing state data in us-east-1 was deleted by mistake upstream:aws-elb-us-east-1", cancellationToken);
        await RunAsync(pipeline, "incident resolve INC-1 All devices can stream again.", cancellationToken);
        await announcer.RunOnceAsync(cancellationToken);
        await RunAsync(pipeline, "why streaming", cancellationToken);
        output.WriteLine();
        output.WriteLine("That was StatusBot. Try it yourself: statusbot chat");
    }

    /// <summary>Probes every service behind the load balancers once a minute for <paramref name="span"/>: they keep failing.</summary>
    private async Task KeepFailingAsync(StatusBoard board, MonitoringPolicy policy, TimeSpan span, CancellationToken cancellationToken)
    {
        for (var minute = 0; minute < (int)span.TotalMinutes; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var service in Behind)
            {
                await ProbeAsync(board, policy, service, ProbeOutcome.Down, "HTTP 503 in 4 ms", cancellationToken, quiet: true);
            }
        }
    }

    private async Task ProbeAsync(StatusBoard board, MonitoringPolicy policy, string service, ProbeOutcome outcome, string detail, CancellationToken cancellationToken, bool quiet = false)
    {
        var o = new Observation(service, outcome, _clock.GetUtcNow(), detail);
        if (!quiet)
        {
            output.WriteLine($"  {(outcome == ProbeOutcome.Up ? "✔" : "✖")} {_clock.GetUtcNow():HH:mm:ss} probe {service}: {o.Detail}");
        }

        await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, o)), cancellationToken);
    }

    private async Task RunAsync(ChatPipeline pipeline, string text, CancellationToken cancellationToken)
    {
        output.WriteLine($"  > {text}");
        var result = (await pipeline.AnswerAsync(new ChatRequest(_admin, ChatInput.CommandText(text)), cancellationToken))!;
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
        services.AddSingleton(new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "console", ChannelId = "ops", WorkspaceId = "demo" } });
        services.AddSingleton<AnnouncementRenderer>();
        services.AddSingleton<CadencePlanner>();
        services.AddSingleton<IChatPublisher>(new ConsolePublisher(output));
        services.AddSingleton<Announcer>();
        return services.BuildServiceProvider();
    }
}
