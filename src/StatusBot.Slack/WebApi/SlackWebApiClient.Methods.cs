using System.Collections.Concurrent;
using System.Net.Http.Json;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;

namespace StatusBot.Slack.WebApi;

/// <summary>The Web API methods, each a thin request builder over the shared call loop.</summary>
public sealed partial class SlackWebApiClient
{
    public const string ResponseUrlHost = "hooks.slack.com";

    /// <summary>
    /// Direct message channels opened per minute and workspace: Slack's Tier 3 for <c>conversations.open</c> is "50+ per
    /// minute"; a little under it, so opens spaced evenly never meet the limit at the edge of its window.
    /// </summary>
    public const double DirectOpensPerMinute = 48;

    /// <summary>How many recent messages a resend looks through for its own earlier post.</summary>
    private const int HistoryDepth = 100;

    private readonly ConcurrentDictionary<string, SlackPacer> _opens = new(StringComparer.Ordinal);

    public Task<SlackApiResult> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        _pacer.RunAsync(message.Channel ?? "", ct => PostJsonAsync("chat.postMessage", TokenFor(message.Workspace), message, ct, retryUnavailable: message.Metadata is null), cancellationToken);

    public Task<SlackApiResult> UpdateMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        _pacer.RunAsync(message.Channel ?? "", ct => PostJsonAsync("chat.update", TokenFor(message.Workspace), message, ct), cancellationToken);

    public async Task<SlackApiResult> FindPostedAsync(string channel, string? threadTs, string key, CancellationToken cancellationToken, string? workspaceId = null)
    {
        var (method, query) = threadTs is null
            ? ("conversations.history", $"channel={Uri.EscapeDataString(channel)}&limit={HistoryDepth}&include_all_metadata=true")
            : ("conversations.replies", $"channel={Uri.EscapeDataString(channel)}&ts={Uri.EscapeDataString(threadTs)}&limit={HistoryDepth}&include_all_metadata=true");
        var result = await CallAsync(method, TokenFor(workspaceId), () => new HttpRequestMessage(HttpMethod.Get, method + "?" + query), cancellationToken);
        return result.Ok ? result with { Ts = result.Messages?.FirstOrDefault(m => m.Key == key).Ts } : result;
    }

    public Task<SlackApiResult> PostEphemeralAsync(SlackMessage message, CancellationToken cancellationToken) =>
        PostJsonAsync("chat.postEphemeral", _options.BotToken, message, cancellationToken);

    public async Task<SlackApiResult> AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            "reactions.add",
            _options.BotToken,
            () => new HttpRequestMessage(HttpMethod.Post, "reactions.add")
            {
                Content = new FormUrlEncodedContent([new("channel", channel), new("timestamp", ts), new("name", name)]),
            },
            cancellationToken);
        return result.Error == "already_reacted" ? new SlackApiResult(SlackCallOutcome.Ok) : result;
    }

    /// <summary>
    /// <c>conversations.open</c>, paced per workspace to <see cref="DirectOpensPerMinute"/> ahead of time: a fan-out to
    /// many new followers then keeps to Slack's tier instead of meeting a 429 (and its minute-long Retry-After) each minute.
    /// </summary>
    public Task<SlackApiResult> OpenDirectAsync(string userId, CancellationToken cancellationToken, string? workspaceId = null) =>
        _opens.GetOrAdd(workspaceId ?? "", _ => new SlackPacer(_time, DirectOpensPerMinute / 60)).RunAsync(
            userId,
            ct => CallAsync(
                "conversations.open",
                TokenFor(workspaceId),
                () => new HttpRequestMessage(HttpMethod.Post, "conversations.open") { Content = new FormUrlEncodedContent([new("users", userId)]) },
                ct),
            cancellationToken);

    public Task<SlackApiResult> UsersInfoAsync(string userId, CancellationToken cancellationToken) =>
        CallAsync(
            "users.info",
            _options.BotToken,
            () => new HttpRequestMessage(HttpMethod.Get, "users.info?include_locale=true&user=" + Uri.EscapeDataString(userId)),
            cancellationToken);

    public Task<SlackApiResult> OpenConnectionAsync(CancellationToken cancellationToken) =>
        CallAsync(
            "apps.connections.open",
            _options.AppToken,
            () => new HttpRequestMessage(HttpMethod.Post, "apps.connections.open") { Content = new FormUrlEncodedContent([]) },
            cancellationToken);

    public Task<SlackApiResult> RespondAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        // Only Slack's hooks host (or the configured API host, which tests point at their emulator) gets our answers.
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !(uri.Host == ResponseUrlHost || uri.Authority == _http.BaseAddress!.Authority))
        {
            return Task.FromResult(new SlackApiResult(SlackCallOutcome.Failed, "invalid_response_url"));
        }

        return CallAsync("response_url", null, () => Json(uri, message), cancellationToken);
    }

    /// <summary>The bot token of <paramref name="workspaceId"/> when one is configured, else the default one.</summary>
    private string? TokenFor(string? workspaceId) =>
        workspaceId is { Length: > 0 } && _options.WorkspaceBotTokens.TryGetValue(workspaceId, out var token) && token.Length > 0 ? token : _options.BotToken;

    private Task<SlackApiResult> PostJsonAsync(string method, string? token, SlackMessage message, CancellationToken cancellationToken, bool retryUnavailable = true) =>
        CallAsync(method, token, () => Json(new Uri(method, UriKind.Relative), message), cancellationToken, retryUnavailable);

    private static HttpRequestMessage Json(Uri uri, SlackMessage message) => new(HttpMethod.Post, uri)
    {
        Content = JsonContent.Create(message, SlackJsonContext.Default.SlackMessage),
    };
}
