using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Crowd;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Core.Questions;

/// <summary>
/// Answers a free message (a mention, a DM, a console line): runs it as a command when it reads as one, else as a
/// question through the intent matcher; when unsure, says what it understood and offers the commands. The pipeline's
/// stage for free messages: it admits a message itself, once, and only when it is going to answer it.
/// </summary>
internal sealed class ConversationRouter(CommandDispatcher dispatcher, StatusBoard board, CrowdWatch crowd)
{
    /// <summary>
    /// Returns null when the message is not for the bot (plain chatter), or when its sender is over the rate limit and
    /// was told so already; the caller then stays silent. Every message that gets an answer counts once against the limit.
    /// </summary>
    public async Task<DispatchResult?> AnswerAsync(string message, Caller caller, bool mustAnswer, CancellationToken cancellationToken)
    {
        var l = Localizer.For(caller.Culture);
        var text = message.Trim();
        DispatchResult? commandError = null;

        // One message counts once against the rate limit, even when it is tried as a command and then as a question;
        // plain chatter, which is never answered, does not count at all.
        var admitted = false;
        if (TextCommandParser.LooksLikeCommand(text))
        {
            crowd.Observe(ChatInput.Message(text), caller.Actor);
            if (dispatcher.Admit(caller) is { } limited)
            {
                return limited.RepeatedRefusal ? null : limited;
            }

            admitted = true;
            var result = await dispatcher.RunTextAsync(text, caller, cancellationToken);
            // "incident open …" and "service set …" are never questions: their errors must not become a status answer.
            var group = Catalog.Groups.Contains(text.Split([' ', '\t'], 2)[0], StringComparer.OrdinalIgnoreCase);
            if (result.Outcome != CommandOutcome.Usage || text.StartsWith('/') || group)
            {
                return result;
            }

            // "why is streaming down" starts like the why command but reads as a question: try that first, and show
            // the command's usage only if it is not one.
            commandError = result;
        }

        var state = board.Current;
        var match = IntentMatcher.Match(text, state);
        if (match is { ServiceId: { } asked, Kind: IntentKind.Status or IntentKind.Why or IntentKind.WhenBack or IntentKind.Unsure })
        {
            // The crowd as a signal: every question about a service counts, answered or refused by the rate limit.
            crowd.Observe(asked, caller.Actor);
        }

        // "pourquoi le streaming est en panne ?" is answered in French, unless the caller chose a language of their own.
        if (caller.CultureIsDefault && match.Language is { } language && !Equals(language, caller.Culture))
        {
            caller = caller with { Culture = language };
            l = Localizer.For(language);
        }

        var (spec, named) = match.Kind switch
        {
            IntentKind.Status or IntentKind.WhenBack => (Catalog.Status, ServiceOption(match)),
            IntentKind.Why => (Catalog.Why, ServiceOption(match)),
            IntentKind.Help => (Catalog.Help, match.Topic is { } topic ? new() { ["command"] = topic } : new Dictionary<string, string>()),
            _ => (null, null),
        };

        if (spec is not null)
        {
            if (!admitted && dispatcher.Admit(caller) is { } limited)
            {
                return limited.RepeatedRefusal ? null : limited;
            }

            var answer = await dispatcher.RunAsync(CommandInput.Of(spec, named), caller, cancellationToken);
            var argument = match.ServiceId ?? match.Topic;
            var equivalent = argument is null ? spec.Name : $"{spec.Name} {argument}";
            // Status and why questions about one service are one question for a crowd; a help topic is not.
            var topic = spec == Catalog.Help || answer.Outcome != CommandOutcome.Answered ? null : match.ServiceId ?? DispatchResult.OverviewTopic;
            return answer with { Reply = answer.Reply with { Footer = l.Format(nameof(Strings.Question_Tip), equivalent) }, Topic = topic };
        }

        if (match.Kind == IntentKind.Unsure || (commandError is null && mustAnswer))
        {
            if (!admitted && dispatcher.Admit(caller) is { } limited)
            {
                return limited.RepeatedRefusal ? null : limited;
            }
        }

        if (match.Kind == IntentKind.Unsure)
        {
            var name = state.ServiceName(match.ServiceId!);
            var unsure = new Reply
            {
                Title = l.Format(nameof(Strings.Question_Unsure), name),
                Lines = [$"status {match.ServiceId}", $"why {match.ServiceId}", $"uptime {match.ServiceId}"],
            };
            return new DispatchResult(unsure, CommandOutcome.Usage, null);
        }

        if (commandError is not null)
        {
            return commandError;
        }

        if (!mustAnswer)
        {
            return null;
        }

        // "stauts" on its own is a mistyped command rather than a question: say which one it probably was.
        if (!TextCommandParser.TryParse(text, out _, out var typo) && typo?.Suggestion is not null)
        {
            return new DispatchResult(CommandErrors.ToReply(typo, l), CommandOutcome.Usage, null);
        }

        var lost = new Reply { Title = l[nameof(Strings.Question_NotUnderstood)], Lines = [l[nameof(Strings.Question_Examples)]] };
        return new DispatchResult(lost, CommandOutcome.Usage, null);
    }

    private static Dictionary<string, string> ServiceOption(IntentMatch match) =>
        match.ServiceId is null ? [] : new() { ["service"] = match.ServiceId };
}
