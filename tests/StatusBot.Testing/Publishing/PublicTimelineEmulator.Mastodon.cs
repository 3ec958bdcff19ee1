using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Publishing;

/// <summary>Mastodon: <c>POST /api/v1/statuses</c> with a bearer token; an <c>Idempotency-Key</c> seen in the last hour answers with the status it made.</summary>
public sealed partial class PublicTimelineEmulator
{
    public const string MastodonToken = "mastodon-test-token";

    private readonly ConcurrentDictionary<string, (string Id, DateTimeOffset At)> _idempotency = new(StringComparer.Ordinal);
    private int _idempotentReplays;

    /// <summary>How many posts were answered with the status an earlier request with the same <c>Idempotency-Key</c> made.</summary>
    public int IdempotentReplays => Volatile.Read(ref _idempotentReplays);

    private void MapMastodon(WebApplication app) => app.MapPost("/mastodon/api/v1/statuses", PostStatusAsync);

    private async Task<IResult> PostStatusAsync(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + MastodonToken)
        {
            return Refuse("mastodon", 401, new JsonObject { ["error"] = "The access token is invalid" }, "bad token");
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && _idempotency.TryGetValue(key, out var seen) && _time.GetUtcNow() - seen.At < TimeSpan.FromHours(1))
        {
            var earlier = PostsOn("mastodon").First(p => p.Id == seen.Id);
            Interlocked.Increment(ref _idempotentReplays);
            return Results.Json(Status(earlier));
        }

        var body = await ReadJsonAsync(request);
        var text = body?["status"]?.GetValue<string>() ?? "";
        var replyTo = body?["in_reply_to_id"]?.GetValue<string>();
        var length = new StringInfo(TextUrl().Replace(text, new string('x', 23))).LengthInTextElements;
        if (length > 500)
        {
            return Refuse("mastodon", 422, new JsonObject { ["error"] = "Validation failed: Text character limit of 500 exceeded" }, "too long: " + length);
        }

        var parent = replyTo is null ? null : PostsOn("mastodon").FirstOrDefault(p => p.Id == replyTo);
        if (replyTo is not null && parent is null)
        {
            return Refuse("mastodon", 404, new JsonObject { ["error"] = "Record not found" }, "unknown reply target " + replyTo);
        }

        var post = new TimelinePost("mastodon", NextId(), text, replyTo, parent?.Root ?? parent?.Id, [.. MastodonMention().Matches(text).Select(m => m.Groups[1].Value)], _time.GetUtcNow());
        void Made()
        {
            _posts.Enqueue(post);
            if (key.Length > 0)
            {
                _idempotency[key] = (post.Id, _time.GetUtcNow());
            }
        }

        if (RunScript(NextScript("mastodon"), Made) is { } scripted)
        {
            return scripted;
        }

        Made();
        return await AnswerLaterAsync("mastodon", Results.Json(Status(post)));
    }

    private static JsonObject Status(TimelinePost post) => new()
    {
        ["id"] = post.Id,
        ["content"] = "<p>" + System.Net.WebUtility.HtmlEncode(post.Text) + "</p>",
        ["in_reply_to_id"] = post.ReplyTo,
        ["visibility"] = "public",
    };

    [GeneratedRegex(@"(?<![=/\w])@(\w+(?:[\w.-]+\w+)?(?:@[\w.-]+\w+)?)")]
    private static partial Regex MastodonMention();
}
