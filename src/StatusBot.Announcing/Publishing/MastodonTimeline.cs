using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusBot.Core.Announcing;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// A Mastodon account: <c>POST /api/v1/statuses</c> with a bearer token and an <c>Idempotency-Key</c> (the same for every
/// attempt of one post, so the instance answers a resend with the status it already made), replies by
/// <c>in_reply_to_id</c>.
/// </summary>
public sealed class MastodonTimeline(HttpClient http, PublisherOptions options, string token, TimeProvider time) : IPublicTimeline
{
    public string Name => options.EffectiveName;

    public string Platform => "mastodon";

    public async Task<PublishResult> PostAsync(PublicPost post, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = post.Text, ["visibility"] = "public", ["language"] = Language(options.Locale) };
        if (post.Thread is { } thread)
        {
            body["in_reply_to_id"] = thread.ParentId;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.EffectiveBaseUrl + "/api/v1/statuses")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", post.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (await TimelineHttp.FailureAsync(response, time, cancellationToken) is { } failed)
        {
            return failed;
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return PublishResult.Delivered(answer.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>ISO 639 as Mastodon takes it (<c>pt</c> for <c>pt-BR</c>).</summary>
    internal static string Language(string locale) => locale.Split('-')[0].ToLowerInvariant();
}
