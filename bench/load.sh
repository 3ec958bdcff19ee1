#!/usr/bin/env bash
# The load benchmark: an open-loop generator (bench/StatusBot.Load) against the Release `statusbot serve` it starts
# itself, side by side with the Slack Bolt and discord-interactions Express peers of bench/peers, and the outage night
# against the Slack and Discord emulators. Prints markdown tables (see docs/PERFORMANCE.md).
# usage: bench/load.sh [generator options…]   e.g. bench/load.sh --scenario outage   or   bench/load.sh --rate 1000 --no-search
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building (Release)…" >&2
dotnet build -c Release src/StatusBot.Host -v q -nologo >/dev/null
dotnet build -c Release bench/StatusBot.Load -v q -nologo >/dev/null
for peer in slack-bolt discord-interactions-express; do
  if [ ! -d "bench/peers/$peer/node_modules" ]; then (cd "bench/peers/$peer" && npm install --no-audit --no-fund --loglevel=error >/dev/null); fi
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), dotnet $(dotnet --version), node $(node --version)"
echo "uptime before: $(uptime)"
dotnet bench/StatusBot.Load/bin/Release/net10.0/StatusBot.Load.dll "$@"
echo "uptime after: $(uptime)"
