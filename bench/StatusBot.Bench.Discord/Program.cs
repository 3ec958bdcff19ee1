using System.Diagnostics;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

// keygen <dir>: writes a test key pair (private seed and public key, hex) for a benchmark run.
// sign <dir> <body>: prints "timestamp signature" for one body.
// run <url> <dir> <connections> <warmup s> <seconds> <label>: signed /status interactions, each with a fresh id and from
// its own user (an outage crowd, each person asking once, so the per-user command limit never answers instead), pre-signed
// before the clock starts so the generator's own signing does not compete with the server for the two cores. The last
// column, total=N, counts every answer including the warm-up, for the script's server-CPU-per-request figure.
if (args is ["keygen", var keyDir])
{
    using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    Directory.CreateDirectory(keyDir);
    File.WriteAllText(Path.Combine(keyDir, "private.hex"), Convert.ToHexStringLower(key.Export(KeyBlobFormat.RawPrivateKey)));
    File.WriteAllText(Path.Combine(keyDir, "public.hex"), Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    return 0;
}

if (args is ["sign", var signDir, var signBody])
{
    using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(File.ReadAllText(Path.Combine(signDir, "private.hex"))), KeyBlobFormat.RawPrivateKey);
    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    Console.WriteLine(now + " " + Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(now + signBody))));
    return 0;
}

if (args is not ["run", var url, var dir, var connectionsText, var warmupText, var secondsText, var label])
{
    Console.Error.WriteLine("usage: keygen <dir> | run <url> <keydir> <connections> <warmup-seconds> <seconds> <label>");
    return 2;
}

var connections = int.Parse(connectionsText, CultureInfo.InvariantCulture);
var warmup = TimeSpan.FromSeconds(double.Parse(warmupText, CultureInfo.InvariantCulture));
var duration = TimeSpan.FromSeconds(double.Parse(secondsText, CultureInfo.InvariantCulture));
using var signer = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(File.ReadAllText(Path.Combine(dir, "private.hex"))), KeyBlobFormat.RawPrivateKey);

// Enough signed requests for the whole run at up to 40,000/s.
var count = (int)((warmup + duration).TotalSeconds * 40_000);
var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var requests = new (byte[] Body, string Signature)[count];
Parallel.For(0, count, i =>
{
    var id = (1_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
    var body = "{\"id\":\"" + id + "\",\"application_id\":\"1100000000000000001\",\"type\":2,\"token\":\"bench" + id + "\",\"version\":1,"
        + "\"guild_id\":\"1100000000000000002\",\"channel_id\":\"1100000000000000003\",\"locale\":\"en-US\","
        + "\"data\":{\"id\":\"1400000000000000001\",\"name\":\"status\",\"type\":1},"
        + "\"member\":{\"user\":{\"id\":\"" + (1_200_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture) + "\",\"username\":\"bench\"},\"roles\":[],\"permissions\":\"0\"}}";
    var bytes = Encoding.UTF8.GetBytes(body);
    requests[i] = (bytes, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(signer, Encoding.UTF8.GetBytes(timestamp + body))));
});

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
var next = -1;
var measuring = false;
var stop = false;
var latencies = new List<double>[connections];
var errors = 0;
var answered = 0;
var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
{
    var mine = latencies[w] = new List<double>(200_000);
    while (!Volatile.Read(ref stop))
    {
        var i = Interlocked.Increment(ref next);
        if (i >= requests.Length)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(requests[i].Body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Signature-Ed25519", requests[i].Signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Interlocked.Increment(ref answered);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref errors);
        }

        if (Volatile.Read(ref measuring))
        {
            mine.Add(elapsed);
        }
    }
})).ToArray();

await Task.Delay(warmup);
var errorsBefore = Volatile.Read(ref errors);
Volatile.Write(ref measuring, true);
var clock = Stopwatch.StartNew();
await Task.Delay(duration);
Volatile.Write(ref measuring, false);
var seconds = clock.Elapsed.TotalSeconds;
Volatile.Write(ref stop, true);
await Task.WhenAll(workers);

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"| {label} | {connections} | {all.Length / seconds:F0} | {Percentile(0.50):F2} | {Percentile(0.99):F2} | {Percentile(0.999):F2} | {errors - errorsBefore} | total={answered} |"));
return errors - errorsBefore == 0 ? 0 : 1;
