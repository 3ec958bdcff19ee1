using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Publishing;

/// <summary>X API v2: <c>POST /2/tweets</c>, <c>GET /2/users/me</c>, <c>GET /2/users/:id/tweets</c>, all under OAuth 1.0a user context.</summary>
public sealed partial class PublicTimelineEmulator
{
    public const string XConsumerKey = "xvz1evFS4wEEPTGEFPHBog";
    public const string XConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    public const string XAccessToken = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb";
    public const string XAccessTokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    public const string XUserId = "2244994945";

    private readonly ConcurrentDictionary<string, bool> _nonces = new(StringComparer.Ordinal);

    /// <summary>How long a new post takes to show in <c>/2/users/:id/tweets</c> (X's timeline lags); zero by default.</summary>
    public TimeSpan XListingLag { get; set; }

    private void MapX(WebApplication app)
    {
        app.MapPost("/x/2/tweets", PostTweetAsync);
        app.MapGet("/x/2/users/me", (HttpRequest request) => XAuthorized(request) ?? Results.Json(new JsonObject { ["data"] = new JsonObject { ["id"] = XUserId, ["username"] = "statusbot" } }));
        app.MapGet("/x/2/users/{id}/tweets", (HttpRequest request, string id) =>
        {
            if (XAuthorized(request) is { } refused)
            {
                return refused;
            }

            Looked("x");
            var count = int.TryParse(request.Query["max_results"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 5, 100) : 10;
            var visible = PostsOn("x").Where(p => _time.GetUtcNow() - p.At >= XListingLag).Reverse().Take(count);
            return Results.Json(new JsonObject
            {
                ["data"] = new JsonArray([.. visible.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["text"] = p.Text })]),
            });
        });
    }

    private async Task<IResult> PostTweetAsync(HttpRequest request)
    {
        if (XAuthorized(request) is { } refused)
        {
            return refused;
        }

        var body = await ReadJsonAsync(request);
        var text = body?["text"]?.GetValue<string>() ?? "";
        var replyTo = body?["reply"]?["in_reply_to_tweet_id"]?.GetValue<string>();
        if (XWeightedLength(text) > 280)
        {
            return Refuse("x", 403, new JsonObject { ["detail"] = "Your Tweet text is too long." }, "too long: " + XWeightedLength(text));
        }

        var parent = replyTo is null ? null : PostsOn("x").FirstOrDefault(p => p.Id == replyTo);
        if (replyTo is not null && parent is null)
        {
            return Refuse("x", 400, new JsonObject { ["title"] = "Invalid Request", ["detail"] = "The tweet to reply to does not exist." }, "unknown reply target " + replyTo);
        }

        if (PostsOn("x").Any(p => p.Text == text))
        {
            return Refuse("x", 403, new JsonObject { ["detail"] = "You are not allowed to create a Tweet with duplicate content." }, "duplicate content");
        }

        var post = new TimelinePost("x", NextId(), text, replyTo, parent?.Root ?? parent?.Id, XMentions(text), _time.GetUtcNow());
        if (RunScript(NextScript("x"), () => _posts.Enqueue(post)) is { } scripted)
        {
            return scripted;
        }

        _posts.Enqueue(post);
        return await AnswerLaterAsync("x", Results.Json(new JsonObject { ["data"] = new JsonObject { ["id"] = post.Id, ["text"] = text } }, statusCode: 201));
    }

    /// <summary>Null when the request carries a valid OAuth 1.0a signature with a fresh timestamp and an unused nonce, else the 401.</summary>
    private IResult? XAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return Refuse("x", 401, Unauthorized(), "no OAuth header");
        }

        var oauth = OAuthParameter().Matches(header[6..]).ToDictionary(m => Uri.UnescapeDataString(m.Groups[1].Value), m => Uri.UnescapeDataString(m.Groups[2].Value), StringComparer.Ordinal);
        if (oauth.GetValueOrDefault("oauth_consumer_key") != XConsumerKey || oauth.GetValueOrDefault("oauth_token") != XAccessToken
            || oauth.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1" || !oauth.TryGetValue("oauth_signature", out var signature))
        {
            return Refuse("x", 401, Unauthorized(), "unknown key, token or method");
        }

        if (!long.TryParse(oauth.GetValueOrDefault("oauth_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > 300)
        {
            return Refuse("x", 401, Unauthorized(), "timestamp out of bounds");
        }

        if (!oauth.TryGetValue("oauth_nonce", out var nonce) || !_nonces.TryAdd(nonce + "@" + timestamp, true))
        {
            return Refuse("x", 401, Unauthorized(), "nonce reused");
        }

        var parameters = oauth.Where(p => p.Key != "oauth_signature").Select(p => (p.Key, p.Value))
            .Concat(request.Query.SelectMany(q => q.Value.Select(v => (q.Key, v ?? ""))));
        var normalized = string.Join("&", parameters.Select(p => (K: Percent(p.Item1), V: Percent(p.Item2))).OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.K + "=" + p.V));
        var baseUrl = $"{request.Scheme}://{request.Host.Host.ToLowerInvariant()}{(request.Host.Port is { } port and not 80 and not 443 ? ":" + port.ToString(CultureInfo.InvariantCulture) : "")}{request.PathBase}{request.Path}";
        var baseString = $"{request.Method.ToUpperInvariant()}&{Percent(baseUrl)}&{Percent(normalized)}";
        var key = Encoding.ASCII.GetBytes(Percent(XConsumerSecret) + "&" + Percent(XAccessTokenSecret));
#pragma warning disable CA5350 // The emulated protocol's algorithm.
        var expected = Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)));
#pragma warning restore CA5350
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : Refuse("x", 401, Unauthorized(), "signature mismatch");
    }

    private static JsonObject Unauthorized() => new() { ["title"] = "Unauthorized", ["status"] = 401, ["detail"] = "Unauthorized" };

    /// <summary>RFC 3986 unreserved characters kept, every other UTF-8 byte as upper-case %XX.</summary>
    private static string Percent(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' ? ((char)b).ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    /// <summary>twitter-text's weighting: URLs 23, code points in the light ranges 1, others 2.</summary>
    public static int XWeightedLength(string text)
    {
        var rest = TextUrl().Replace(text, "");
        var urls = TextUrl().Count(text);
        var weight = 0;
        foreach (var rune in rest.EnumerateRunes())
        {
            var c = rune.Value;
            weight += c is (<= 0x10FF) or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037) ? 1 : 2;
        }

        return weight + (urls * 23);
    }

    private static List<string> XMentions(string text) => [.. XMention().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("([A-Za-z0-9_%.~-]+)=\"([^\"]*)\"")]
    private static partial Regex OAuthParameter();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex TextUrl();

    [GeneratedRegex(@"(?<![A-Za-z0-9_!#$%&*@＠])[@＠]([A-Za-z0-9_]{1,20})")]
    private static partial Regex XMention();
}
