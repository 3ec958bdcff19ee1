#!/usr/bin/env bash
# Closed-loop load with standard generators: StatusBot's `serve` and the platform's own JavaScript framework in turn,
# answering the same signed requests on this machine, the generator sharing the cores.
# usage: bench/closed-loop/run.sh <slack|discord> [wrk|autocannon] [connections=64] [seconds=15] [rounds=3]
# Every request is signed beforehand and sent once, from its own user (a copy would be refused as a replay, and one user
# repeating would meet the per-user limit). Prints a markdown table: requests/s, latency, non-2xx, and the server's own
# CPU time (utime + stime from /proc over the run) per request answered.
set -euo pipefail
cd "$(dirname "$0")/../.."

kind=${1:?usage: run.sh <slack|discord> [wrk|autocannon] [connections] [seconds] [rounds]}
generator=${2:-wrk}
connections=${3:-64}
seconds=${4:-15}
rounds=${5:-3}
threads=2
sb_port=${SB_PORT:-28281}
peer_port=${PEER_PORT:-28282}
case "$kind" in slack|discord) ;; *) echo "kind must be slack or discord, not '$kind'" >&2; exit 2;; esac
case "$generator" in wrk|autocannon) ;; *) echo "generator must be wrk or autocannon, not '$generator'" >&2; exit 2;; esac
if [ "$generator" = wrk ] && ! command -v wrk >/dev/null; then echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; fi
for port in $sb_port $peer_port; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use (set SB_PORT / PEER_PORT)" >&2; exit 1; fi
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 150); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 did not open" >&2; return 1; }

echo "building (Release)…" >&2
dotnet build -c Release src/StatusBot.Host -v q -nologo >/dev/null
for dir in bench/closed-loop bench/peers/slack-bolt bench/peers/discord-interactions-express; do
  [ -d "$dir/node_modules" ] || (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
done

secret="bench-signing-secret-$RANDOM$RANDOM"
node bench/closed-loop/sign.mjs keygen "$work/keys"
public_key=$(cat "$work/keys/public.hex")
if [ "$kind" = slack ]; then sb_path=/slack/commands; peer_path=/slack/events; else sb_path=/discord/interactions; peer_path=/discord/interactions; fi

start_statusbot() {
  StatusBot__Slack__SigningSecret="$secret" StatusBot__Discord__PublicKey="$public_key" Logging__LogLevel__Default=Warning \
    DOTNET_gcServer=0 DOTNET_GCgen0size=1000000 \
    dotnet src/StatusBot.Host/bin/Release/net10.0/statusbot.dll serve --urls "http://127.0.0.1:$sb_port" --data "$work/data" >"$work/statusbot.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid"); wait_port $sb_port
}

start_peer() {
  if [ "$kind" = slack ]; then
    (cd bench/peers/slack-bolt && NODE_ENV=production PORT=$peer_port SLACK_SIGNING_SECRET="$secret" REPLY_FILE="$work/reply.json" \
      exec node app.js >"$work/peer.log" 2>&1) &
  else
    (ANSWER_FILE="$work/reply.json" DISCORD_PUBLIC_KEY="$public_key" PORT=$peer_port \
      exec node bench/peers/discord-interactions-express/server.js >"$work/peer.log" 2>&1) &
  fi
  server_pid=$!; pids+=("$server_pid"); wait_port $peer_port
}

next_user=0
sign() { # count file; every request of the whole run from a user of its own
  if [ "$kind" = slack ]; then node bench/closed-loop/sign.mjs slack "$secret" "$1" "$2" "$next_user"
  else node bench/closed-loop/sign.mjs discord "$work/keys" "$1" "$2" "$next_user"; fi
  next_user=$((next_user + $1))
}

send_one() { # url file -> body on stdout
  local ts sig body type tsh sigh
  IFS=$'\t' read -r ts sig body <"$2"
  if [ "$kind" = slack ]; then type=application/x-www-form-urlencoded; tsh=X-Slack-Request-Timestamp; sigh=X-Slack-Signature
  else type=application/json; tsh=X-Signature-Timestamp; sigh=X-Signature-Ed25519; fi
  curl -sf -X POST "$1" -H "$tsh: $ts" -H "$sigh: $sig" -H "Content-Type: $type" --data-binary "$body"
}

# StatusBot's answer, captured once, so the peer answers byte for byte the same JSON.
start_statusbot
sign 1 "$work/capture.txt"
send_one "http://127.0.0.1:$sb_port$sb_path" "$work/capture.txt" >"$work/reply.json"
echo "reply: $(wc -c <"$work/reply.json") bytes" >&2
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
# Enough signed requests for the run at a rate no server here reaches; signed just before the run (timestamps are checked).
if [ "$kind" = slack ]; then max_rate=${MAX_RATE:-60000}; else max_rate=${MAX_RATE:-40000}; fi
count=$(( seconds * max_rate ))

generate() { # url path seconds file -> the generator's output
  if [ "$generator" = wrk ]; then
    KIND=$kind REQUEST_PATH="$2" REQUESTS_FILE="$4" WRK_THREADS=$threads \
      wrk -t"$threads" -c"$connections" -d"${3}s" --latency -s bench/closed-loop/signed.lua "$1" 2>&1
  else
    node bench/closed-loop/autocannon.mjs "$1" "$kind" "$4" "$connections" "$3" 2>/dev/null | tail -1
  fi
}

measure() { # url path label round
  local before after out requests rps p50 p99 errors
  # Warm-up (the JIT, connection pools), with requests of its own, then the measured run.
  sign $(( 3 * max_rate )) "$work/warmup.txt"
  generate "$1" "$2" 3 "$work/warmup.txt" >/dev/null
  sign "$count" "$work/requests.txt"
  before=$(cpu_ticks "$server_pid")
  out=$(generate "$1" "$2" "$seconds" "$work/requests.txt")
  after=$(cpu_ticks "$server_pid")
  if [ "$generator" = wrk ]; then
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%d", $2 }')
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    errors=$(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 3; i <= NF; i++) n += $i } END { print n + 0 }')
  else
    requests=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
    rps=$(echo "$out" | sed -E 's/.*rps=([0-9]+).*/\1/')
    p50=$(echo "$out" | sed -E 's/.*p50=([0-9.]+ms).*/\1/')
    p99=$(echo "$out" | sed -E 's/.*p99=([0-9.]+ms).*/\1/')
    errors=$(echo "$out" | sed -E 's/.*errors=([0-9]+).*/\1/')
  fi
  echo "| $4 | $3 | $rps | $p50 | $p99 | $errors | $(( (after - before) * tick_us / (requests > 0 ? requests : 1) )) |"
}

if [ "$kind" = slack ]; then
  peer_label="Slack Bolt $(node -p "require('./bench/peers/slack-bolt/node_modules/@slack/bolt/package.json').version")"
else
  peer_label="discord-interactions $(node -p "require('./bench/peers/discord-interactions-express/node_modules/discord-interactions/package.json').version") + Express"
fi
echo "$kind, $generator, $threads threads, $connections connections, ${seconds} s; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at start"
echo
echo "| round | server | requests/s | p50 | p99 | non-2xx | server CPU µs/request |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  start_statusbot
  measure "http://127.0.0.1:$sb_port$sb_path" "$sb_path" "StatusBot" "$round"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  start_peer
  measure "http://127.0.0.1:$peer_port$peer_path" "$peer_path" "$peer_label" "$round"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
done
