using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace StatusBot.Testing.Slack;

/// <summary>
/// Direct messages: <c>conversations.open</c> with <c>users=U…</c> answers the user's DM channel (<c>D</c> + the user id,
/// the same every time) as <c>{"channel":{"id":…}}</c>; messages are then posted there with <c>chat.postMessage</c> like in
/// any channel. A user the bot cannot write to answers <c>cannot_dm_bot</c>, <c>user_not_found</c> or <c>user_disabled</c>.
/// With <see cref="OpenPerMinute"/> set, <c>conversations.open</c> keeps to its tier (Slack's Tier 3: 50+ a minute) and
/// answers 429 with <c>Retry-After</c> beyond it. Other workspaces (<see cref="AddWorkspace"/>) have bot tokens of their
/// own: a DM channel is opened in the workspace of the token, and only that workspace's token can post in it
/// (<c>channel_not_found</c> otherwise, as Slack answers a channel of another workspace).
/// </summary>
public sealed partial class SlackEmulator
{
    private readonly ConcurrentDictionary<string, string> _refusedUsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _workspaceTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _directTeams = new(StringComparer.Ordinal);

    /// <summary>Another workspace the app is installed in, with its bot token.</summary>
    public void AddWorkspace(string teamId, string botToken) => _workspaceTokens[botToken] = teamId;

    /// <summary>The DM channel of a user in a workspace (<see cref="DirectChannelOf(string)"/> in <see cref="Team"/>).</summary>
    public static string DirectChannelOf(string userId, string teamId) => teamId == Team ? DirectChannelOf(userId) : "D" + teamId + "-" + userId;

    /// <summary>The messages the bot sent the user of workspace <paramref name="teamId"/> by direct message.</summary>
    public IReadOnlyList<SlackStoredMessage> DirectMessagesTo(string userId, string teamId) => TopLevel(DirectChannelOf(userId, teamId));

    /// <summary>The workspace of a bot token, or null for an unknown token.</summary>
    private string? TeamOf(string authorization) =>
        authorization == "Bearer " + BotToken ? Team
        : authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _workspaceTokens.TryGetValue(authorization["Bearer ".Length..], out var team) ? team
        : null;

    /// <summary><c>channel_not_found</c> for a call about a DM channel of another workspace than the token's.</summary>
    private (int Status, string Body, int? RetryAfter)? OtherWorkspace(string method, HttpRequest request, string body, string team)
    {
        if (_directTeams.IsEmpty || method is not ("chat.postMessage" or "chat.update" or "conversations.history" or "conversations.replies"))
        {
            return null;
        }

        var channel = Field(Parse(request, body), "channel") ?? "";
        return _directTeams.TryGetValue(channel, out var owner) && owner != team ? (200, """{"ok":false,"error":"channel_not_found"}""", null) : null;
    }
    private readonly Queue<TimeSpan> _opens = new();
    private readonly Lock _openGate = new();
    private int _openViolations;

    /// <summary>The most <c>conversations.open</c> calls answered in any minute; null for no limit.</summary>
    public int? OpenPerMinute { get; set; }

    /// <summary><c>conversations.open</c> calls refused with 429 for going over <see cref="OpenPerMinute"/>.</summary>
    public int OpenRateViolations => Volatile.Read(ref _openViolations);

    /// <summary>The DM channel of a user.</summary>
    public static string DirectChannelOf(string userId) => "D" + userId;

    /// <summary>The messages the bot sent the user by direct message.</summary>
    public IReadOnlyList<SlackStoredMessage> DirectMessagesTo(string userId) => TopLevel(DirectChannelOf(userId));

    /// <summary>From now on <c>conversations.open</c> with this user answers <paramref name="error"/>.</summary>
    public void RefuseDirectMessages(string userId, string error = "cannot_dm_bot") => _refusedUsers[userId] = error;

    private (int Status, string Body, int? RetryAfter)? DirectAnswer(string method, HttpRequest request, string body, string team)
    {
        if (method != "conversations.open")
        {
            return null;
        }

        if (OpenPerMinute is { } limit)
        {
            lock (_openGate)
            {
                var now = _clock.Elapsed;
                while (_opens.Count > 0 && now - _opens.Peek() >= TimeSpan.FromMinutes(1))
                {
                    _opens.Dequeue();
                }

                if (_opens.Count >= limit)
                {
                    _openViolations++;
                    var retry = (int)Math.Ceiling((_opens.Peek() + TimeSpan.FromMinutes(1) - now).TotalSeconds);
                    return (429, """{"ok":false,"error":"ratelimited"}""", Math.Max(1, retry));
                }

                _opens.Enqueue(now);
            }
        }

        var form = QueryHelpers.ParseQuery(body);
        var users = form.TryGetValue("users", out var value) ? value.ToString() : request.Query["users"].ToString();
        if (users.Length == 0)
        {
            return (200, """{"ok":false,"error":"users_list_not_supplied"}""", null);
        }

        if (users.Contains(',', StringComparison.Ordinal))
        {
            return (200, """{"ok":false,"error":"not_enough_users"}""", null);
        }

        if (_refusedUsers.TryGetValue(users, out var error))
        {
            return (200, $$"""{"ok":false,"error":"{{error}}"}""", null);
        }

        var channel = DirectChannelOf(users, team);
        _directTeams[channel] = team;
        return (200, $$$"""{"ok":true,"channel":{"id":"{{{channel}}}"}}""", null);
    }
}
