using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Replies;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands;

/// <summary>
/// The pipeline's inner stages: admission (the per-user rate limit), then for a command already admitted, authorization
/// (the <see cref="Permission"/> the catalog gives it), binding its options, and the answer: a read from the current
/// state, or a write through the single writer answered once it is durable. Only <see cref="Chat.ChatPipeline"/> and the
/// question router it runs call this, so admission is never a step a platform must remember.
/// </summary>
internal sealed partial class CommandDispatcher(
    StatusBoard board,
    IEnumerable<ICommandHandler> handlers,
    CommandRateLimiter limiter,
    ILogger<CommandDispatcher> logger)
{
    private readonly Dictionary<string, ICommandHandler> _handlers = handlers.ToDictionary(h => h.Spec.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses and runs a text command already admitted: a text that is no command is answered with its usage.</summary>
    public Task<DispatchResult> RunTextAsync(string text, Caller caller, CancellationToken cancellationToken)
    {
        if (!TextCommandParser.TryParse(text, out var input, out var error))
        {
            return Task.FromResult(Unparsed(error!, caller));
        }

        return RunAsync(input, caller, cancellationToken);
    }

    /// <summary>
    /// Counts one command against the caller's rate limit: null when admitted, else the refusal to answer with (and
    /// nothing is run).
    /// </summary>
    public DispatchResult? Admit(Caller caller)
    {
        if (limiter.TryTake(caller, out var retryAfter, out var alreadyRefused))
        {
            return null;
        }

        LogLimited(logger, caller.Actor.Platform, caller.Actor.UserId);
        StatusBotMetrics.Command(caller.Actor.Platform, "unknown", "limited", 0);
        var l = Localizer.For(caller.Culture);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        var reply = Reply.Error(l[nameof(Strings.Error_RateLimited)], l.Plural(nameof(Strings.Error_RateLimitedHint), Math.Max(1, seconds)));
        return new DispatchResult(reply, CommandOutcome.Limited, null) { RepeatedRefusal = alreadyRefused };
    }

    /// <summary>The usage answer for a text that could not be parsed (counted once, under its command when known).</summary>
    public static DispatchResult Unparsed(CommandError error, Caller caller)
    {
        StatusBotMetrics.Command(caller.Actor.Platform, error.Spec?.Name ?? "unknown", "usage", 0);
        return Usage(error, caller);
    }

    /// <summary>Runs a command already admitted: authorization, binding, then the handler; one metric per command.</summary>
    public async Task<DispatchResult> RunAsync(CommandInput input, Caller caller, CancellationToken cancellationToken)
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
