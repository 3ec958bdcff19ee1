using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Crowd;
using StatusBot.Core.Questions;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Core.Chat;

/// <summary>
/// The one way a person's words reach the handlers, from every platform (Slack, Discord, the console, the admin API).
/// Ordered stages: admission (the per-user rate limit; admins exempt) → read cache → parse once → claim a change's
/// idempotency key → authorization (<see cref="Permission"/> from the catalog, with the platform's full look-up of an
/// admin when needed) → dispatch (a read from the state, a write through the single writer) → an error reference for
/// anything unexpected. Answers inline when done within the request's budget; else the adapter acknowledges and the
/// answer goes through the <see cref="IReplySink"/>, followed by <see cref="ChatDeferrals"/>.
/// </summary>
public sealed partial class ChatPipeline
{
    private readonly CommandDispatcher _dispatcher;
    private readonly ConversationRouter _router;
    private readonly ReadCache _cache;
    private readonly StatusBoard _board;
    private readonly ChatDeferrals _deferrals;
    private readonly TimeProvider _time;
    private readonly CrowdWatch _crowd;
    private readonly ILogger<ChatPipeline> _logger;

    internal ChatPipeline(
        CommandDispatcher dispatcher,
        ConversationRouter router,
        ReadCache cache,
        StatusBoard board,
        ChatDeferrals deferrals,
        TimeProvider time,
        CrowdWatch crowd,
        ILogger<ChatPipeline> logger)
    {
        _crowd = crowd;
        _dispatcher = dispatcher;
        _router = router;
        _cache = cache;
        _board = board;
        _deferrals = deferrals;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Handles one request. The answer comes back at once when ready within <see cref="ChatRequest.Budget"/>; otherwise
    /// <see cref="ChatAnswer.Deferred"/> is set and the answer goes to <paramref name="sink"/> when done. Without a sink
    /// the pipeline always waits for the answer.
    /// </summary>
    public ValueTask<ChatAnswer> HandleAsync(ChatRequest request, IReplySink? sink, CancellationToken cancellationToken)
    {
        DispatchResult? limited = null;
        ReadKey? key = null;
        var state = _board.Current;
        if (request.Input.Kind != ChatInputKind.Message)
        {
            // The crowd counts whoever asks about a service, cached answer or not, limited or not (a free message counts in the router).
            _crowd.Observe(request.Input, request.Caller.Actor);

            // 1. Admission: a cached answer counts against the limit like any other, so the cache is no way around it.
            limited = _dispatcher.Admit(request.Caller);
            if (limited is not null && (request.Lookup is null || request.Caller.IsAdmin))
            {
                return ValueTask.FromResult(ChatAnswer.Now(Finish(limited, request, request.Caller)));
            }

            // 2. Read cache.
            key = ReadKey.For(request);
            if (limited is null && key is { } k && _cache.TryGet(k, state) is { } cached)
            {
                return ValueTask.FromResult(ChatAnswer.Now(cached));
            }
        }

        // The work is not tied to the platform's request: once deferred, it must finish after that request has ended.
        var work = RunAsync(request, limited, key, state, _deferrals.Stopping);
        return work.IsCompletedSuccessfully ? ValueTask.FromResult(ChatAnswer.Now(work.Result)) : WaitAsync(request, work, sink, cancellationToken);
    }

    /// <summary>Handles a request and waits for its answer, however long it takes (the console, the admin API, tests).</summary>
    public async Task<DispatchResult?> AnswerAsync(ChatRequest request, CancellationToken cancellationToken) =>
        (await HandleAsync(request with { Budget = Timeout.InfiniteTimeSpan }, null, cancellationToken)).Result;

    private async ValueTask<ChatAnswer> WaitAsync(ChatRequest request, Task<DispatchResult?> work, IReplySink? sink, CancellationToken cancellationToken)
    {
        if (sink is null || request.Budget == Timeout.InfiniteTimeSpan)
        {
            return ChatAnswer.Now(await work.WaitAsync(cancellationToken));
        }

        // A budget of 0 defers whatever is not done at once, rather than racing a timer that is due already.
        if (request.Budget > TimeSpan.Zero)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (await Task.WhenAny(work, Task.Delay(request.Budget, _time, budget.Token)) == work)
            {
                await budget.CancelAsync();
                return ChatAnswer.Now(await work);
            }
        }

        LogDeferred(_logger, request.Caller.Actor.Platform, request.Caller.Actor.UserId);
        _deferrals.Track(FinishAsync(work, sink));
        return ChatAnswer.Later;
    }

    private async Task FinishAsync(Task<DispatchResult?> work, IReplySink sink)
    {
        if (await work is { } result)
        {
            await sink.SendAsync(result, _deferrals.Stopping);
        }
    }

    private async Task<DispatchResult?> RunAsync(ChatRequest request, DispatchResult? limited, ReadKey? key, Core.State.BoardState state, CancellationToken cancellationToken)
    {
        var caller = request.Caller;
        CommandSpec? spec = null;
        try
        {
            if (request.Input.Kind == ChatInputKind.Message)
            {
                // A free message is admitted by the router, once, and only when it is going to be answered.
                var answer = await _router.AnswerAsync(request.Input.Text!, caller, request.Input.MustAnswer, cancellationToken);
                return answer is null ? null : Finish(answer, request, caller);
            }

            if (limited is not null)
            {
                // Over the limit as far as the quick look-up knows: an admin is exempt, so ask the platform before refusing.
                caller = await request.Lookup!.LookUpAsync(caller, cancellationToken);
                if (!caller.IsAdmin)
                {
                    return Finish(limited, request, caller);
                }
            }

            // 3. Parse once (a typed command arrives parsed).
            CommandInput input;
            if (request.Input.Kind == ChatInputKind.CommandText)
            {
                if (!TextCommandParser.TryParse(request.Input.Text!, out input, out var error))
                {
                    return Finish(CommandDispatcher.Unparsed(error!, caller), request, caller);
                }
            }
            else
            {
                input = request.Input.Typed!;
            }

            spec = input.Spec;

            // A change the platform already delivered to another instance sharing the database runs there, not again here.
            if (spec.Mutates && request.ChangeClaim is { } claim && !await claim.FirstChangeAsync(request.ChangeKey, cancellationToken))
            {
                return null;
            }

            // 4. Authorization needs to know whether the caller is an admin: ask the platform when it is not sure yet.
            if (spec.Permission == Permission.Admin && !caller.IsAdmin && request.Lookup is { } lookup)
            {
                caller = await lookup.LookUpAsync(caller, cancellationToken);
            }

            // 5. Dispatch (authorization, binding, the handler, one metric).
            var result = Finish(await _dispatcher.RunAsync(input, caller, cancellationToken), request, caller);
            if (key is { } k && !spec.Mutates && result.Outcome == CommandOutcome.Answered && ReferenceEquals(caller, request.Caller))
            {
                _cache.Set(k, state, result);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // 6. The unexpected: logged once with a reference the person can quote.
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogFailed(_logger, ex, caller.Actor.Platform, spec?.Name ?? "message", reference);
            var failed = Reply.Error(Localizer.For(caller.Culture).Format(nameof(Strings.Error_Internal), reference));
            return Finish(new DispatchResult(failed, CommandOutcome.Failed, spec), request, caller);
        }
    }

    /// <summary>Who the answer is for: the channel only for a reply meant for it or a shared read, never an error.</summary>
    private static DispatchResult Finish(DispatchResult result, ChatRequest request, Caller caller)
    {
        var forChannel = result.Reply.Severity != Severity.Error
            && (result.Reply.Visibility == Visibility.Channel
                || (request.Share && result.Outcome == CommandOutcome.Answered && result.Spec is { Mutates: false }));
        return result.ForChannel == forChannel && result.ForAdmin == caller.IsAdmin
            ? result
            : result with { ForChannel = forChannel, ForAdmin = caller.IsAdmin };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform} user {UserId}: answer is taking long; acknowledged, finishing later")]
    private static partial void LogDeferred(ILogger logger, string platform, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Platform} {Command} failed (ref {Reference})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string platform, string command, string reference);
}
