using System.Globalization;
using System.Net;
using System.Text.Json;
using StatusBot.Core.Announcing;

namespace StatusBot.Announcing.Publishing;

/// <summary>How a timeline API's answer maps to the announcer's outcomes: 429 and 5xx retry (after the wait the platform names), other refusals do not.</summary>
internal static class TimelineHttp
{
    /// <summary>Null when the answer is a success, else the outcome to report.</summary>
    public static async Task<PublishResult?> FailureAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return PublishResult.Retry(RetryAfter(response, time), "rate limited (429)");
        }

        if (status >= 500)
        {
            return PublishResult.Retry(RetryAfter(response, time), $"the service answered {status}");
        }

        return PublishResult.Rejected($"the service answered {status}: {await ErrorOfAsync(response, cancellationToken)}");
    }

    /// <summary>The short error the platform gave (<c>error</c>, <c>detail</c>, <c>title</c>, <c>message</c>), never the request.</summary>
    public static async Task<string> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var name in new[] { "error", "detail", "title", "message" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    var text = value.GetString()!;
                    return text.Length > 200 ? text[..200] : text;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status says enough.
        }

        return "no detail";
    }

    /// <summary>Retry-After (seconds or a date), else a reset time in epoch seconds (X, Bluesky) or ISO 8601 (Mastodon).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            return retry.Delta ?? (retry.Date is { } date ? date - time.GetUtcNow() : null);
        }

        foreach (var name in new[] { "x-rate-limit-reset", "ratelimit-reset", "X-RateLimit-Reset" })
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { } value)
            {
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow();
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return at - time.GetUtcNow();
                }
            }
        }

        return null;
    }

    /// <summary>The same words, ignoring links (X rewrites them to t.co), spaces and the word joiners that escape mentions.</summary>
    public static string Comparable(string text) =>
        string.Concat(Core.Publishing.PublicText.Urls().Replace(text, "").Where(c => !char.IsWhiteSpace(c) && c != '\u2060'));
}
