using System.Globalization;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>
/// The local console platform: one line in, one answer out. Works interactively (with a prompt) and piped. The
/// operator is the local admin unless started with <c>--viewer</c>.
/// </summary>
public sealed class ConsoleChat(ChatPipeline pipeline)
{
    public static Caller Operator(bool viewer, CultureInfo culture)
    {
        var user = Environment.UserName is { Length: > 0 } name ? name : "operator";
        return new Caller(new Actor("console", user, user), IsAdmin: !viewer, culture);
    }

    public async Task<int> RunAsync(TextReader input, TextWriter output, Caller caller, bool interactive, CancellationToken cancellationToken)
    {
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

            var result = await pipeline.AnswerAsync(new ChatRequest(caller, ChatInput.Message(line)), cancellationToken);
            await output.WriteAsync(ConsoleRenderer.Render(result!.Reply));
            await output.WriteLineAsync();
            await output.FlushAsync(cancellationToken);
        }

        return 0;
    }
}
