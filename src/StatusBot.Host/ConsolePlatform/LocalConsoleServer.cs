using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Storage;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>
/// Lets <c>statusbot chat</c> talk to a running <c>serve</c> on the same data directory, through a Unix domain socket in
/// it. The socket is the serving user's alone (mode 0600), and only a peer with that user id (SO_PEERCRED) is an admin;
/// any other peer (root) chats as a viewer.
/// </summary>
public sealed partial class LocalConsoleServer(ChatPipeline pipeline, IOptions<StorageOptions> storage, ILogger<LocalConsoleServer> logger)
    : BackgroundService
{
    private Socket? _listener;
    private string? _path;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var path = LocalConsole.SocketPath(storage.Value.FullDataDirectory);
        if (OperatingSystem.IsWindows() || !LocalConsole.IsSupported || Encoding.UTF8.GetByteCount(path) > LocalConsole.MaxPathBytes)
        {
            LogUnavailable(logger, path);
            return Task.CompletedTask;
        }

        // This process holds the data directory's lock: a socket left there is from a run that is gone.
        File.Delete(path);

        // Bound under another name and renamed once only its owner may use it, so nobody can connect in between.
        var pending = path + ".new";
        File.Delete(pending);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(pending));
        File.SetUnixFileMode(pending, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(pending, path);
        listener.Listen(8);
        _listener = listener;
        _path = path;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        await base.StopAsync(cancellationToken);
        if (_path is not null)
        {
            File.Delete(_path);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && _listener is { } listener)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, stoppingToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        try
        {
            using (client)
            await using (var stream = new NetworkStream(client, ownsSocket: false))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                var owner = LocalConsole.PeerUserId(client) is not { } peer || peer == LocalConsole.CurrentUserId;
                var hello = (await reader.ReadLineAsync(stoppingToken))?.Split(' ');
                if (hello is not ["hello", var role, var language, var user, .. var flags])
                {
                    return;
                }

                var culture = Locales.Resolve(language);
                var caller = new Caller(new Actor("console", user, user), IsAdmin: owner && role == "admin", culture) { CultureIsDefault = flags.Contains("default") };
                while (await reader.ReadLineAsync(stoppingToken) is { } line)
                {
                    await writer.WriteAsync(ConsoleRenderer.Render(await AnswerAsync(line, caller, stoppingToken)));
                    await writer.WriteAsync(LocalConsole.EndOfAnswer);
                    await writer.WriteLineAsync();
                    await writer.FlushAsync(stoppingToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The chat went away, or the bot is stopping.
        }
    }

    private async Task<Reply> AnswerAsync(string line, Caller caller, CancellationToken cancellationToken) =>
        (await pipeline.AnswerAsync(new ChatRequest(caller, ChatInput.Message(line)), cancellationToken))!.Reply;

    [LoggerMessage(Level = LogLevel.Warning, Message = "statusbot chat cannot attach to this bot: no Unix domain socket at {Path} on this system")]
    private static partial void LogUnavailable(ILogger logger, string path);
}
