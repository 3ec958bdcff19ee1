using StatusBot.Storage.Files;

namespace StatusBot.Testing.Storage;

/// <summary>What a reboot finds, and the file handles.</summary>
public sealed partial class SimulatedFileSystem
{
    /// <summary>
    /// The disk after the power cut: each file keeps its synced bytes plus a random prefix of the bytes written after
    /// them; the directory keeps its synced entries plus a random prefix of the later creations, renames and deletions.
    /// </summary>
    public SimulatedFileSystem Crash(Random random)
    {
        lock (_gate)
        {
            var entries = new Dictionary<string, Node>(_durableEntries, StringComparer.Ordinal);
            var survivingOps = random.Next(_pending.Count + 1);
            foreach (var op in _pending.Take(survivingOps))
            {
                ApplyTo(entries, op);
            }

            var rebooted = new SimulatedFileSystem(random.Next());
            foreach (var directory in _directories)
            {
                rebooted._directories.Add(directory);
            }

            var survivors = new Dictionary<Node, Node>();
            foreach (var (name, node) in entries)
            {
                if (!survivors.TryGetValue(node, out var kept))
                {
                    kept = node.AfterCrash(random);
                    survivors[node] = kept;
                }

                rebooted._entries[name] = kept;
                rebooted._durableEntries[name] = kept;
            }

            return rebooted;
        }
    }

    private static void ApplyTo(Dictionary<string, Node> entries, MetadataOp op)
    {
        switch (op.Kind)
        {
            case MetadataKind.Create:
                entries[op.Name] = op.Node!;
                break;
            case MetadataKind.Rename:
                entries.Remove(op.Name);
                entries[op.Target!] = op.Node!;
                break;
            case MetadataKind.Delete:
                entries.Remove(op.Name);
                break;
        }
    }

    private enum MetadataKind
    {
        Create,
        Rename,
        Delete,
    }

    private sealed record MetadataOp(MetadataKind Kind, string Name, string? Target, Node? Node);

    private sealed class Node
    {
        public List<byte> Current { get; } = [];

        public byte[] Durable { get; set; } = [];

        public Node AfterCrash(Random random)
        {
            var kept = new Node();
            var extendsDurable = Current.Count >= Durable.Length && Current.Take(Durable.Length).SequenceEqual(Durable);
            if (extendsDurable)
            {
                var extra = random.Next(Current.Count - Durable.Length + 1);
                kept.Current.AddRange(Current.Take(Durable.Length + extra));
            }
            else
            {
                // Cut back after the last sync (a truncation): either version may be what the disk holds.
                kept.Current.AddRange(random.Next(2) == 0 ? Durable : Current);
            }

            kept.Durable = [.. kept.Current];
            return kept;
        }
    }

    private sealed class AppendFile(SimulatedFileSystem owner, Node node) : IAppendFile
    {
        public long Length
        {
            get
            {
                lock (owner._gate)
                {
                    return node.Current.Count;
                }
            }
        }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            var copy = bytes.ToArray();
            lock (owner._gate)
            {
                try
                {
                    owner.Tick();
                    owner.CheckSpace();
                }
                catch (PowerCutException)
                {
                    // The cut tears this write at any byte.
                    node.Current.AddRange(copy.Take(owner._random.Next(copy.Length + 1)));
                    throw;
                }

                node.Current.AddRange(copy);
            }
        }

        public void Sync()
        {
            lock (owner._gate)
            {
                owner.Tick();
                node.Durable = [.. node.Current];
            }
        }

        public void TruncateTo(long length)
        {
            lock (owner._gate)
            {
                owner.Tick();
                node.Current.RemoveRange((int)length, node.Current.Count - (int)length);
                owner.Tick();
                node.Durable = [.. node.Current];
            }
        }

        public void Dispose()
        {
        }
    }
}
