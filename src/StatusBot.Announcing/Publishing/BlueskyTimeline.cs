using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Core.Announcing;
using StatusBot.Core.Publishing;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// A Bluesky account: a session from <c>com.atproto.server.createSession</c> (handle and app password), refreshed with
/// <c>refreshSession</c> when the access token expires; each post is a <c>com.atproto.repo.createRecord</c> of
/// <c>app.bsky.feed.post</c> whose links are facets (byte offsets in the UTF-8 text), replies carrying the thread's root
/// and parent (uri and cid). Bluesky has no idempotency key: before a resend that may be a duplicate, the account's
/// latest posts (<c>listRecords</c>) are searched for the same text. A message id is <c>"&lt;uri&gt; &lt;cid&gt;"</c>.
/// </summary>
public sealed class BlueskyTimeline(HttpClient http, PublisherOptions options, string identifier, string appPassword, TimeProvider time) : IPublicTimeline, IDisposable
{
    private const string PostCollection = "app.bsky.feed.post";
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private Session? _session;

    public string Name => options.EffectiveName;

    public string Platform => "bluesky";

    public async Task<PublishResult> PostAsync(PublicPost post, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (session, failure) = await SessionAsync(cancellationToken);
            if (session is null)
            {
                return failure!;
            }

            using var response = post.MayHaveBeenSent
                ? await FindOwnThenPostAsync(session, post, cancellationToken)
                : await CreateAsync(session, post, cancellationToken);
            if (response.Found is { } found)
            {
                return PublishResult.Delivered(found);
            }

            var answer = response.Message!;
            if (attempt == 0 && await IsExpiredAsync(answer, cancellationToken))
            {
                await RenewAsync(session, cancellationToken);
                continue;
            }

            if (await TimelineHttp.FailureAsync(answer, time, cancellationToken) is { } failed)
            {
                return failed;
            }

            using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
            return PublishResult.Delivered(document.RootElement.GetProperty("uri").GetString() + " " + document.RootElement.GetProperty("cid").GetString());
        }
    }

    public void Dispose() => _sessionLock.Dispose();

    /// <summary>The record of a post: its text, language, link facets and reply references.</summary>
    public static JsonObject Record(PublicPost post, DateTimeOffset now, string locale)
    {
        var facets = new JsonArray();
        foreach (System.Text.RegularExpressions.Match url in PublicText.Urls().Matches(post.Text))
        {
            var start = Encoding.UTF8.GetByteCount(post.Text.AsSpan(0, url.Index));
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount(url.Value) },
                ["features"] = new JsonArray(new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = url.Value }),
            });
        }

        var record = new JsonObject
        {
            ["$type"] = PostCollection,
            ["text"] = post.Text,
            ["createdAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["langs"] = new JsonArray(locale),
            ["facets"] = facets,
        };
        if (post.Thread is { } thread)
        {
            record["reply"] = new JsonObject { ["root"] = Ref(thread.RootId), ["parent"] = Ref(thread.ParentId) };
        }

        return record;
    }

    private static JsonObject Ref(string messageId)
    {
        var parts = messageId.Split(' ', 2);
        return new JsonObject { ["uri"] = parts[0], ["cid"] = parts.Length > 1 ? parts[1] : "" };
    }

    private async Task<Answer> FindOwnThenPostAsync(Session session, PublicPost post, CancellationToken cancellationToken)
    {
        var url = $"{options.EffectiveBaseUrl}/xrpc/com.atproto.repo.listRecords?repo={Uri.EscapeDataString(session.Did)}&collection={PostCollection}&limit=10";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new Answer(response, null);
        }

        using (response)
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var wanted = TimelineHttp.Comparable(post.Text);
            foreach (var item in document.RootElement.GetProperty("records").EnumerateArray())
            {
                if (item.GetProperty("value").TryGetProperty("text", out var text) && TimelineHttp.Comparable(text.GetString() ?? "") == wanted)
                {
                    return new Answer(null, item.GetProperty("uri").GetString() + " " + item.GetProperty("cid").GetString());
                }
            }
        }

        return await CreateAsync(session, post, cancellationToken);
    }

    private async Task<Answer> CreateAsync(Session session, PublicPost post, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["repo"] = session.Did,
            ["collection"] = PostCollection,
            ["record"] = Record(post, time.GetUtcNow(), options.Locale),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, options.EffectiveBaseUrl + "/xrpc/com.atproto.repo.createRecord")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
        return new Answer(await http.SendAsync(request, cancellationToken), null);
    }

    private static async Task<bool> IsExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (int)response.StatusCode is 400 or 401 && await TimelineHttp.ErrorOfAsync(response, cancellationToken) is "ExpiredToken" or "InvalidToken";

    private async Task<(Session? Session, PublishResult? Failure)> SessionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { } current)
        {
            return (current, null);
        }

        await _sessionLock.WaitAsync(cancellationToken);
        try
        {
            if (_session is { } made)
            {
                return (made, null);
            }

            var body = new JsonObject { ["identifier"] = identifier, ["password"] = appPassword };
            using var request = new HttpRequestMessage(HttpMethod.Post, options.EffectiveBaseUrl + "/xrpc/com.atproto.server.createSession")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await http.SendAsync(request, cancellationToken);
            if (await TimelineHttp.FailureAsync(response, time, cancellationToken) is { } failed)
            {
                return (null, failed);
            }

            _session = await ReadSessionAsync(response, cancellationToken);
            return (_session, null);
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Refreshes the expired session; when the refresh token is refused too, the next post signs in again.</summary>
    private async Task RenewAsync(Session expired, CancellationToken cancellationToken)
    {
        await _sessionLock.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(_session, expired))
            {
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, options.EffectiveBaseUrl + "/xrpc/com.atproto.server.refreshSession");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", expired.RefreshJwt);
            using var response = await http.SendAsync(request, cancellationToken);
            _session = response.IsSuccessStatusCode ? await ReadSessionAsync(response, cancellationToken) : null;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    private static async Task<Session> ReadSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        return new Session(root.GetProperty("did").GetString()!, root.GetProperty("accessJwt").GetString()!, root.GetProperty("refreshJwt").GetString()!);
    }

    private sealed record Session(string Did, string AccessJwt, string RefreshJwt)
    {
        public override string ToString() => $"Session {{ Did = {Did} }}";
    }

    /// <summary>The platform's answer to dispose, or the id of the earlier post found instead.</summary>
    private sealed record Answer(HttpResponseMessage? Message, string? Found) : IDisposable
    {
        public void Dispose() => Message?.Dispose();
    }
}
