using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Testing.Slack;

/// <summary>Signs request bodies exactly as Slack does (<c>v0=</c> hex HMAC-SHA256 over <c>v0:ts:body</c>), independently of the adapter's code.</summary>
public sealed class SlackSigner(string secret)
{
    public string Secret => secret;

    public string Sign(long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>A request as Slack sends it: form or JSON body, timestamp and signature headers.</summary>
    public HttpRequestMessage Request(string path, string body, DateTimeOffset at, bool json = false, string? signature = null)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(timestamp, body));
        return request;
    }

    private static long _triggers;

    /// <summary>A slash-command form body with the usual fields and a <c>trigger_id</c> of its own, as Slack makes one per command.</summary>
    public static string CommandBody(string command, string text, string userId = "U-VIEWER", string channelId = "C-GENERAL", string? responseUrl = null, string teamId = "T1") =>
        "token=unused&team_id=" + Uri.EscapeDataString(teamId) + "&team_domain=acme&channel_id=" + Uri.EscapeDataString(channelId) + "&channel_name=general&user_id="
        + Uri.EscapeDataString(userId) + "&user_name=" + Uri.EscapeDataString(userId.ToLowerInvariant()) + "&command=" + Uri.EscapeDataString(command)
        + "&text=" + Uri.EscapeDataString(text) + "&response_url=" + Uri.EscapeDataString(responseUrl ?? "https://hooks.slack.com/commands/T1/1/x")
        + "&trigger_id=" + Interlocked.Increment(ref _triggers).ToString(CultureInfo.InvariantCulture) + ".2.3&api_app_id=A1";
}
