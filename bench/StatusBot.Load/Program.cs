using System.Globalization;
using StatusBot.Load;

// Open-loop load generator. Starts the servers itself (the Release `statusbot serve`, and the peers of
// bench/peers under node, installed beforehand by bench/load.sh), signs every request as the platforms do, and prints
// markdown tables. Usage:
//   dotnet StatusBot.Load.dll [--scenario all|crypto|steady-slack|steady-discord|burst|mix|outage|crowd] [--rate 1000] [--seconds 10]
//     [--warmup 3] [--connections 64] [--no-peers] [--no-search] [--p99-bound 50] [--step 3] [--rounds 3] [--questions 10000] [--window 2] [--channels 500]
//     [--updates-per-second 20] [--outage-warmup 10] [--askers 2000] [--crowd-seconds 30] [--crowd-warmup 5] [--dir ./bench-data] [--statusbot path/to/statusbot.dll]
//     [--server-env NAME=VALUE]... (extra environment for the StatusBot server only, e.g. a GC setting to compare)
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

double Number(string name, double fallback) => double.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var scenario = Arg("--scenario", "all");
string[] known = ["all", "crypto", "steady-slack", "steady-discord", "burst", "mix", "outage", "crowd"];
if (!known.Contains(scenario))
{
    Console.Error.WriteLine($"unknown scenario '{scenario}'; one of: {string.Join(", ", known)}");
    return 2;
}

var options = new LoadOptions(
    Rate: Number("--rate", 1000),
    Seconds: Number("--seconds", 10),
    WarmupSeconds: Number("--warmup", 3),
    Peers: !args.Contains("--no-peers"),
    Search: !args.Contains("--no-search"),
    P99BoundMs: Number("--p99-bound", 50),
    SearchStepSeconds: Number("--step", 3),
    Rounds: (int)Number("--rounds", 3));
if (options.Rounds < 1)
{
    Console.Error.WriteLine("--rounds takes a whole number of at least 1");
    return 2;
}

var askers = (int)Number("--askers", 2000);
if (askers < CrowdNotice.Threshold)
{
    Console.Error.WriteLine($"--askers takes at least {CrowdNotice.Threshold}, the threshold the crowd must cross");
    return 2;
}

var repo = FindRepository();
var work = Path.Combine(Path.GetFullPath(Arg("--dir", Path.Combine(repo, "bench-data"))), "load-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
var statusBotDll = Arg("--statusbot", "");
var serverEnvironment = args.Select((a, i) => (a, i)).Where(p => p.a == "--server-env" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2)).ToList();
if (serverEnvironment.Any(pair => pair.Length != 2 || pair[0].Length == 0))
{
    Console.Error.WriteLine("--server-env takes NAME=VALUE");
    return 2;
}

using var servers = new Servers(repo, work, statusBotDll.Length > 0 ? Path.GetFullPath(statusBotDll) : null, serverEnvironment.ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal));
// For everything but the measured requests (readiness, /metrics, the peers' start): those go through LoadRunner's own
// keep-alive connections, at most --connections per run.
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
var connections = (int)Number("--connections", 64);
var scenarios = new Scenarios(servers, http, options, connections);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, .NET {Environment.Version}; at most {Number("--connections", 64)} connections per server; data and logs in {work}");

if (scenario is "all" or "crypto")
{
    CryptoCost.Run();
}

if (scenario is "all" or "steady-slack")
{
    await scenarios.SteadyAsync("slack");
}

if (scenario is "all" or "steady-discord")
{
    await scenarios.SteadyAsync("discord");
}

if (scenario is "all" or "burst")
{
    await scenarios.BurstAsync();
}

if (scenario is "all" or "mix")
{
    await scenarios.MixAsync();
}

if (scenario is "all" or "outage")
{
    await new OutageNight(servers, http, connections, (int)Number("--questions", 10_000), Number("--window", 2), (int)Number("--channels", 500), Number("--updates-per-second", 20), Number("--outage-warmup", 10)).RunAsync();
}

if (scenario is "all" or "crowd")
{
    await new CrowdNotice(servers, http, connections, askers, Number("--crowd-seconds", 30), Number("--crowd-warmup", 5)).RunAsync();
}

return 0;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "StatusBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the StatusBot repository (StatusBot.sln not found above " + AppContext.BaseDirectory + ")");
}

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
