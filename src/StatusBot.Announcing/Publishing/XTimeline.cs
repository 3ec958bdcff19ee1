using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Core.Announcing;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// An X account: <c>POST /2/tweets</c> signed with OAuth 1.0a (user context), later posts as replies
/// (<c>reply.in_reply_to_tweet_id</c>). X has no idempotency key: before a resend that may be a duplicate, the account's
/// most recent posts (<c>GET /2/users/me</c>, <c>GET /2/users/:id/tweets</c>) are searched for the same words.
/// </summary>
public sealed class XTimeline(HttpClient http, PublisherOptions options, OAuth1Credentials credentials, TimeProvider time) : IPublicTimeline
{
    private string? _userId;

    public string Name => options.EffectiveName;

    public string Platform => "x";

    public async Task<PublishResult> PostAsync(PublicPost post, CancellationToken cancellationToken)
    {
        if (post.MayHaveBeenSent)
        {
            var (found, failure) = await FindOwnAsync(post.Text, cancellationToken);
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
            return failed;
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return PublishResult.Delivered(answer.RootElement.GetProperty("data").GetProperty("id").GetString()!);
    }

    /// <summary>The id of a recent post of the account with the same words, or the failure that keeps from knowing.</summary>
    private async Task<(string? Id, PublishResult? Failure)> FindOwnAsync(string text, CancellationToken cancellationToken)
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

        using var request = Signed(HttpMethod.Get, $"/2/users/{Uri.EscapeDataString(_userId!)}/tweets?max_results=10");
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
