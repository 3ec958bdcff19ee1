using System.Globalization;
using StatusBot.Testing.Publishing;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// <c>statusbot serve</c> as a real child process with three X, three Mastodon and three Bluesky publishers (each its own
/// account on a loopback timeline emulator that outlives the process), killed with SIGKILL twice while posts it has made
/// are not yet answered (so their receipts are never recorded): once during the opening posts, once during the thread of
/// updates and the resolution; then restarted on the same data directory. Every timeline ends with exactly one thread:
/// the opening, each update and the resolution, each once, each a reply to the one before. Mastodon is kept from
/// duplicates by the <c>Idempotency-Key</c>; X and Bluesky by the look at the account's latest posts before a resend.
/// </summary>
public sealed class KillDuringTimelineFanOutTests
{
    private const int PerKind = 3;

    private static readonly string[] Kinds = ["x", "mastodon", "bluesky"];

    [Fact]
    public async Task SigkillDuringTimelineThreads_RestartPostsEveryUpdateOnceAsAReplyToTheOneBefore()
    {
        var accounts = new List<PublicTimelineEmulator>();
        var data = Directory.CreateTempSubdirectory("statusbot-kill-timeline-").FullName;
        try
        {
            for (var i = 0; i < PerKind; i++)
            {
                var emulator = await PublicTimelineEmulator.StartAsync(TimeProvider.System);
                emulator.AnswerDelay = TimeSpan.FromSeconds(1);
                accounts.Add(emulator);
            }

            var timelines = (from a in Enumerable.Range(0, PerKind) from kind in Kinds select (Account: accounts[a], Kind: kind)).ToList();
            var settings = Settings(timelines);
            var port = ServeProcess.FreePort();
            var lost = Kinds.ToDictionary(k => k, _ => 0);

            await using (var first = ServeProcess.Start(data, environment: settings, port: port))
            {
                await first.WaitReadyAsync();
                await first.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
                var opened = await KillDuringFanOutTests.KillWhenAsync(first, () => timelines.Count(t => t.Account.PostsOn(t.Kind).Count > 0), n => n >= 3);
                Assert.InRange(opened, 3, timelines.Count - 1);
                CountLost(accounts, lost);
            }

            await using (var second = ServeProcess.Start(data, environment: settings, port: port))
            {
                await second.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => timelines.All(t => t.Account.PostsOn(t.Kind).Count > 0));
                await second.AdminAsync("api/admin/incidents/INC-1/updates", """{"status":"identified","message":"Load balancers in us-east-1 are failing"}""");
                await second.AdminAsync("api/admin/incidents/INC-1/updates", """{"status":"monitoring","message":"Traffic moved to us-west-2"}""");
                await second.AdminAsync("api/admin/incidents/INC-1/resolve", """{"message":"Streaming works on TV devices again"}""");

                // Killed while a post of every kind is made and unanswered, the threads half done.
                await KillDuringFanOutTests.KillWhenAsync(
                    second,
                    () => timelines.Sum(t => t.Account.PostsOn(t.Kind).Count),
                    n => n >= timelines.Count + 6 && Kinds.All(k => accounts.Sum(a => a.AnswersInFlight(k)) > 0));
                CountLost(accounts, lost);
            }

            Assert.All(Kinds, k => Assert.True(lost[k] > 0, $"no {k} post was left unanswered by a kill"));
            Assert.True(timelines.Sum(t => t.Account.PostsOn(t.Kind).Count) < timelines.Count * 4, "every post was made before the second kill");

            await using (var third = ServeProcess.Start(data, environment: settings, port: port))
            {
                await third.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => timelines.All(t => t.Account.PostsOn(t.Kind).Count >= 4), TimeSpan.FromSeconds(120));
                await ServeProcess.WaitUntilAsync(() => accounts.All(a =>
                    Kinds.All(k => a.AnswersInFlight(k) == 0) && DateTimeOffset.UtcNow - a.Posts.Max(p => p.At) > TimeSpan.FromSeconds(2)));
            }

            Assert.All(timelines, t =>
            {
                var posts = t.Account.PostsOn(t.Kind);
                Assert.Equal(4, posts.Count);
                Assert.Equal(posts.Count, posts.Select(p => p.Text).Distinct().Count());
                Assert.Null(posts[0].ReplyTo);
                for (var n = 1; n < posts.Count; n++)
                {
                    Assert.Equal(posts[n - 1].Id, posts[n].ReplyTo);
                    Assert.Equal(posts[0].Id, posts[n].Root);
                }

                Assert.Contains("Streaming fails on TV devices", posts[0].Text, StringComparison.Ordinal);
                Assert.Contains("Load balancers in us-east-1 are failing", posts[1].Text, StringComparison.Ordinal);
                Assert.Contains("Traffic moved to us-west-2", posts[2].Text, StringComparison.Ordinal);
                Assert.StartsWith("Resolved: Streaming works again", posts[3].Text, StringComparison.Ordinal);
                Assert.All(posts, p => Assert.EndsWith("https://status.example.com/incidents/INC-1", p.Text, StringComparison.Ordinal));
            });

            // Nothing was refused (no duplicate content on X, no reply to an unknown post), and the resends did happen:
            // Mastodon answered them from the Idempotency-Key, X and Bluesky were searched first.
            Assert.All(accounts, a => Assert.Empty(a.Refusals));
            Assert.True(accounts.Sum(a => a.IdempotentReplays) >= lost["mastodon"], $"{lost["mastodon"]} Mastodon answers lost, {accounts.Sum(a => a.IdempotentReplays)} replayed");
            Assert.True(accounts.Sum(a => a.Lookups("x")) >= lost["x"], "X was not searched before the resends");
            Assert.True(accounts.Sum(a => a.Lookups("bluesky")) >= lost["bluesky"], "Bluesky was not searched before the resends");
        }
        finally
        {
            foreach (var account in accounts)
            {
                await account.DisposeAsync();
            }

            ServeProcess.TryDelete(data);
        }
    }

    /// <summary>Right after a kill: the posts made whose answer the dead process never read.</summary>
    private static void CountLost(List<PublicTimelineEmulator> accounts, Dictionary<string, int> lost)
    {
        foreach (var kind in Kinds)
        {
            lost[kind] += accounts.Sum(a => a.AnswersInFlight(kind));
        }
    }

    /// <summary>One publisher per account and kind, kinds interleaved, no approval, credentials in variables.</summary>
    private static Dictionary<string, string> Settings(List<(PublicTimelineEmulator Account, string Kind)> timelines)
    {
        var settings = new Dictionary<string, string>
        {
            ["StatusBot__Web__PublicUrl"] = "https://status.example.com",
            ["StatusBot__Announcements__MaxParallelSends"] = "4",
            ["TIMELINE_X_KEY"] = PublicTimelineEmulator.XConsumerKey,
            ["TIMELINE_X_SECRET"] = PublicTimelineEmulator.XConsumerSecret,
            ["TIMELINE_X_TOKEN"] = PublicTimelineEmulator.XAccessToken,
            ["TIMELINE_X_TOKEN_SECRET"] = PublicTimelineEmulator.XAccessTokenSecret,
            ["TIMELINE_MASTODON_TOKEN"] = PublicTimelineEmulator.MastodonToken,
            ["TIMELINE_BSKY_HANDLE"] = PublicTimelineEmulator.BlueskyHandle,
            ["TIMELINE_BSKY_PASSWORD"] = PublicTimelineEmulator.BlueskyAppPassword,
        };
        for (var i = 0; i < timelines.Count; i++)
        {
            var (account, kind) = timelines[i];
            var key = "StatusBot__Publishers__" + i.ToString(CultureInfo.InvariantCulture) + "__";
            settings[key + "Kind"] = kind;
            settings[key + "Name"] = kind + "-" + (i / Kinds.Length).ToString(CultureInfo.InvariantCulture);
            settings[key + "RequireApproval"] = "false";
            switch (kind)
            {
                case "x":
                    settings[key + "BaseUrl"] = account.XBaseUrl;
                    settings[key + "ConsumerKeyEnv"] = "TIMELINE_X_KEY";
                    settings[key + "ConsumerSecretEnv"] = "TIMELINE_X_SECRET";
                    settings[key + "AccessTokenEnv"] = "TIMELINE_X_TOKEN";
                    settings[key + "AccessTokenSecretEnv"] = "TIMELINE_X_TOKEN_SECRET";
                    break;
                case "mastodon":
                    settings[key + "BaseUrl"] = account.MastodonBaseUrl;
                    settings[key + "TokenEnv"] = "TIMELINE_MASTODON_TOKEN";
                    break;
                default:
                    settings[key + "BaseUrl"] = account.BlueskyBaseUrl;
                    settings[key + "IdentifierEnv"] = "TIMELINE_BSKY_HANDLE";
                    settings[key + "AppPasswordEnv"] = "TIMELINE_BSKY_PASSWORD";
                    break;
            }
        }

        return settings;
    }
}
