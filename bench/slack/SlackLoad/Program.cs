using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

// Sends signed /statusbot slash commands (exactly as Slack signs them) to a running server with N concurrent
// connections for a while, and prints throughput and latency percentiles.
// usage: SlackLoad <url> <signing-secret> [connections=64] [seconds=15] [warmup=3] [text=""] [--total]
// (--total also prints every answered request, warm-up included, for CPU-per-request figures.)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SlackLoad <url e.g. http://127.0.0.1:8080/slack/commands> <signing-secret> [connections] [seconds] [warmup] [text]");
    return 2;
}

var url = new Uri(args[0]);
var secret = Encoding.UTF8.GetBytes(args[1]);
var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 15;
var warmup = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 3;
var text = args.Length > 5 && args[5] != "--total" ? args[5] : "";
var printTotal = args.Contains("--total");
// Each request comes from its own user (an outage crowd, each person asking once), so the per-user command limit never
// answers in place of the command.
const string bodyStart = "token=unused&team_id=T1&team_domain=acme&channel_id=C1&channel_name=general&user_id=U";
var bodyEnd = "&user_name=bench&command=%2Fstatusbot&text=" + Uri.EscapeDataString(text)
    + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=";
var nextUser = 0L;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(30),
};

var clock = Stopwatch.StartNew();
var warmupEnd = TimeSpan.FromSeconds(warmup);
var end = warmupEnd + TimeSpan.FromSeconds(seconds);
var latencies = new List<double>[connections];
var errors = new int[connections];
var total = new int[connections];
var workers = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
{
    var mine = latencies[i] = new List<double>(100_000);
    while (clock.Elapsed < end)
    {
        // A trigger_id of its own too, as Slack makes one per command (the server ignores a repeated one).
        var user = Interlocked.Increment(ref nextUser).ToString(CultureInfo.InvariantCulture);
        var bodyBytes = Encoding.UTF8.GetBytes(bodyStart + user + bodyEnd + user + ".2.3");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bodyBytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.ASCII.GetBytes("v0:" + ts + ":"), .. bodyBytes];
        var mac = HMACSHA256.HashData(secret, signed);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        var started = clock.Elapsed;
        try
        {
            using var response = await http.SendAsync(request);
            var content = await response.Content.ReadAsByteArrayAsync();
            total[i]++;
            var measured = started >= warmupEnd && clock.Elapsed <= end;
            if (response.StatusCode != HttpStatusCode.OK || content.Length == 0)
            {
                if (measured)
                {
                    errors[i]++;
                }
            }
            else if (measured)
            {
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }
        catch (HttpRequestException)
        {
            errors[i]++;
        }
    }
})).ToArray();
await Task.WhenAll(workers);

var all = latencies.SelectMany(l => l).Order().ToArray();
double P(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"connections={connections} seconds={seconds} requests={all.Length} errors={errors.Sum()} rps={all.Length / seconds:F0} p50={P(50):F2}ms p90={P(90):F2}ms p99={P(99):F2}ms max={(all.Length > 0 ? all[^1] : double.NaN):F2}ms{(printTotal ? $" total={total.Sum()}" : "")}"));
return errors.Sum() > 0 ? 1 : 0;
