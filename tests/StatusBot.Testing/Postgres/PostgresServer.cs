using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace StatusBot.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests. <see cref="SharedAsync"/> uses the server named by the
/// <c>STATUSBOT_TEST_POSTGRES</c> connection string (.ci/run sets it), or else starts a private cluster with Debian's
/// <c>initdb</c>/<c>pg_ctl</c> in a temporary directory on a free local port (as <c>nobody</c> when running as root, since
/// PostgreSQL refuses to run as root), stopped and deleted by a detached watcher once the test process has exited. Tests take a database each
/// (<see cref="CreateDatabaseAsync"/>) so they stay independent, and skip with <see cref="UnavailableReason"/> when there is
/// no server.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "STATUSBOT_TEST_POSTGRES";

    private const string Superuser = "statusbot";

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;
    private static string? _unavailable;

    private readonly string? _directory;
    private readonly string? _binDirectory;
    private readonly bool _asNobody;

    private PostgresServer(string connectionString, string? directory = null, string? binDirectory = null, bool asNobody = false)
    {
        ConnectionString = connectionString;
        _directory = directory;
        _binDirectory = binDirectory;
        _asNobody = asNobody;
    }

    /// <summary>A superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether this process started the server (and so may restart it).</summary>
    public bool Owned => _directory is not null;

    /// <summary>Why <see cref="SharedAsync"/> returned null (a sentence for the skip message).</summary>
    public static string UnavailableReason => _unavailable ?? "";

    /// <summary>The server every test of the process shares, or null when none can be reached or started.</summary>
    public static async Task<PostgresServer?> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is not null || _unavailable is not null)
            {
                return _shared;
            }

            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var server = new PostgresServer(configured);
                if (await server.ProbeAsync() is { } failure)
                {
                    _unavailable = $"{EnvironmentVariable} is set but the server cannot be reached: {failure}";
                    return null;
                }

                return _shared = server;
            }

            if (FindInitdb() is null)
            {
                _unavailable = $"No PostgreSQL server: set {EnvironmentVariable} to a connection string, or install Debian's postgresql package (.ci/run does).";
                return null;
            }

            try
            {
                SweepLeftovers();
                return _shared = await StartPrivateAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                _unavailable = "Could not start a private PostgreSQL cluster: " + ex.Message;
                return null;
            }
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Whether a private cluster can be started here (for tests that restart the server).</summary>
    public static bool CanStartPrivate => FindInitdb() is not null;

    /// <summary>Starts a cluster of this test's own (initdb, then pg_ctl start with fsync on); dispose stops and deletes it.</summary>
    public static async Task<PostgresServer> StartPrivateAsync()
    {
        var initdb = FindInitdb() ?? throw new InvalidOperationException("initdb was not found on PATH or in /usr/lib/postgresql/*/bin.");
        var bin = Path.GetDirectoryName(initdb)!;
        var asNobody = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var directory = Path.Combine(Path.GetTempPath(), "statusbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var passwordFile = Path.Combine(directory, "pw");
        await File.WriteAllTextAsync(passwordFile, password);
        if (asNobody)
        {
            await RunAsync("chown", ["-R", "nobody", directory], asNobody: false);
        }

        var port = FreePort();
        var server = new PostgresServer(
            new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = Superuser,
                Password = password,
                Database = "postgres",
                Pooling = false,
            }.ConnectionString,
            directory,
            bin,
            asNobody);
        var data = Path.Combine(directory, "data");
        await RunAsync(initdb, ["-D", data, "-U", Superuser, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-instructions"], asNobody);
        File.Delete(passwordFile);
        await File.AppendAllTextAsync(
            Path.Combine(data, "postgresql.conf"),
            $"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{directory}'\nfsync = on\nmax_connections = 300\n");
        await server.PgCtlAsync("start");
        server.WatchThisProcess();
        return server;
    }

    /// <summary>Creates an empty database and returns a connection string to it; dropped when the result is disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "statusbot_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true };
        return new TestDatabase(this, name, builder.ConnectionString);
    }

    /// <summary>Runs one statement on the <c>postgres</c> database as the superuser.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Restarts the server: <c>-m fast</c> as an operator would (sessions are cut, a clean shutdown), or <c>-m immediate</c>,
    /// which stops it like a crash (no checkpoint; the next start replays the WAL).
    /// </summary>
    public Task RestartAsync(bool immediate = false) =>
        Owned
            ? PgCtlAsync("restart", "-m", immediate ? "immediate" : "fast")
            : throw new InvalidOperationException("Only a server this process started can be restarted.");

    public async ValueTask DisposeAsync()
    {
        if (ReferenceEquals(this, _shared))
        {
            return;
        }

        await StopAsync();
    }

    /// <summary>
    /// Starts a detached watcher that stops the server and deletes its directory once this process is gone, however it
    /// ends (the test host may be killed before any exit handler finishes deleting a thousand files).
    /// </summary>
    private void WatchThisProcess()
    {
        // It lets go of the test host's output first, so a runner reading it to the end is not held up; then, once the
        // process is gone, stops the postmaster with SIGQUIT (an immediate shutdown) and deletes the cluster.
        var pidFile = Path.Combine(_directory!, "data", "postmaster.pid");
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"pid=$(head -n 1 '{pidFile}'); " +
            "if [ -n \"$pid\" ] && kill -QUIT \"$pid\"; then while kill -0 \"$pid\"; do sleep 0.2; done; fi; " +
            $"rm -rf '{_directory}'";
        using var watcher = Process.Start(new ProcessStartInfo("setsid", ["-f", "sh", "-c", script]) { UseShellExecute = false });
    }

    private async Task StopAsync()
    {
        if (_directory is null || !Directory.Exists(_directory))
        {
            return;
        }

        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        // The server's last processes may still be removing their files: try a few times, then leave it to the temp cleaner.
        for (var attempt = 1; attempt <= 5 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Removes clusters of earlier test runs that were stopped but not deleted (no postmaster running).</summary>
    private static void SweepLeftovers()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "statusbot-pg-*"))
        {
            try
            {
                if (!File.Exists(Path.Combine(directory, "data", "postmaster.pid")) && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-2))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or in use: leave it.
            }
        }
    }

    private Task PgCtlAsync(string action, params string[] options) =>
        RunAsync(
            Path.Combine(_binDirectory!, "pg_ctl"),
            [action, "-D", Path.Combine(_directory!, "data"), "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "60", .. options],
            _asNobody);

    private async Task<string?> ProbeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            // Npgsql's messages do not carry the password.
            return ex.Message;
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asNobody)
    {
        var start = new ProcessStartInfo(asNobody ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asNobody)
        {
            foreach (var a in (string[])["-u", "nobody", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments.Take(1))} failed ({process.ExitCode}): {await error}{await output}".Trim());
        }
    }

    private static string? FindInitdb()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "initdb");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin", "initdb"))
                .Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A database of one test on a <see cref="PostgresServer"/>; dropped (with its sessions) on dispose.</summary>
public sealed class TestDatabase(PostgresServer server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public PostgresServer Server { get; } = server;

    /// <summary>Runs a query on this database and maps each row (for checking what the store wrote).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Server.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The server is gone (a private one stopped first): nothing left to drop.
        }
    }
}
