using StatusBot.StorageBench;

return args.FirstOrDefault() switch
{
    "latency" => await Benchmarks.LatencyAsync(args),
    "recovery" => await Benchmarks.RecoveryAsync(args),
    "snapshot" => await Benchmarks.SnapshotAsync(args),
    "crash" => await Benchmarks.CrashAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: StatusBot.StorageBench <latency|recovery|snapshot|crash> [--events N] [--incidents N] [--trials N] [--dir PATH]");
    return 2;
}
