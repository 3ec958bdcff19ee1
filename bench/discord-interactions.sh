#!/usr/bin/env bash
# Side-by-side benchmark of POST /discord/interactions: StatusBot's `serve` vs Discord's own discord-interactions Express
# middleware answering the same /status embed, both verifying the same Ed25519 signatures, on this machine.
# Usage: bench/discord-interactions.sh [connections=64] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-64}"
seconds="${2:-15}"
work="$(mktemp -d)"
bot_port=18080
peer_port=18081
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release -v q src/StatusBot.Host >/dev/null
dotnet build -c Release -v q bench/StatusBot.Bench.Discord >/dev/null
load=bench/StatusBot.Bench.Discord/bin/Release/net10.0/StatusBot.Bench.Discord
(cd bench/peers/discord-interactions-express && npm install --no-audit --no-fund --silent)

"$load" keygen "$work/keys"
public_key="$(cat "$work/keys/public.hex")"

# StatusBot: the real serve app; request logging off, as in production; the per-user rate limit off (the load comes from
# a handful of user ids, which the limit would answer with "Easy there" instead of the status).
StatusBot__Discord__PublicKey="$public_key" Logging__LogLevel__Default=Warning \
  src/StatusBot.Host/bin/Release/net10.0/statusbot serve --urls "http://127.0.0.1:$bot_port" --data "$work/data" >"$work/bot.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null && break; sleep 0.1; done

# Capture StatusBot's /status answer so the peer sends exactly the same bytes.
capture_body='{"id":"1299999999999999999","application_id":"1100000000000000001","type":2,"token":"capture","version":1,"guild_id":"1100000000000000002","channel_id":"1100000000000000003","locale":"en-US","data":{"id":"1400000000000000001","name":"status","type":1},"member":{"user":{"id":"1200000000000000002","username":"bench"},"roles":[],"permissions":"0"}}'
"$load" sign "$work/keys" "$capture_body" >"$work/capture.sig"
ts="$(cut -d' ' -f1 "$work/capture.sig")"; sig="$(cut -d' ' -f2 "$work/capture.sig")"
curl -sf -X POST "http://127.0.0.1:$bot_port/discord/interactions" -H 'Content-Type: application/json' \
  -H "X-Signature-Timestamp: $ts" -H "X-Signature-Ed25519: $sig" --data-binary "$capture_body" \
  >"$work/status-response.json"

ANSWER_FILE="$work/status-response.json" DISCORD_PUBLIC_KEY="$public_key" PORT=$peer_port node bench/peers/discord-interactions-express/server.js >"$work/peer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$peer_port") 2>/dev/null && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), dotnet $(dotnet --version), node $(node --version)"
# Server CPU time per request (utime+stime over the whole run, warm-up included, divided by every answer) does not depend
# on what else the machine is doing, unlike throughput and latency.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
measure() { # pid url label
  local before after row
  before=$(cpu_ticks "$1")
  row=$("$load" run "$2" "$work/keys" "$connections" 3 "$seconds" "$3") || true
  after=$(cpu_ticks "$1")
  echo "$row" | awk -v cpu=$(( (after - before) * tick_us )) -F'total=' '{ split($2, t, " "); printf "%s%d |\n", $1, cpu / t[1] }'
}

echo "| server | connections | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|"
measure "${pids[0]}" "http://127.0.0.1:$bot_port/discord/interactions" "StatusBot serve (.NET, NSec)"
measure "${pids[1]}" "http://127.0.0.1:$peer_port/discord/interactions" "discord-interactions 4.4.0 + Express 5.3.0 (node)"
