using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace StatusBot.Host.ConsolePlatform;

/// <summary><c>statusbot chat</c> attached to a running <c>serve</c>: each line goes to the bot, each answer comes back.</summary>
public static class LocalConsoleClient
{
    /// <summary>Connects to the bot serving <paramref name="dataDirectory"/>; null when none runs there.</summary>
    public static async Task<Socket?> TryConnectAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = LocalConsole.SocketPath(dataDirectory);
        if (!LocalConsole.IsSupported || !File.Exists(path) || Encoding.UTF8.GetByteCount(path) > LocalConsole.MaxPathBytes)
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return socket;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // A socket file left by a bot that is gone: chat runs alone.
            socket.Dispose();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new Hosting.StartupException(
                $"a bot is serving data directory {dataDirectory}, and its console socket {path} belongs to another user; run chat as the user who runs the bot");
        }
    }

    public static async Task<int> RunAsync(
        Socket socket, string dataDirectory, TextReader input, TextWriter output, bool viewer, CultureInfo culture, bool cultureIsDefault, bool interactive, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        var user = Environment.UserName is { Length: > 0 } name ? name : "operator";
        await writer.WriteLineAsync(LocalConsole.Hello(viewer, culture, cultureIsDefault, user));
        if (interactive)
        {
            await output.WriteLineAsync($"StatusBot — attached to the bot serving {dataDirectory}. Type help, a command, or a question. Ctrl+D to quit.");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "exit" or "quit")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await writer.WriteLineAsync(line.ReplaceLineEndings(" "));
            var complete = false;
            while (await reader.ReadLineAsync(cancellationToken) is { } answer)
            {
                if (answer.Length == 1 && answer[0] == LocalConsole.EndOfAnswer)
                {
                    complete = true;
                    break;
                }

                await output.WriteLineAsync(answer);
            }

            if (!complete)
            {
                await Console.Error.WriteLineAsync("The bot stopped; chat ends.");
                return 1;
            }

            await output.WriteLineAsync();
            await output.FlushAsync(cancellationToken);
        }

        return 0;
    }
}
