using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Chat;
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
/// Slash commands for both transports: decodes the command into a <see cref="ChatRequest"/> for the pipeline and renders
/// its answer as a Slack message. An answer not ready within <see cref="SlackOptions.InlineBudgetMilliseconds"/> is
/// acknowledged at once and finished through <c>response_url</c>. Replies are ephemeral unless the reply is meant for the
/// channel or a read is shared with <c>--share</c>.
/// </summary>
public sealed partial class SlackCommandService(
    ChatPipeline pipeline,
    SlackCallers callers,
    ISlackWebApi api,
    SlackReplayGuard replays,
    IOptions<SlackOptions> options,
    ILogger<SlackCommandService> logger)
{
    public const string ShareFlag = "--share";

    // An answer reused by the pipeline's read cache is the same result object: it is rendered once, not once per request.
    private static readonly ConditionalWeakTable<DispatchResult, SlackMessage> Rendered = [];

    private readonly SlackOptions _options = options.Value;
    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.InlineBudgetMilliseconds));

    /// <summary>
    /// The immediate answer to Slack's request (the final one, or a "working on it" acknowledgement); null for a command
    /// that changes something and that another instance already ran (a replay: nothing to say).
    /// </summary>
    public async ValueTask<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        // Slack sends & < > typed by the user as entities; mention forms arrive as raw <@U…> and stay inert in the renderers.
        var catalogText = SlackCommandText.ToCatalogText(_options, command.Command, SlackEscape.Unescape(command.Text));
        if (catalogText is null)
        {
            var l = Localizer.For(Locales.Resolve(_options.Locale));
            var unknown = Reply.Error(l.Format(nameof(Strings.Error_UnknownCommand), command.Command), l.Format(nameof(Strings.Slack_SlashUsage), _options.CommandName));
            return Ephemeral(SlackRenderer.Render(unknown, showAdminActions: false));
        }

        var share = TakeShareFlag(ref catalogText);

        // The channel the command came from, so "channel subscribe" knows where announcements should go.
        var caller = callers.Quick(command.UserId, command.UserName, SlackCallers.Channel(command.ChannelId, command.TeamId));
        var request = new ChatRequest(caller, ChatInput.CommandText(catalogText))
        {
            Budget = _budget,
            Share = share,
            Lookup = callers,
            ChangeClaim = replays,
            ChangeKey = command.TriggerId,
        };

        var answer = await pipeline.HandleAsync(request, new ResponseUrlSink(this, command), cancellationToken);
        if (answer.Deferred)
        {
            // Slack shows a timeout after 3 s and ignores a late HTTP answer: acknowledge now, finish later.
            var l = Localizer.For(caller.Culture);
            return Ephemeral(new SlackMessage { Text = "⏳ " + l[nameof(Strings.Slack_Working)] });
        }

        return answer.Result is { } result ? Render(result) : null;
    }

    /// <summary>The Slack message for a result: ephemeral unless it is for the channel.</summary>
    internal static SlackMessage Render(DispatchResult result) =>
        Rendered.GetValue(result, r => SlackRenderer.Render(r.Reply, r.ForAdmin) with
        {
            ResponseType = r.ForChannel ? SlackMessage.InChannel : SlackMessage.Ephemeral,
        });

    /// <summary>Removes a trailing <c>--share</c>; the text is unchanged (no copy) when there is none.</summary>
    internal static bool TakeShareFlag(ref string text)
    {
        var trimmed = text.AsSpan().TrimEnd(' ');
        if (!trimmed.EndsWith(ShareFlag, StringComparison.OrdinalIgnoreCase)
            || (trimmed.Length > ShareFlag.Length && trimmed[trimmed.Length - ShareFlag.Length - 1] != ' '))
        {
            return false;
        }

        var rest = trimmed[..^ShareFlag.Length].Trim(' ');
        text = rest.IsEmpty ? Catalog.Status.Name : rest.ToString();
        return true;
    }

    private static SlackMessage Ephemeral(SlackMessage message) => message with { ResponseType = SlackMessage.Ephemeral };

    private async Task RespondAsync(SlashCommand command, DispatchResult result, CancellationToken cancellationToken)
    {
        if (command.ResponseUrl is not { Length: > 0 } url)
        {
            return;
        }

        var sent = await api.RespondAsync(url, Render(result) with { ReplaceOriginal = true }, cancellationToken);
        if (!sent.Ok)
        {
            LogResponseFailed(logger, command.Command, sent.Error);
        }
    }

    /// <summary>A late answer goes to the command's <c>response_url</c>, replacing the "working on it" message.</summary>
    private sealed class ResponseUrlSink(SlackCommandService service, SlashCommand command) : IReplySink
    {
        public Task SendAsync(DispatchResult result, CancellationToken cancellationToken) => service.RespondAsync(command, result, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Command}: posting to response_url failed: {Error}")]
    private static partial void LogResponseFailed(ILogger logger, string command, string? error);
}
