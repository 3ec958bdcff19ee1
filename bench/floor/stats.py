#!/usr/bin/env python3
"""Summarises probe.py outputs: per run, the 2.5 s in which the StatusBot server used the most CPU (the crowd), then pooled over the crowds and over the
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
crowds, whole = [], []
print("| run | busy cores in the crowd: machine / server | probe in the crowd: median / max ms | slowest wake / slowest write + sync ms |")
print("|---|---|---|---|")
for name in sys.argv[1:]:
    rows = [[float(x) for x in line.split()] for line in open(name, encoding="ascii")]
    first = max(range(len(rows) - WINDOW), key=lambda i: sum(r[5] for r in rows[i:i + WINDOW]))
    crowd = rows[first:first + WINDOW]
    crowds += crowd
    whole += rows
    total = [r[3] for r in crowd]
    print(f"| {name} | {sum(r[4] for r in crowd) / WINDOW:.2f} / {sum(r[5] for r in crowd) / WINDOW:.2f} | {pct(total, .5):.2f} / {max(total):.2f} "
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
