using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;

namespace StatusBot.Host.Demo;

/// <summary>A publisher that shows each post, edit and thread reply in the terminal, as a channel would receive them.</summary>
public sealed class ConsolePublisher(TextWriter output) : IChatPublisher
{
    private int _next;

    public string Platform => "console";

    public Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken)
    {
        var id = "card-" + Interlocked.Increment(ref _next);
        Write($"#{channel.ChannelId} · new status card", reply);
        return Task.FromResult(PublishResult.Delivered(id));
    }

    public Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(PublishResult.Delivered(messageId));

    public Task<PublishResult> ReplyInThreadAsync(ChannelRef channel, string parentMessageId, string? threadId, Reply reply, PostOptions options, CancellationToken cancellationToken)
    {
        Write($"#{channel.ChannelId} · thread reply (card edited in place)", reply);
        return Task.FromResult(PublishResult.Delivered(parentMessageId, threadId ?? parentMessageId));
    }

    private void Write(string header, Reply reply)
    {
        lock (output)
        {
            output.WriteLine($"  📣 {header}");
            foreach (var line in reply.ToPlainText().Split('\n'))
            {
                output.WriteLine("     │ " + line);
            }
        }
    }
}
