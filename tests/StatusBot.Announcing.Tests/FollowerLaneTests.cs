using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Following;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Announcing.Tests;

/// <summary>Followers are told in one lane per platform (per workspace on Slack): a platform that is slow holds only its own.</summary>
public sealed class FollowerLaneTests
{
    [Fact]
    public async Task RunOnce_DiscordHeldUp_SlackFollowersAreToldMeanwhile()
    {
        await using var bot = await TestBot.StartAsync();
        foreach (var user in new[] { "1001", "1002", "1003" })
        {
            await FollowAsync(bot, new Caller(new Actor("discord", user, "D" + user), false, Locales.Resolve("en"), new ChannelRef("discord", "C" + user)));
        }

        foreach (var user in new[] { "U1", "U2" })
        {
            await FollowAsync(bot, new Caller(new Actor("slack", user, "S" + user), false, Locales.Resolve("en"), new ChannelRef("slack", "C" + user, "T1")));
        }

        var discord = new DirectPlatform("discord", held: true);
        var slack = new DirectPlatform("slack", held: false);
        var follow = new FollowOptions { MaxParallelSends = 1 };
        var notifier = new FollowerNotifier(
            bot.Board, [discord, slack], [discord, slack], follow, new FollowerMessages(new AnnouncementRenderer(new AnnouncementOptions()), follow),
            bot.Time, NullLogger<FollowerNotifier>.Instance);
        await bot.RunAsync("incident open streaming major \"Streaming fails on TV devices\"", TestBot.Admin());

        var pass = notifier.RunOnceAsync(CancellationToken.None);
        await slack.Posted(2).WaitAsync(TimeSpan.FromSeconds(10));
        var discordWhileHeld = discord.Posts.Count;
        discord.Release();
        await pass.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, discordWhileHeld);
        Assert.Equal(["U1", "U2"], slack.Posts.Order());
        Assert.Equal(["1001", "1002", "1003"], discord.Posts.Order());
    }

    private static async Task FollowAsync(TestBot bot, Caller caller)
    {
        var result = await bot.RunAsync("follow streaming", caller);
        Assert.Equal(CommandOutcome.Changed, result.Outcome);
    }

    /// <summary>A platform's direct messages: opening a channel waits while the platform is held up; posts are recorded by user.</summary>
    private sealed class DirectPlatform(string name, bool held) : IDirectMessenger, IChatPublisher
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _posts = new();
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public string Platform => name;

        public IReadOnlyCollection<string> Posts => [.. _posts];

        public void Release() => _open.TrySetResult();

        public Task Posted(int count)
        {
            Volatile.Write(ref _expected, count);
            if (_posts.Count >= count)
            {
                _enough.TrySetResult();
            }

            return _enough.Task;
        }

        public async Task<PublishResult> OpenAsync(DirectRecipient recipient, CancellationToken cancellationToken)
        {
            if (held)
            {
                await _open.Task.WaitAsync(cancellationToken);
            }

            return PublishResult.Delivered("DM-" + recipient.UserId);
        }

        public Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken)
        {
            _posts.Enqueue(channel.ChannelId["DM-".Length..]);
            if (_posts.Count >= Volatile.Read(ref _expected))
            {
                _enough.TrySetResult();
            }

            return Task.FromResult(PublishResult.Delivered("M" + _posts.Count));
        }

        public Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken) =>
            Task.FromResult(PublishResult.Delivered(messageId));

        public Task<PublishResult> ReplyInThreadAsync(ChannelRef channel, string parentMessageId, string? threadId, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
            Task.FromResult(PublishResult.Delivered("R" + parentMessageId));
    }
}
