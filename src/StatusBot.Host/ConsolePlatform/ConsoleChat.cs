using System.Globalization;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Questions;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>
/// The local console platform: one line in, one answer out. Works interactively (with a prompt) and piped. The
/// operator is the local admin unless started with <c>--viewer</c>.
/// </summary>
public sealed partial class ConsoleChat(ConversationRouter router, ILogger<ConsoleChat> logger)
{
    public static Caller Operator(bool viewer, CultureInfo culture)
    {
        var user = Environment.UserName is { Length: > 0 } name ? name : "operator";
        return new Caller(new Actor("console", user, user), IsAdmin: !viewer, culture);
    }

    public async Task<int> RunAsync(TextReader input, TextWriter output, Caller caller, bool interactive, CancellationToken cancellationToken)
    {
        var l = Localizer.For(caller.Culture);
        if (interactive)
        {
            await output.WriteLineAsync("StatusBot — type help, a command, or a question. Ctrl+D to quit.");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                // Ctrl+D ends the input on the prompt's line: end that line, so the shell's prompt starts on its own.
                if (interactive)
                {
                    await output.WriteLineAsync();
                    await output.FlushAsync(cancellationToken);
                }

                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Trim() is "exit" or "quit")
            {
                break;
            }

            Reply reply;
            try
            {
                var result = await router.AnswerAsync(line, caller, mustAnswer: true, cancellationToken);
                reply = result!.Reply;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var reference = Guid.NewGuid().ToString("N")[..8];
                LogFailed(logger, reference, ex);
                reply = Reply.Error(l.Format(nameof(Strings.Error_Internal), reference));
            }

            await output.WriteAsync(ConsoleRenderer.Render(reply));
            await output.WriteLineAsync();
            await output.FlushAsync(cancellationToken);
        }

        return 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Console command failed (ref {Reference})")]
    private static partial void LogFailed(ILogger logger, string reference, Exception exception);
}
