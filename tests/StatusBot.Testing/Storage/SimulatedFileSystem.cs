using StatusBot.Storage.Files;

namespace StatusBot.Testing.Storage;

/// <summary>
/// An in-memory file system that knows what a power cut would keep. File contents survive only up to their last
/// sync, plus any prefix of what was written after it (a torn write); creations, renames and deletions survive only
/// once their directory is synced, plus any prefix of the ones made after (metadata is journaled in order). Set
/// <see cref="CutAt"/> to fail the n-th operation (a write is torn at a random byte first) and every one after it;
/// <see cref="Crash"/> then gives the disk as a reboot would find it.
/// </summary>
public sealed partial class SimulatedFileSystem(int seed = 0) : IFileSystem
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, Node> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _durableEntries = new(StringComparer.Ordinal);
    private readonly List<MetadataOp> _pending = [];
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    /// <summary>The operation number (1-based) at which the power is cut; 0 for never.</summary>
    public long CutAt { get; set; }

    public long Operations { get; private set; }

    public bool IsCut { get; private set; }

    /// <summary>Makes every write fail as a full disk would, without cutting the power (for failure tests).</summary>
    public bool DiskFull { get; set; }

    public void CreateDirectory(string path)
    {
        lock (_gate)
        {
            Tick();
            _directories.Add(Normalize(path));
        }
    }

    public bool FileExists(string path)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(Normalize(path));
        }
    }

    public IReadOnlyList<string> ListFiles(string directory)
    {
        lock (_gate)
        {
            Tick();
            var prefix = Normalize(directory) + "/";
            return [.. _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k[prefix.Length..].Contains('/', StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)];
        }
    }

    public byte[] ReadAllBytes(string path)
    {
        lock (_gate)
        {
            Tick();
            return _entries.TryGetValue(Normalize(path), out var node) ? [.. node.Current] : throw new FileNotFoundException(path);
        }
    }

    public IAppendFile OpenAppend(string path)
    {
        lock (_gate)
        {
            Tick();
            var key = Normalize(path);
            if (!_entries.TryGetValue(key, out var node))
            {
                node = new Node();
                _entries[key] = node;
                _pending.Add(new MetadataOp(MetadataKind.Create, key, null, node));
            }

            return new AppendFile(this, node);
        }
    }

    public void WriteAndSync(string path, ReadOnlySpan<byte> contents)
    {
        lock (_gate)
        {
            Tick();
            var node = new Node();
            CheckSpace();
            node.Current.AddRange(contents.ToArray());
            var key = Normalize(path);
            _entries[key] = node;
            _pending.Add(new MetadataOp(MetadataKind.Create, key, null, node));
            Tick();
            node.Durable = [.. node.Current];
        }
    }

    public void Rename(string source, string destination)
    {
        lock (_gate)
        {
            Tick();
            var from = Normalize(source);
            var to = Normalize(destination);
            var node = _entries[from];
            _entries.Remove(from);
            _entries[to] = node;
            _pending.Add(new MetadataOp(MetadataKind.Rename, from, to, node));
        }
    }

    public void Delete(string path)
    {
        lock (_gate)
        {
            Tick();
            var key = Normalize(path);
            if (_entries.Remove(key))
            {
                _pending.Add(new MetadataOp(MetadataKind.Delete, key, null, null));
            }
        }
    }

    public void Truncate(string path, long length)
    {
        lock (_gate)
        {
            Tick();
            var node = _entries[Normalize(path)];
            node.Current.RemoveRange((int)length, node.Current.Count - (int)length);
            Tick();
            node.Durable = [.. node.Current];
        }
    }

    public void SyncDirectory(string directory)
    {
        lock (_gate)
        {
            Tick();
            foreach (var op in _pending)
            {
                ApplyTo(_durableEntries, op);
            }

            _pending.Clear();
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

    private void CheckSpace()
    {
        if (DiskFull)
        {
            throw new IOException("No space left on device (simulated).");
        }
    }

    /// <summary>Counts an operation and cuts the power when its number comes.</summary>
    private void Tick()
    {
        if (IsCut)
        {
            throw new PowerCutException();
        }

        Operations++;
        if (CutAt > 0 && Operations >= CutAt)
        {
            IsCut = true;
            throw new PowerCutException();
        }
    }
}
