#!/usr/bin/env bash
# Slack benchmark: signed /statusbot slash commands at N concurrent connections against a running `statusbot serve`,
# then against a Slack Bolt (JavaScript) app answering the same reply, on the same machine, with the same load generator.
# usage: bench/slack/run.sh [connections=64] [seconds=15] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/../.."

connections=${1:-64}
seconds=${2:-15}
rounds=${3:-2}
secret="bench-signing-secret-$(date +%s)"
sb_port=${SB_PORT:-28181}
bolt_port=${BOLT_PORT:-28182}
for port in $sb_port $bolt_port; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use (set SB_PORT / BOLT_PORT)" >&2; exit 1; fi
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.2; done; echo "port $1 did not open" >&2; return 1; }

echo "building (Release)…" >&2
dotnet build -c Release src/StatusBot.Host -v q -nologo >/dev/null
dotnet build -c Release bench/slack/SlackLoad -v q -nologo >/dev/null
if [ ! -d bench/peers/slack-bolt/node_modules ]; then (cd bench/peers/slack-bolt && npm install --no-audit --no-fund --loglevel=error >/dev/null); fi
load=bench/slack/SlackLoad/bin/Release/net10.0/SlackLoad.dll

start_statusbot() {
  StatusBot__Slack__SigningSecret="$secret" StatusBot__RateLimit__CommandsPerMinute=0 Logging__LogLevel__Default=Warning \
    dotnet src/StatusBot.Host/bin/Release/net10.0/statusbot.dll serve --urls "http://127.0.0.1:$sb_port" --data "$work/data" >"$work/statusbot.log" 2>&1 &
  sb_pid=$!; pids+=("$sb_pid"); wait_port $sb_port
}

start_bolt() {
  (cd bench/peers/slack-bolt && NODE_ENV=production PORT=$bolt_port SLACK_SIGNING_SECRET="$secret" REPLY_FILE="$work/reply.json" \
    exec node app.js >"$work/bolt.log" 2>&1) &
  bolt_pid=$!; pids+=("$bolt_pid"); wait_port $bolt_port
}

# The reply StatusBot gives to /statusbot (the overview), captured once so Bolt answers byte-for-byte the same JSON.
start_statusbot
body='token=unused&team_id=T1&team_domain=acme&channel_id=C1&channel_name=general&user_id=U1&user_name=u1&command=%2Fstatusbot&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3'
ts=$(date +%s)
sig="v0=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
curl -sf -X POST "http://127.0.0.1:$sb_port/slack/commands" -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body" >"$work/reply.json"
echo "reply: $(wc -c <"$work/reply.json") bytes" >&2
kill "$sb_pid"; wait "$sb_pid" 2>/dev/null || true

# Server CPU time per request (utime+stime of the server process over the whole run, warm-up included, divided by the
# requests of the whole run) does not depend on what else the machine is doing, unlike throughput and latency.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
measure() { # pid url label round
  local before after out
  before=$(cpu_ticks "$1")
  out=$(dotnet "$load" "$2" "$secret" "$connections" "$seconds" 3 --total)
  after=$(cpu_ticks "$1")
  echo "$out" | sed -E "s/.*requests=([0-9]+) errors=([0-9]+) rps=([0-9]+) p50=([0-9.]+)ms p90=([0-9.]+)ms p99=([0-9.]+)ms max=([0-9.]+)ms total=([0-9]+)/| $4 | $3 | \3 | \4 | \5 | \6 | \7 | \2 | $(( (after - before) * tick_us )) \8 |/" \
    | awk -F'|' 'BEGIN { OFS = "|" } { split($10, c, " "); $10 = " " int(c[1] / c[2]) " "; print }'
}

echo "| round | server | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|---|"
bolt_label="Slack Bolt JS $(node -p "require('./bench/peers/slack-bolt/node_modules/@slack/bolt/package.json').version") (node $(node --version))"
for round in $(seq 1 "$rounds"); do
  start_statusbot
  measure "$sb_pid" "http://127.0.0.1:$sb_port/slack/commands" "StatusBot (.NET, serve)" "$round"
  kill "$sb_pid"; wait "$sb_pid" 2>/dev/null || true

  start_bolt
  measure "$bolt_pid" "http://127.0.0.1:$bolt_port/slack/events" "$bolt_label" "$round"
  kill "$bolt_pid"; wait "$bolt_pid" 2>/dev/null || true
done
