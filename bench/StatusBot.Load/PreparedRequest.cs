using System.Globalization;
using System.Text;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Load;

/// <summary>A request built and signed before the run starts, so signing costs the generator nothing while it measures.</summary>
public sealed record PreparedRequest(string Platform, Uri Url, byte[] Body, string ContentType, (string Name, string Value)[] Headers, bool BadSignature);

/// <summary>
/// Signed <c>/status</c> questions as the platforms send them, each from its own user (an outage crowd: everyone asks once,
/// so the per-user command limit never answers in place of the status). Signing uses the test kit's signers: Slack's v0
/// HMAC-SHA256 over <c>v0:timestamp:body</c>, Discord's Ed25519 over <c>timestamp + body</c>.
/// </summary>
public static class StatusQuestions
{
    /// <summary>The form body of <c>/statusbot status</c> from user <paramref name="user"/>.</summary>
    public static string SlackBody(long user) =>
        SlackSigner.CommandBody("/statusbot", "status", userId: "U" + user.ToString("D9", CultureInfo.InvariantCulture), channelId: "C0GENERAL");

    /// <summary>The JSON of a <c>/status</c> application command from user <paramref name="user"/>, with its own interaction id.</summary>
    public static string DiscordBody(long user)
    {
        var id = (1_300_000_000_000_000_000L + user).ToString(CultureInfo.InvariantCulture);
        var userId = (1_200_000_000_000_000_000L + user).ToString(CultureInfo.InvariantCulture);
        return "{\"id\":\"" + id + "\",\"application_id\":\"1100000000000000001\",\"type\":2,\"token\":\"bench" + id + "\",\"version\":1,"
            + "\"guild_id\":\"1100000000000000002\",\"channel_id\":\"1100000000000000003\",\"locale\":\"en-US\","
            + "\"data\":{\"id\":\"1400000000000000001\",\"name\":\"status\",\"type\":1},"
            + "\"member\":{\"user\":{\"id\":\"" + userId + "\",\"username\":\"bench\"},\"roles\":[],\"permissions\":\"0\"}}";
    }

    public static PreparedRequest Slack(Uri url, SlackSigner signer, long user, DateTimeOffset at, bool badSignature = false)
    {
        var body = SlackBody(user);
        var timestamp = at.ToUnixTimeSeconds();
        var signature = signer.Sign(timestamp, body);
        return new("slack", url, Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture)), ("X-Slack-Signature", badSignature ? Spoil(signature) : signature)],
            badSignature);
    }

    public static PreparedRequest Discord(Uri url, InteractionSigner signer, long user, DateTimeOffset at, bool badSignature = false)
    {
        var body = DiscordBody(user);
        var timestamp = InteractionSigner.TimestampOf(at);
        var signature = signer.Sign(timestamp, body);
        return new("discord", url, Encoding.UTF8.GetBytes(body), "application/json",
            [("X-Signature-Ed25519", badSignature ? Spoil(signature) : signature), ("X-Signature-Timestamp", timestamp)],
            badSignature);
    }

    /// <summary>The same signature with its last hex digit changed: well-formed, and wrong.</summary>
    private static string Spoil(string signature) => signature[..^1] + (signature[^1] == '0' ? '1' : '0');
}
