using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Discord;

public sealed partial class DiscordEmulator
{
    private const string ChannelBucket = "80c17d2f203122d936070c88c8d10f33";
    private const string ReactionBucket = "4f9a1d2c0b7e6a5d3c2b1a0f9e8d7c6b";

    // Windows are measured on a monotonic clock, like Discord's own: a step of the wall clock must not move them.
    private readonly Dictionary<string, (TimeSpan Start, int Count)> _channelWindows = new(StringComparer.Ordinal);
    private readonly Queue<TimeSpan> _globalWindow = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _limits = new();

    /// <summary>Requests the emulator refused for going over a limit the client had been told about.</summary>
    public int LimitViolations { get; private set; }

    private bool OverGlobalLimit()
    {
        lock (_limits)
        {
            var now = _clock.Elapsed;
            while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
            {
                _globalWindow.Dequeue();
            }

            if (_globalWindow.Count >= GlobalLimit)
            {
                LimitViolations++;
                return true;
            }

            _globalWindow.Enqueue(now);
            return false;
        }
    }

    /// <summary>Takes one request from the channel's message bucket, setting the headers; answers 429 when it is empty.</summary>
    private Task<bool> TakeChannelSlotAsync(HttpContext context, string channelId) =>
        TakeSlotAsync(context, channelId, ChannelLimit, ChannelWindow, ChannelBucket);

    /// <summary>Takes one request from a bucket of <paramref name="limit"/> per <paramref name="span"/>, setting the headers; answers 429 when it is empty.</summary>
    private async Task<bool> TakeSlotAsync(HttpContext context, string key, int limit, TimeSpan span, string bucket)
    {
        int remaining;
        double resetAfter;
        lock (_limits)
        {
            var now = _clock.Elapsed;
            var window = _channelWindows.TryGetValue(key, out var known) ? known : (Start: now, Count: 0);
            if (now - window.Start >= span)
            {
                window = (Start: now, Count: 0);
            }

            resetAfter = Math.Max(0.001, (window.Start + span - now).TotalSeconds);
            if (window.Count >= limit)
            {
                LimitViolations++;
                remaining = -1;
            }
            else
            {
                window.Count++;
                remaining = limit - window.Count;
            }

            _channelWindows[key] = window;
        }

        var headers = context.Response.Headers;
        var after = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = after;
        headers["X-RateLimit-Reset"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + resetAfter).ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Bucket"] = bucket;
        if (remaining >= 0)
        {
            return true;
        }

        headers["Retry-After"] = Math.Ceiling(resetAfter).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Scope"] = "user";
        context.Response.StatusCode = 429;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"message":"You are being rate limited.","retry_after":{{after}},"global":false}""", context.RequestAborted);
        return false;
    }

    /// <summary>Discord's message limits; a violation is answered 400 like Discord does.</summary>
    private static JsonObject? Invalid(JsonNode? json)
    {
        if (json is not JsonObject message)
        {
            return new JsonObject { ["_errors"] = "body is not a JSON object" };
        }

        if (message["allowed_mentions"]?["parse"] is not JsonArray)
        {
            return new JsonObject { ["allowed_mentions"] = "StatusBot must always send allowed_mentions.parse" };
        }

        if ((message["content"]?.GetValue<string>()?.Length ?? 0) > 2000)
        {
            return new JsonObject { ["content"] = "Must be 2000 or fewer in length." };
        }

        var embeds = message["embeds"] as JsonArray ?? [];
        var total = 0;
        foreach (var embed in embeds.OfType<JsonObject>())
        {
            var title = Length(embed["title"]);
            var description = Length(embed["description"]);
            var fields = embed["fields"] as JsonArray ?? [];
            if (title > 256 || description > 4096 || fields.Count > 25 || Length(embed["footer"]?["text"]) > 2048)
            {
                return new JsonObject { ["embeds"] = "embed over a limit" };
            }

            foreach (var field in fields)
            {
                if (Length(field?["name"]) is 0 or > 256 || Length(field?["value"]) is 0 or > 1024)
                {
                    return new JsonObject { ["embeds"] = "field over a limit or empty" };
                }

                total += Length(field?["name"]) + Length(field?["value"]);
            }

            total += title + description + Length(embed["footer"]?["text"]);
        }

        return embeds.Count > 10 || total > 6000 ? new JsonObject { ["embeds"] = "embeds over 6000 characters" } : null;
    }

    private static int Length(JsonNode? node) => node?.GetValue<string>().Length ?? 0;
}
