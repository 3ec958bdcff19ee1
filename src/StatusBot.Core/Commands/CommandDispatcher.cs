using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Replies;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands;

/// <summary>
/// The one way into the handlers for every platform: find the command, check who may run it, validate its options,
/// then answer a read from the current state or send a write through the single writer and answer once it is durable.
/// A caller over their rate limit gets a friendly refusal before anything else is looked at.
/// </summary>
public sealed partial class CommandDispatcher(
    StatusBoard board,
    IEnumerable<ICommandHandler> handlers,
    CommandRateLimiter limiter,
    ILogger<CommandDispatcher> logger)
{
    private readonly Dictionary<string, ICommandHandler> _handlers = handlers.ToDictionary(h => h.Spec.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses and runs a text command (<c>/incident open streaming major "…"</c>).</summary>
    public Task<DispatchResult> DispatchTextAsync(string text, Caller caller, CancellationToken cancellationToken) =>
        TryAdmit(caller, out var limited) ? RunTextAsync(text, caller, cancellationToken) : Task.FromResult(limited);

    /// <summary>Runs a text command without counting it against the rate limit (the caller was admitted already).</summary>
    internal Task<DispatchResult> RunTextAsync(string text, Caller caller, CancellationToken cancellationToken)
    {
        if (!TextCommandParser.TryParse(text, out var input, out var error))
        {
            StatusBotMetrics.Command(caller.Actor.Platform, error!.Spec?.Name ?? "unknown", "usage", 0);
            return Task.FromResult(Usage(error, caller));
        }

        return RunAsync(input, caller, cancellationToken);
    }

    /// <summary>Runs a command whose words are already sorted (Discord options, a button, a question).</summary>
    public Task<DispatchResult> DispatchAsync(CommandInput input, Caller caller, CancellationToken cancellationToken) =>
        TryAdmit(caller, out var limited) ? RunAsync(input, caller, cancellationToken) : Task.FromResult(limited);

    /// <summary>
    /// Counts one command against the caller's rate limit. Adapters that answer a repeated read from a cache, without
    /// dispatching, call this first so the cache is no way around the limit.
    /// </summary>
    public bool TryAdmit(Caller caller, out DispatchResult limited)
    {
        if (limiter.TryTake(caller, out var retryAfter, out var alreadyRefused))
        {
            limited = null!;
            return true;
        }

        LogLimited(logger, caller.Actor.Platform, caller.Actor.UserId);
        StatusBotMetrics.Command(caller.Actor.Platform, "unknown", "limited", 0);
        var l = Localizer.For(caller.Culture);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        var reply = Reply.Error(l[nameof(Strings.Error_RateLimited)], l.Plural(nameof(Strings.Error_RateLimitedHint), Math.Max(1, seconds)));
        limited = new DispatchResult(reply, CommandOutcome.Limited, null) { RepeatedRefusal = alreadyRefused };
        return false;
    }

    /// <summary>Runs a command without counting it against the rate limit (the caller was admitted already).</summary>
    internal async Task<DispatchResult> RunAsync(CommandInput input, Caller caller, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await DispatchCoreAsync(input, caller, cancellationToken);
        StatusBotMetrics.Command(caller.Actor.Platform, input.Spec.Name, result.Outcome.ToString().ToLowerInvariant(), Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private async Task<DispatchResult> DispatchCoreAsync(CommandInput input, Caller caller, CancellationToken cancellationToken)
    {
        var spec = input.Spec;
        var l = Localizer.For(caller.Culture);
        if (spec.Permission == Permission.Admin && !caller.IsAdmin)
        {
            LogDenied(logger, spec.Name, caller.Actor.Platform, caller.Actor.UserId);
            var denied = Reply.Error(l.Format(nameof(Strings.Error_AdminOnly), spec.Name), l[nameof(Strings.Error_AdminOnlyHint)]);
            return new DispatchResult(denied, CommandOutcome.Denied, spec);
        }

        var state = board.Current;
        if (!CommandBinder.TryBind(input, state, out var values, out var error))
        {
            return Usage(error!, caller);
        }

        var command = new ChatCommand(spec, values, caller.Actor, caller.IsAdmin, caller.Culture, caller.Channel);
        var handler = _handlers[spec.Name];
        if (handler is IQueryHandler query)
        {
            return new DispatchResult(query.Answer(state, command), CommandOutcome.Answered, spec);
        }

        var writer = (IDecisionHandler)handler;
        CommitResult result;
        try
        {
            result = await board.ExecuteAsync(s => writer.Decide(s, command), cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            var failed = Reply.Error(l[nameof(Strings.Error_StoreUnavailable)], l[nameof(Strings.Error_StoreUnavailableHint)]);
            return new DispatchResult(failed, CommandOutcome.Failed, spec);
        }

        if (result.Decision.Error is { } refusal)
        {
            return new DispatchResult(Reply.Error(refusal), CommandOutcome.Refused, spec);
        }

        LogChanged(logger, spec.Name, caller.Actor.Platform, caller.Actor.UserId, result.Decision.Events.Count);
        var outcome = result.Decision.Events.Count == 0 ? CommandOutcome.Unchanged : CommandOutcome.Changed;
        return new DispatchResult(writer.Confirm(result.State, command, result.Decision), outcome, spec) { Events = result.Decision.Events };
    }

    private static DispatchResult Usage(CommandError error, Caller caller) =>
        new(CommandErrors.ToReply(error, Localizer.For(caller.Culture)), CommandOutcome.Usage, error.Spec);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied admin command {Command} to {Platform} user {UserId}")]
    private static partial void LogDenied(ILogger logger, string command, string platform, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limited {Platform} user {UserId}")]
    private static partial void LogLimited(ILogger logger, string platform, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} by {Platform} user {UserId} stored {Count} events")]
    private static partial void LogChanged(ILogger logger, string command, string platform, string userId, int count);
}
