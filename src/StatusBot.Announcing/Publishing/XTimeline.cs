using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Core.Announcing;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// An X account: <c>POST /2/tweets</c> signed with OAuth 1.0a (user context), later posts as replies
/// (<c>reply.in_reply_to_tweet_id</c>). X has no idempotency key: before a resend that may be a duplicate, the account's
/// most recent posts (<c>GET /2/users/me</c>, <c>GET /2/users/:id/tweets</c>) are searched for the same words. When X
/// then refuses the resend as duplicate content, the post exists: the last hundred posts are searched for its id, and if
/// the listing does not show it yet, it is looked for once more a few seconds later, so the thread goes on from it.
/// </summary>
public sealed class XTimeline(HttpClient http, PublisherOptions options, OAuth1Credentials credentials, TimeProvider time) : IPublicTimeline
{
    private const int RecentPosts = 10;

    private const int DuplicateSearch = 100;

    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(5);

    // Posts refused as duplicates and not found yet: looked for once more before the refusal is final.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _lookAgain = new(StringComparer.Ordinal);
    private string? _userId;

    public string Name => options.EffectiveName;

    public string Platform => "x";

    public async Task<PublishResult> PostAsync(PublicPost post, CancellationToken cancellationToken)
    {
        if (post.MayHaveBeenSent)
        {
            var (found, failure) = await FindOwnAsync(post.Text, RecentPosts, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }

            if (found is not null)
            {
                return PublishResult.Delivered(found);
            }
        }

        var body = new JsonObject { ["text"] = post.Text };
        if (post.Thread is { } thread)
        {
            body["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = thread.ParentId };
        }

        using var request = Signed(HttpMethod.Post, "/2/tweets");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (await TimelineHttp.FailureAsync(response, time, cancellationToken) is { } failed)
        {
            return post.MayHaveBeenSent && response.StatusCode == System.Net.HttpStatusCode.Forbidden && failed.Error?.Contains("duplicate content", StringComparison.OrdinalIgnoreCase) == true
                ? await DuplicateAsync(post, failed, cancellationToken)
                : failed;
        }

        _lookAgain.TryRemove(post.IdempotencyKey, out _);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return PublishResult.Delivered(answer.RootElement.GetProperty("data").GetProperty("id").GetString()!);
    }

    /// <summary>
    /// X says the text is posted already: the earlier attempt made it. Its id (so that the next post replies to it), or a
    /// retry once when the listing lags, or the refusal.
    /// </summary>
    private async Task<PublishResult> DuplicateAsync(PublicPost post, PublishResult refused, CancellationToken cancellationToken)
    {
        var (found, failure) = await FindOwnAsync(post.Text, DuplicateSearch, cancellationToken);
        if (found is not null)
        {
            _lookAgain.TryRemove(post.IdempotencyKey, out _);
            return PublishResult.Delivered(found);
        }

        if (failure is null && _lookAgain.TryAdd(post.IdempotencyKey, true))
        {
            return PublishResult.Retry(LookAgainAfter, "X already has this text; its post is not listed yet");
        }

        _lookAgain.TryRemove(post.IdempotencyKey, out _);
        return failure ?? refused;
    }

    /// <summary>The id of a recent post of the account with the same words, or the failure that keeps from knowing.</summary>
    private async Task<(string? Id, PublishResult? Failure)> FindOwnAsync(string text, int depth, CancellationToken cancellationToken)
    {
        if (_userId is null)
        {
            using var me = Signed(HttpMethod.Get, "/2/users/me");
            using var meResponse = await http.SendAsync(me, cancellationToken);
            if (await TimelineHttp.FailureAsync(meResponse, time, cancellationToken) is { } failed)
            {
                return (null, failed);
            }

            using var meAnswer = JsonDocument.Parse(await meResponse.Content.ReadAsStringAsync(cancellationToken));
            _userId = meAnswer.RootElement.GetProperty("data").GetProperty("id").GetString();
        }

        using var request = Signed(HttpMethod.Get, $"/2/users/{Uri.EscapeDataString(_userId!)}/tweets?max_results={depth.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (await TimelineHttp.FailureAsync(response, time, cancellationToken) is { } listFailed)
        {
            return (null, listFailed);
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!answer.RootElement.TryGetProperty("data", out var tweets))
        {
            return (null, null);
        }

        var wanted = TimelineHttp.Comparable(text);
        foreach (var tweet in tweets.EnumerateArray())
        {
            if (TimelineHttp.Comparable(tweet.GetProperty("text").GetString() ?? "") == wanted)
            {
                return (tweet.GetProperty("id").GetString(), null);
            }
        }

        return (null, null);
    }

    private HttpRequestMessage Signed(HttpMethod method, string pathAndQuery)
    {
        var url = new Uri(options.EffectiveBaseUrl + pathAndQuery);
        var request = new HttpRequestMessage(method, url);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var header = OAuth1.Header(method.Method, url, [], credentials, nonce, time.GetUtcNow().ToUnixTimeSeconds());
        request.Headers.TryAddWithoutValidation("Authorization", header);
        return request;
    }
}
