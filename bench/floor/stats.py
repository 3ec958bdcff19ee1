#!/usr/bin/env python3
"""Summarises probe.py outputs: per run, the crowd (the 2.5 s in which the machine's busy cores times the StatusBot
server's cores is highest: both are high only while the crowd is answered; the build before and the server's start keep
one of them low), widened by 1 s on each side so that its first and last moments are in; then pooled over the crowds and over the
whole runs. Percentiles by linear interpolation.

usage: stats.py OUT.tsv...
"""
import sys


def pct(values, p):
    v = sorted(values)
    pos = (len(v) - 1) * p
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


WINDOW = 50  # samples in 2.5 s
MARGIN = 20  # samples in 1 s
crowds, whole = [], []
print("| run | crowd found at, s after the first `statusbot.dll` | busy cores in the crowd: machine / server | probe in the crowd: median / max ms | slowest wake / slowest write + sync ms |")
print("|---|---|---|---|---|")
for name in sys.argv[1:]:
    rows = [[float(x) for x in line.split()] for line in open(name, encoding="ascii")]
    up = next((r[0] for r in rows if r[5] > 0), None)  # the first `statusbot.dll` seen
    if up is None or len(rows) <= WINDOW:
        sys.exit(f"{name}: no StatusBot server was seen while the probe ran (or too few samples); was an outage night running?")
    first = max(range(len(rows) - WINDOW), key=lambda i: sum(r[4] * r[5] for r in rows[i:i + WINDOW]))
    crowd = rows[max(0, first - MARGIN):first + WINDOW + MARGIN]
    crowds += crowd
    whole += rows
    total = [r[3] for r in crowd]
    print(f"| {name} | {crowd[0][0] - up:.1f} | {sum(r[4] for r in crowd) / len(crowd):.2f} / {sum(r[5] for r in crowd) / len(crowd):.2f} | {pct(total, .5):.2f} / {max(total):.2f} "
          f"| {max(r[1] for r in crowd):.2f} / {max(r[2] for r in crowd):.2f} |")

print()
print("| samples | n | median | p99 | max | over 10 ms | wake p99 / max | write + sync p99 / max |")
print("|---|---|---|---|---|---|---|---|")
for label, rows in (("in the crowds", crowds), ("whole runs", whole)):
    total = [r[3] for r in rows]
    wake = [r[1] for r in rows]
    sync = [r[2] for r in rows]
    print(f"| {label} | {len(rows)} | {pct(total, .5):.2f} | {pct(total, .99):.2f} | {max(total):.2f} "
          f"| {sum(1 for x in total if x > 10)} | {pct(wake, .99):.2f} / {max(wake):.2f} | {pct(sync, .99):.2f} / {max(sync):.2f} |")
