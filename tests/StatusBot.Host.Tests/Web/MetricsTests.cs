using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using StatusBot.Host.Hosting;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Metrics;

namespace StatusBot.Host.Tests.Web;

/// <summary>The admin fixture with the Slack and Discord HTTP adapters on (a signing secret and a fresh Ed25519 key).</summary>
public sealed class SignedAdaptersServeFixture : ServeFixture, IAsyncLifetime
{
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public InteractionSigner Discord { get; } = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["StatusBot:Slack:SigningSecret"] = SlackSecret,
        ["StatusBot:Discord:PublicKey"] = Discord.PublicKeyHex,
        ["StatusBot:Admin:ApiTokens:0:Name"] = "deploy-pipeline",
        ["StatusBot:Admin:ApiTokens:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(AdminServeFixture.Token))),
    };

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Discord.Dispose();
    }
}

public sealed partial class MetricsTests(SignedAdaptersServeFixture serve) : IClassFixture<SignedAdaptersServeFixture>
{
    [Fact]
    public async Task Metrics_AfterCommandsAndRequests_ExportsThemInPrometheusFormat()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/services/api/status")
        {
            Content = new StringContent("""{"status":"degraded"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminServeFixture.Token);
        (await serve.Client.SendAsync(request)).EnsureSuccessStatusCode();
        await serve.Client.GetStringAsync("/");

        var metrics = await serve.Client.GetStringAsync("/metrics");

        Assert.Contains("statusbot_commands_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("command=\"service set\"", metrics, StringComparison.Ordinal);
        Assert.Contains("statusbot_journal_fsync_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_RequestDurations_HaveBucketBoundsAtTheAnswerTimeObjectives()
    {
        var slack = new StatusBot.Testing.Slack.SlackSigner(SignedAdaptersServeFixture.SlackSecret);
        var before = ServerMetrics.Parse(await serve.Client.GetStringAsync("/metrics"), ServerMetrics.Questions, ServerMetrics.RequestDuration);
        for (var i = 0; i < 3; i++)
        {
            using var question = slack.Request("/slack/commands", StatusBot.Testing.Slack.SlackSigner.CommandBody("/statusbot", "status", userId: $"U-METRICS-{i}"), serve.Time.GetUtcNow());
            (await serve.Client.SendAsync(question)).EnsureSuccessStatusCode();
        }

        var metrics = await serve.Client.GetStringAsync("/metrics");
        var questions = ServerMetrics.Parse(metrics, ServerMetrics.Questions, ServerMetrics.RequestDuration).Since(before);

        // The objectives (10 ms for an acknowledged update, 50 ms for an answer) are bucket bounds, so a percentile read
        // off the histogram says exactly whether it is under them.
        Assert.Contains("endpoint=\"/slack/commands\",le=\"0.01\"", metrics, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/slack/commands\",le=\"0.05\"", metrics, StringComparison.Ordinal);
        // At least: the registry is the process's, shared with the other servers tests run at the same time.
        Assert.True(questions.Count >= 3, $"{questions.Count} questions counted");
        Assert.Contains(questions.PercentileBound(99), StatusBotWebApp.RequestDurationBuckets.Append(double.PositiveInfinity));
    }

    [Fact]
    public async Task Metrics_CommandAndFsyncHistograms_HaveTheirOwnBucketBounds()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/services/api/status")
        {
            Content = new StringContent("""{"status":"degraded"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminServeFixture.Token);
        (await serve.Client.SendAsync(request)).EnsureSuccessStatusCode();

        var metrics = await serve.Client.GetStringAsync("/metrics");

        // A journal sync is read to a tenth of a millisecond; a command answer at 7.5 and 15 ms around its 10 ms objective.
        Assert.Equal(
            ["0.0001", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "+Inf"],
            Bounds(metrics, "statusbot_journal_fsync_duration_seconds_bucket{"));
        Assert.Equal(
            ["0.0005", "0.001", "0.0025", "0.005", "0.0075", "0.01", "0.015", "0.025", "0.05", "0.1", "0.25", "1", "+Inf"],
            Bounds(metrics, "statusbot_command_duration_seconds_bucket{platform=\"api\",command=\"service set\","));
    }

    /// <summary>The <c>le</c> bounds of the first series whose bucket lines start with <paramref name="prefix"/>.</summary>
    private static List<string> Bounds(string metrics, string prefix)
    {
        var bounds = new List<string>();
        foreach (var line in metrics.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0];
            if (bounds.Contains(le))
            {
                break;
            }

            bounds.Add(le);
        }

        return bounds;
    }

    [Fact]
    public async Task Metrics_SoleInstance_IsTheLeader()
    {
        var metrics = await serve.Client.GetStringAsync("/metrics");

        Assert.Equal(1, Value(metrics, "statusbot_leader", null));
    }

    [Fact]
    public async Task Metrics_AfterBadSlackSignature_CountsItByPlatformAndReason()
    {
        var before = Value(await serve.Client.GetStringAsync("/metrics"), "statusbot_signature_failures_total", "platform=\"slack\",reason=\"mismatch\"");
        var timestamp = serve.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent("command=%2Fstatusbot&text=status", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        forged.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        forged.Headers.Add("X-Slack-Signature", "v0=" + new string('0', 64));

        using var response = await serve.Client.SendAsync(forged);
        var after = Value(await serve.Client.GetStringAsync("/metrics"), "statusbot_signature_failures_total", "platform=\"slack\",reason=\"mismatch\"");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(after >= before + 1, $"slack mismatch counter went from {before} to {after}");
    }

    [Fact]
    public async Task Metrics_AfterStaleDiscordSignature_CountsItAsStale()
    {
        var before = Value(await serve.Client.GetStringAsync("/metrics"), "statusbot_signature_failures_total", "platform=\"discord\",reason=\"stale\"");
        using var replay = serve.Discord.Request(new Uri(serve.Client.BaseAddress!, "/discord/interactions"), DiscordPayloads.Ping(), serve.Time.GetUtcNow().AddHours(-1));

        using var response = await serve.Client.SendAsync(replay);
        var after = Value(await serve.Client.GetStringAsync("/metrics"), "statusbot_signature_failures_total", "platform=\"discord\",reason=\"stale\"");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(after >= before + 1, $"discord stale counter went from {before} to {after}");
    }

    /// <summary>The sample's value in the exposition text, 0 when the series does not exist yet.</summary>
    private static double Value(string metrics, string name, string? labels)
    {
        var series = labels is null ? name : name + "{" + labels + "}";
        var match = Regex.Match(metrics, "^" + Regex.Escape(series) + " ([0-9.eE+-]+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
