#!/usr/bin/env bash
# The machine's floor beside the outage night: runs `bench/load.sh --scenario outage` N times with probe.py beside each
# run, then summarises the probe with stats.py. The update figures of these runs share the disk with the probe's syncs.
# usage: bench/floor/run.sh N [OUTDIR] [load.sh options…]
set -euo pipefail
n=$1; out=${2:-./bench-data/floor}; shift $(( $# >= 2 ? 2 : 1 ))
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
for i in $(seq 1 "$n"); do
  python3 "$here/probe.py" 180 "$out/probe-$i.tsv" "$out" &
  probe=$!
  sleep 1
  "$here/../load.sh" --scenario outage "$@" > "$out/outage-$i.txt" 2>&1
  wait "$probe"
  grep -E 'exact' "$out/outage-$i.txt" | cut -d'|' -f3
done
python3 "$here/stats.py" "$out"/probe-*.tsv
