using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Publishing;

/// <summary>
/// Bluesky's XRPC: <c>createSession</c> and <c>refreshSession</c> (access tokens expire on demand), <c>createRecord</c> of
/// <c>app.bsky.feed.post</c> (300 graphemes, link facets whose byte range holds their URL, reply refs to known posts) and
/// <c>listRecords</c>.
/// </summary>
public sealed partial class PublicTimelineEmulator
{
    public const string BlueskyHandle = "status.example.com";
    public const string BlueskyAppPassword = "abcd-efgh-ijkl-mnop";
    public const string BlueskyDid = "did:plc:statusbottest";

    private readonly ConcurrentDictionary<string, bool> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _cids = new(StringComparer.Ordinal);

    /// <summary>How many sessions were created and refreshed.</summary>
    public int SessionsCreated { get; private set; }

    public int SessionsRefreshed { get; private set; }

    /// <summary>Every access token given so far expires now (refresh tokens stay valid).</summary>
    public void ExpireBlueskyTokens()
    {
        foreach (var token in _accessTokens.Keys)
        {
            _accessTokens[token] = false;
        }
    }

    private void MapBluesky(WebApplication app)
    {
        app.MapPost("/bluesky/xrpc/com.atproto.server.createSession", CreateSessionAsync);
        app.MapPost("/bluesky/xrpc/com.atproto.server.refreshSession", RefreshSession);
        app.MapPost("/bluesky/xrpc/com.atproto.repo.createRecord", CreateRecordAsync);
        app.MapGet("/bluesky/xrpc/com.atproto.repo.listRecords", (HttpRequest request) =>
        {
            if (BlueskyAuthorized(request) is { } refused)
            {
                return refused;
            }

            Looked("bluesky");
            return Results.Json(new JsonObject
            {
                ["records"] = new JsonArray([.. PostsOn("bluesky").Reverse().Take(10).Select(p => (JsonNode)new JsonObject
                {
                    ["uri"] = p.Id,
                    ["cid"] = _cids[p.Id],
                    ["value"] = new JsonObject { ["$type"] = "app.bsky.feed.post", ["text"] = p.Text },
                })]),
            });
        });
    }

    private async Task<IResult> CreateSessionAsync(HttpRequest request)
    {
        var body = await ReadJsonAsync(request);
        if (body?["identifier"]?.GetValue<string>() is not (BlueskyHandle or BlueskyDid) || body["password"]?.GetValue<string>() != BlueskyAppPassword)
        {
            return Refuse("bluesky", 401, new JsonObject { ["error"] = "AuthenticationRequired", ["message"] = "Invalid identifier or password" }, "bad credentials");
        }

        SessionsCreated++;
        return Results.Json(NewSession());
    }

    private IResult RefreshSession(HttpRequest request)
    {
        var token = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        if (!_refreshTokens.TryRemove(token, out _))
        {
            return Refuse("bluesky", 400, new JsonObject { ["error"] = "ExpiredToken", ["message"] = "Token has been revoked" }, "bad refresh token");
        }

        SessionsRefreshed++;
        return Results.Json(NewSession());
    }

    private JsonObject NewSession()
    {
        var access = "access-" + Guid.NewGuid().ToString("N");
        var refresh = "refresh-" + Guid.NewGuid().ToString("N");
        _accessTokens[access] = true;
        _refreshTokens[refresh] = true;
        return new JsonObject { ["did"] = BlueskyDid, ["handle"] = BlueskyHandle, ["accessJwt"] = access, ["refreshJwt"] = refresh };
    }

    private IResult? BlueskyAuthorized(HttpRequest request)
    {
        var token = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        return _accessTokens.TryGetValue(token, out var live)
            ? live ? null : Refuse("bluesky", 400, new JsonObject { ["error"] = "ExpiredToken", ["message"] = "Token has expired" }, "expired token")
            : Refuse("bluesky", 401, new JsonObject { ["error"] = "AuthenticationRequired", ["message"] = "Invalid token" }, "unknown token");
    }

    private async Task<IResult> CreateRecordAsync(HttpRequest request)
    {
        if (BlueskyAuthorized(request) is { } refused)
        {
            return refused;
        }

        var body = await ReadJsonAsync(request);
        var record = body?["record"];
        if (body?["repo"]?.GetValue<string>() != BlueskyDid || body["collection"]?.GetValue<string>() != "app.bsky.feed.post" || record?["$type"]?.GetValue<string>() != "app.bsky.feed.post")
        {
            return Invalid("wrong repo, collection or $type");
        }

        var text = record["text"]?.GetValue<string>() ?? "";
        if (new StringInfo(text).LengthInTextElements > 300)
        {
            return Invalid("Record/text must not be longer than 300 graphemes");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var mentions = new List<string>();
        foreach (var facet in record["facets"]?.AsArray() ?? [])
        {
            var start = facet?["index"]?["byteStart"]?.GetValue<int>() ?? -1;
            var end = facet?["index"]?["byteEnd"]?.GetValue<int>() ?? -1;
            if (start < 0 || end > bytes.Length || start >= end)
            {
                return Invalid($"facet byte range {start}..{end} outside the text");
            }

            foreach (var feature in facet!["features"]?.AsArray() ?? [])
            {
                var type = feature?["$type"]?.GetValue<string>();
                if (type == "app.bsky.richtext.facet#link" && Encoding.UTF8.GetString(bytes, start, end - start) != feature!["uri"]?.GetValue<string>())
                {
                    return Invalid($"link facet {start}..{end} does not cover its URL");
                }

                if (type == "app.bsky.richtext.facet#mention")
                {
                    mentions.Add(feature!["did"]?.GetValue<string>() ?? "");
                }
            }
        }

        string? parentUri = null;
        string? rootUri = null;
        if (record["reply"] is { } reply)
        {
            parentUri = reply["parent"]?["uri"]?.GetValue<string>();
            rootUri = reply["root"]?["uri"]?.GetValue<string>();
            foreach (var reference in new[] { reply["root"], reply["parent"] })
            {
                var uri = reference?["uri"]?.GetValue<string>() ?? "";
                if (!_cids.TryGetValue(uri, out var cid) || cid != reference?["cid"]?.GetValue<string>())
                {
                    return Invalid("reply reference to an unknown post: " + uri);
                }
            }
        }

        var id = NextId();
        var post = new TimelinePost("bluesky", $"at://{BlueskyDid}/app.bsky.feed.post/{id}", text, parentUri, rootUri, mentions, _time.GetUtcNow());
        var newCid = "bafyrei" + id;
        void Made()
        {
            _cids[post.Id] = newCid;
            _posts.Enqueue(post);
        }

        if (RunScript(NextScript("bluesky"), Made) is { } scripted)
        {
            return scripted;
        }

        Made();
        return await AnswerLaterAsync("bluesky", Results.Json(new JsonObject { ["uri"] = post.Id, ["cid"] = newCid }));
    }

    private IResult Invalid(string message) =>
        Refuse("bluesky", 400, new JsonObject { ["error"] = "InvalidRequest", ["message"] = "Invalid app.bsky.feed.post record: " + message }, message);
}
