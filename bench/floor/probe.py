#!/usr/bin/env python3
"""The machine's own floor for an update acknowledgement, with no .NET in it (no JIT, no garbage collector).

Every 50 ms (the outage night's 20 updates/s) a single thread at nice -10, like StatusBot's urgent threads, wakes, writes
a 300-byte record into a preallocated file (as the journal does) and fdatasyncs it. One line per sample:
wall time, wake lateness, write + sync, total from the due time (ms), the machine's busy cores since the last sample, and
the StatusBot server's cores since the last sample (0 while no `statusbot.dll` runs), by which stats.py finds the crowd.

usage: probe.py SECONDS OUT.tsv [DIR]     (DIR: where the scratch file goes, on the disk to measure; default .)
"""
import os
import sys
import time

seconds = float(sys.argv[1])
out = open(sys.argv[2], "w", encoding="ascii")
directory = sys.argv[3] if len(sys.argv) > 3 else "."
try:
    os.nice(-10)
except OSError:
    print("probe: the OS refused nice -10; running at normal priority", file=sys.stderr)

path = os.path.join(directory, "floor-probe.log")
fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b"\0" * (8 << 20))  # preallocated, so a sync writes data only, as the journal's ready-made tail does
os.fsync(fd)
cores = os.cpu_count() or 1


def cpu():
    fields = [int(x) for x in open("/proc/stat", encoding="ascii").readline().split()[1:]]
    total = sum(fields)
    return total - fields[3] - fields[4], total  # busy (all but idle and iowait), total


def server():
    """The pid of a running `statusbot.dll`, or None."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b"statusbot.dll" in f.read():
                        return int(entry)
            except OSError:
                pass
    return None


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError):
        return None


hz = os.sysconf("SC_CLK_TCK")
pid, pid_ticks = None, 0
record = b"x" * 300
offset = 0
last = cpu()
start = due = time.monotonic()
while due - start < seconds:
    due += 0.05
    wait = due - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    woke = time.monotonic()
    os.pwrite(fd, record, offset)
    os.fdatasync(fd)
    offset = (offset + 300) % (8 << 20)
    done = time.monotonic()
    now = cpu()
    busy = (now[0] - last[0]) / max(1, now[1] - last[1]) * cores
    last = now
    server_cores = 0.0
    if pid is None:
        pid = server()
        pid_ticks = ticks(pid) if pid is not None else 0
    else:
        t = ticks(pid)
        if t is None:
            pid = None
        else:
            server_cores = (t - pid_ticks) / hz / 0.05
            pid_ticks = t
    out.write(f"{time.time():.3f} {(woke - due) * 1000:.3f} {(done - woke) * 1000:.3f} {(done - due) * 1000:.3f} {busy:.2f}"
              f" {server_cores:.2f}\n")

out.close()
os.close(fd)
os.remove(path)
