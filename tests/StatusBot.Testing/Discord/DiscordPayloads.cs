using System.Globalization;
using System.Text.Json.Nodes;

namespace StatusBot.Testing.Discord;

/// <summary>Builds interaction bodies as Discord sends them.</summary>
public static class DiscordPayloads
{
    public const string ApplicationId = "1100000000000000001";
    public const string GuildId = "1100000000000000002";
    public const string ChannelId = "1100000000000000003";
    public const string AdminUserId = "1200000000000000001";
    public const string ViewerUserId = "1200000000000000002";

    private static long _next = 1300000000000000000;

    public static string NextId() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    private static JsonNode Value(object value) => value switch
    {
        long n => JsonValue.Create(n),
        int n => JsonValue.Create(n),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public static string Ping() => new JsonObject { ["id"] = NextId(), ["token"] = "ping-token", ["type"] = 1, ["version"] = 1 }.ToJsonString();

    /// <summary>A slash command: <paramref name="words"/> like <c>"status"</c> or <c>"incident open"</c>, options by name.</summary>
    public static string Command(string words, IReadOnlyDictionary<string, object>? options = null, string? userId = null, string permissions = "0", string locale = "en-US", string? id = null, int type = 2, string? focused = null, string[]? roles = null)
    {
        var parts = words.Split(' ');
        var leaf = new JsonArray();
        foreach (var (name, value) in options ?? new Dictionary<string, object>())
        {
            var option = new JsonObject { ["name"] = name, ["type"] = value is long or int ? 4 : 3, ["value"] = Value(value) };
            if (name == focused)
            {
                option["focused"] = true;
            }

            leaf.Add(option);
        }

        var data = new JsonObject { ["id"] = "1400000000000000001", ["name"] = parts[0], ["type"] = 1 };
        data["options"] = parts.Length > 1
            ? new JsonArray(new JsonObject { ["name"] = parts[1], ["type"] = 1, ["options"] = leaf })
            : leaf;

        var user = userId ?? ViewerUserId;
        return new JsonObject
        {
            ["id"] = id ?? NextId(),
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["token"] = "tok-" + Guid.NewGuid().ToString("N"),
            ["version"] = 1,
            ["guild_id"] = GuildId,
            ["channel_id"] = ChannelId,
            ["locale"] = locale,
            ["guild_locale"] = "en-US",
            ["data"] = data,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = user, ["username"] = "user" + user[^2..], ["global_name"] = null, ["discriminator"] = "0" },
                ["roles"] = new JsonArray([.. (roles ?? []).Select(r => (JsonNode)JsonValue.Create(r)!)]),
                ["permissions"] = permissions,
                ["nick"] = null,
            },
        }.ToJsonString();
    }

    /// <summary>A press of a button (message component, type 3) whose <c>custom_id</c> is <paramref name="customId"/>.</summary>
    public static string Press(string customId, string? userId = null, string permissions = "0", string locale = "en-US")
    {
        var user = userId ?? ViewerUserId;
        return new JsonObject
        {
            ["id"] = NextId(),
            ["application_id"] = ApplicationId,
            ["type"] = 3,
            ["token"] = "tok-" + Guid.NewGuid().ToString("N"),
            ["version"] = 1,
            ["guild_id"] = GuildId,
            ["channel_id"] = ChannelId,
            ["locale"] = locale,
            ["guild_locale"] = "en-US",
            ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
            ["message"] = new JsonObject { ["id"] = NextId(), ["channel_id"] = ChannelId, ["content"] = "" },
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = user, ["username"] = "user" + user[^2..], ["global_name"] = null, ["discriminator"] = "0" },
                ["roles"] = new JsonArray(),
                ["permissions"] = permissions,
                ["nick"] = null,
            },
        }.ToJsonString();
    }
}
