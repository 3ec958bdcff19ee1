using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace StatusBot.Testing.Slack;

/// <summary>
/// The channels side of the emulator: <c>chat.postMessage</c> stores a message (a thread reply with <c>thread_ts</c>),
/// <c>chat.update</c> edits one, <c>conversations.history</c> and <c>conversations.replies</c> list them with their
/// <c>metadata</c>. Channels can be made gone (<c>channel_not_found</c>, <c>not_in_channel</c>…), and with
/// <see cref="EnforceChannelRate"/> a second post to a channel within a second is answered 429 like Slack does, and with
/// <see cref="PostsPerSecond"/> so is a post over the workspace-wide budget.
/// </summary>
public sealed partial class SlackEmulator
{
    private readonly ConcurrentDictionary<string, SlackStoredMessage> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _gone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _lastPost = new(StringComparer.Ordinal);
    private readonly Lock _rate = new();
    private readonly Queue<TimeSpan> _workspacePosts = new();
    private int _rateViolations;
    private int _workspaceViolations;

    /// <summary>Answer a second <c>chat.postMessage</c> to the same channel within one second with 429 (Slack's documented limit).</summary>
    public bool EnforceChannelRate { get; set; }

    /// <summary>Posts refused with 429 because they came less than a second after the previous one in the same channel.</summary>
    public int ChannelRateViolations => Volatile.Read(ref _rateViolations);

    /// <summary>
    /// The most <c>chat.postMessage</c> calls answered in any one second across the workspace, whatever the channel; null for
    /// no limit. Slack keeps a workspace-wide posting limit on top of the per-channel one without publishing its number.
    /// </summary>
    public int? PostsPerSecond { get; set; }

    /// <summary>Posts refused with 429 for going over <see cref="PostsPerSecond"/>.</summary>
    public int WorkspaceRateViolations => Volatile.Read(ref _workspaceViolations);

    private readonly ConcurrentQueue<SlackReaction> _reactions = new();

    /// <summary>Every reaction the bot added (<c>reactions.add</c>), in the order Slack accepted them.</summary>
    public IReadOnlyList<SlackReaction> Reactions => [.. _reactions];

    /// <summary>Every message posted, in the order Slack accepted them.</summary>
    public IReadOnlyList<SlackStoredMessage> Messages => [.. _messages.Values.OrderBy(m => m.Ts, StringComparer.Ordinal)];

    /// <summary>The messages at the top of a channel (not thread replies).</summary>
    public IReadOnlyList<SlackStoredMessage> TopLevel(string channel) => [.. Messages.Where(m => m.Channel == channel && m.ThreadTs is null)];

    /// <summary>The replies in the thread under <paramref name="parentTs"/>.</summary>
    public IReadOnlyList<SlackStoredMessage> Replies(string channel, string parentTs) => [.. Messages.Where(m => m.Channel == channel && m.ThreadTs == parentTs)];

    /// <summary>A person's message in <paramref name="channel"/> (a mention, say), so the bot can answer in its thread; returns its <c>ts</c>.</summary>
    public string Say(string channel, string user, string text)
    {
        var ts = NextTs();
        _messages[ts] = new SlackStoredMessage(channel, ts, null, text, null, null, 0) { User = user };
        return ts;
    }

    /// <summary>The bot's own messages in <paramref name="channel"/>, at the top and in threads.</summary>
    public IReadOnlyList<SlackStoredMessage> PostedIn(string channel) => [.. Messages.Where(m => m.Channel == channel && m.User is null)];

    /// <summary>From now on, every call about <paramref name="channel"/> answers <c>ok: false</c> with <paramref name="error"/>.</summary>
    public void MakeGone(string channel, string error = "channel_not_found") => _gone[channel] = error;

    private (int Status, string Body, int? RetryAfter)? ChannelAnswer(string method, HttpRequest request, string body)
    {
        if (method is not ("chat.postMessage" or "chat.update" or "conversations.history" or "conversations.replies" or "reactions.add"))
        {
            return null;
        }

        var json = Parse(request, body);
        var channel = Field(json, "channel") ?? "";
        if (_gone.TryGetValue(channel, out var error))
        {
            return (200, $$"""{"ok":false,"error":"{{error}}"}""", null);
        }

        return method switch
        {
            "reactions.add" => React(channel, json),
            "chat.postMessage" => Post(channel, json),
            "chat.update" => Update(channel, json),
            _ => List(channel, method == "conversations.replies" ? Field(json, "ts") : null),
        };
    }

    private (int, string, int?) Post(string channel, JsonObject json)
    {
        if (EnforceChannelRate || PostsPerSecond is not null)
        {
            lock (_rate)
            {
                var now = _clock.Elapsed;
                while (_workspacePosts.Count > 0 && now - _workspacePosts.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _workspacePosts.Dequeue();
                }

                if (PostsPerSecond is { } limit && _workspacePosts.Count >= limit)
                {
                    _workspaceViolations++;
                    return (429, """{"ok":false,"error":"ratelimited"}""", 1);
                }

                if (EnforceChannelRate && _lastPost.TryGetValue(channel, out var last) && now - last < TimeSpan.FromSeconds(1))
                {
                    _rateViolations++;
                    return (429, """{"ok":false,"error":"ratelimited"}""", 1);
                }

                _lastPost[channel] = now;
                if (PostsPerSecond is not null)
                {
                    _workspacePosts.Enqueue(now);
                }
            }
        }

        var thread = Field(json, "thread_ts");
        if (thread is not null && !_messages.ContainsKey(thread))
        {
            return (200, """{"ok":false,"error":"thread_not_found"}""", null);
        }

        var ts = NextTs();
        var key = json["metadata"]?["event_payload"]?["key"]?.GetValue<string>();
        _messages[ts] = new SlackStoredMessage(channel, ts, thread, Field(json, "text") ?? "", json["blocks"]?.ToJsonString(), key, 0);
        return (200, $$$"""{"ok":true,"channel":"{{{channel}}}","ts":"{{{ts}}}","message":{"type":"message","ts":"{{{ts}}}"}}""", null);
    }

    /// <summary>Slack: the same reaction twice on one message is <c>already_reacted</c>; a reaction needs a message and a name.</summary>
    private (int, string, int?) React(string channel, JsonObject json)
    {
        var ts = Field(json, "timestamp");
        var name = Field(json, "name");
        if (ts is null || name is null || channel.Length == 0)
        {
            return (200, """{"ok":false,"error":"invalid_arguments"}""", null);
        }

        lock (_rate)
        {
            if (_reactions.Any(r => r.Channel == channel && r.Ts == ts && r.Name == name))
            {
                return (200, """{"ok":false,"error":"already_reacted"}""", null);
            }

            _reactions.Enqueue(new SlackReaction(channel, ts, name));
        }

        return (200, """{"ok":true}""", null);
    }

    private (int, string, int?) Update(string channel, JsonObject json)
    {
        var ts = Field(json, "ts") ?? "";
        if (!_messages.TryGetValue(ts, out var old) || old.Channel != channel)
        {
            return (200, """{"ok":false,"error":"message_not_found"}""", null);
        }

        _messages[ts] = old with { Text = Field(json, "text") ?? old.Text, Blocks = json["blocks"]?.ToJsonString() ?? old.Blocks, Edits = old.Edits + 1 };
        return (200, $$$"""{"ok":true,"channel":"{{{channel}}}","ts":"{{{ts}}}"}""", null);
    }

    /// <summary>Newest first, like Slack; with the message metadata (the emulator always includes it).</summary>
    private (int, string, int?) List(string channel, string? threadTs)
    {
        var messages = new JsonArray();
        foreach (var m in Messages.Where(m => m.Channel == channel && (threadTs is null ? m.ThreadTs is null : m.ThreadTs == threadTs || m.Ts == threadTs)).Reverse())
        {
            var item = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Text };
            if (m.ThreadTs is not null)
            {
                item["thread_ts"] = m.ThreadTs;
            }

            if (m.Key is not null)
            {
                item["metadata"] = new JsonObject { ["event_type"] = "statusbot_post", ["event_payload"] = new JsonObject { ["key"] = m.Key } };
            }

            messages.Add(item);
        }

        return (200, new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false }.ToJsonString(), null);
    }

    private string NextTs() => (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The arguments, whether sent as JSON, as a form, or in the query string.</summary>
    private static JsonObject Parse(HttpRequest request, string body)
    {
        var json = body.StartsWith('{') ? JsonNode.Parse(body) as JsonObject ?? [] : [];
        if (!body.StartsWith('{') && request.HasFormContentType)
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(body))
            {
                json[name] = value.ToString();
            }
        }

        foreach (var (name, value) in request.Query)
        {
            json[name] ??= value.ToString();
        }

        return json;
    }

    private static string? Field(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>A reaction the bot added: on which message (<c>channel</c>, <c>ts</c>), with which emoji name.</summary>
public sealed record SlackReaction(string Channel, string Ts, string Name);

/// <summary>A message the Slack emulator holds: where, its <c>ts</c>, the thread it replies in, its text, the idempotency key in its metadata, how often it was edited.</summary>
public sealed record SlackStoredMessage(string Channel, string Ts, string? ThreadTs, string Text, string? Blocks, string? Key, int Edits)
{
    /// <summary>The person who wrote it (<see cref="SlackEmulator.Say"/>); null for the bot's own posts.</summary>
    public string? User { get; init; }
}
