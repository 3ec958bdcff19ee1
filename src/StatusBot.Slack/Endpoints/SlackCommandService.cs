using StatusBot.Core.Announcing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.Verification;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Answers slash commands for both transports. Reads come straight from memory and are answered inline; anything still
/// running when the inline budget is spent (an admin lookup, a durable write) is acknowledged at once and finished
/// through <c>response_url</c>. Replies are ephemeral unless the reply is meant for the channel or a read is shared
/// with <c>--share</c>.
/// </summary>
public sealed partial class SlackCommandService(
    CommandDispatcher dispatcher,
    StatusBoard board,
    SlackReadCache reads,
    SlackCallers callers,
    ISlackWebApi api,
    SlackBackgroundWork background,
    SlackReplayGuard replays,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackCommandService> logger)
{
    public const string ShareFlag = "--share";

    private readonly SlackOptions _options = options.Value;
    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(options.Value.InlineBudgetMilliseconds);

    /// <summary>
    /// The immediate answer to Slack's request (the final one, or a "working on it" acknowledgement); null for a command
    /// that changes something and that another instance already ran (a replay: nothing to say).
    /// </summary>
    public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        // Slack sends & < > typed by the user as entities; mention forms arrive as raw <@U…> and stay inert in the renderers.
        var catalogText = SlackCommandText.ToCatalogText(_options, command.Command, SlackEscape.Unescape(command.Text));
        var l = Localizer.For(Locales.Resolve(_options.Locale));
        if (catalogText is null)
        {
            var unknown = Reply.Error(l.Format(nameof(Strings.Error_UnknownCommand), command.Command), l.Format(nameof(Strings.Slack_SlashUsage), _options.CommandName));
            return Ephemeral(SlackRenderer.Render(unknown, showAdminActions: false));
        }

        var share = TakeShareFlag(ref catalogText);
        var parsed = TextCommandParser.TryParse(catalogText, out var input, out _);
        if (parsed && input.Spec.Mutates && !await replays.FirstChangeAsync(command.TriggerId, cancellationToken))
        {
            return null;
        }

        var work = RunAsync(command, catalogText, share, parsed ? input.Spec : null, CancellationToken.None);
        if (!work.IsCompleted)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // A budget of 0 defers whatever is not done at once, rather than racing a timer that is due already.
            if (_budget <= TimeSpan.Zero || await Task.WhenAny(work, Task.Delay(_budget, time, budget.Token)) != work)
            {
                // Slack shows a timeout after 3 s and ignores a late HTTP answer: acknowledge now, finish later.
                LogDeferred(logger, command.Command);
                background.Enqueue(ct => FinishLaterAsync(command, work, ct));
                return Ephemeral(new SlackMessage { Text = "⏳ " + l[nameof(Strings.Slack_Working)] });
            }

            await budget.CancelAsync();
        }

        return await work;
    }

    private async Task<SlackMessage> RunAsync(SlashCommand command, string catalogText, bool share, CommandSpec? spec, CancellationToken cancellationToken)
    {
        var needsAdmin = spec?.Permission == Permission.Admin;
        // The channel the command came from, so "channel subscribe" knows where announcements should go.
        var caller = await callers.ResolveAsync(command.UserId, command.UserName, needsAdmin, cancellationToken)
            with { Channel = new ChannelRef(SlackCallers.Platform, command.ChannelId) };
        var isRead = spec is { Mutates: false };
        var state = board.Current;
        if (isRead && reads.TryGet(catalogText, share, caller.Culture.Name, caller.IsAdmin, state, out var cached))
        {
            // A cached answer still counts against the caller's rate limit.
            return dispatcher.TryAdmit(caller, out var limited) ? cached : Ephemeral(SlackRenderer.Render(limited.Reply, showAdminActions: false));
        }

        try
        {
            var second = time.GetUtcNow().ToUnixTimeSeconds();
            var result = await dispatcher.DispatchTextAsync(catalogText, caller, cancellationToken);
            var message = SlackRenderer.Render(result.Reply, caller.IsAdmin);
            // An error is never shared: it may quote the caller's own words back, and those are not for the channel.
            var inChannel = result.Reply.Severity != Severity.Error
                && (result.Reply.Visibility == Visibility.Channel
                    || (share && result.Outcome == CommandOutcome.Answered && result.Spec is { Mutates: false }));
            message = message with { ResponseType = inChannel ? SlackMessage.InChannel : SlackMessage.Ephemeral };
            if (isRead && result.Outcome == CommandOutcome.Answered)
            {
                reads.Set(catalogText, share, caller.Culture.Name, caller.IsAdmin, state, second, message);
            }

            return message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogFailed(logger, reference, command.Command, ex);
            var l = Localizer.For(caller.Culture);
            return Ephemeral(SlackRenderer.Render(Reply.Error(l.Format(nameof(Strings.Error_Internal), reference)), false));
        }
    }

    private async Task FinishLaterAsync(SlashCommand command, Task<SlackMessage> work, CancellationToken cancellationToken)
    {
        var message = await work;
        if (command.ResponseUrl is not { Length: > 0 } url)
        {
            return;
        }

        var sent = await api.RespondAsync(url, message with { ReplaceOriginal = true }, cancellationToken);
        if (!sent.Ok)
        {
            LogResponseFailed(logger, command.Command, sent.Error);
        }
    }

    private static bool TakeShareFlag(ref string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && string.Equals(words[^1], ShareFlag, StringComparison.OrdinalIgnoreCase))
        {
            text = words.Length == 1 ? Catalog.Status.Name : string.Join(' ', words[..^1]);
            return true;
        }

        return false;
    }

    private static SlackMessage Ephemeral(SlackMessage message) => message with { ResponseType = SlackMessage.Ephemeral };

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Command} is taking long: acknowledged, answering through response_url")]
    private static partial void LogDeferred(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Command} failed (ref {Reference})")]
    private static partial void LogFailed(ILogger logger, string reference, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Command}: posting to response_url failed: {Error}")]
    private static partial void LogResponseFailed(ILogger logger, string command, string? error);
}
