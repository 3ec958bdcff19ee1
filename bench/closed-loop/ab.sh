#!/usr/bin/env bash
# Two builds of StatusBot under the same closed-loop load, in turn (A, B, A, B…), to compare a change: requests/s, p99,
# errors, the server's own CPU per request, and (with counters=1) the bytes it allocated per request, read from the
# runtime's dotnet.gc.heap.total_allocated counter over the measured run (dotnet-counters: dotnet tool install -g
# dotnet-counters). Each build is a folder holding statusbot.dll, e.g. a copy of src/StatusBot.Host/bin/Release/net10.0.
# usage: bench/closed-loop/ab.sh <slack|discord> <wrk|autocannon> <connections> <seconds> <rounds> <dirA> <dirB> [counters=0|1]
# Requests are signed as in run.sh (MAX_RATE per second of run, unique users); SB_PORT chooses the port (28381).
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=${1:?usage: ab.sh <slack|discord> <wrk|autocannon> connections seconds rounds dirA dirB [counters]}
generator=$2; connections=$3; seconds=$4; rounds=$5; dirA=$6; dirB=$7; counters=${8:-0}
counters_tool=${DOTNET_COUNTERS:-$HOME/.dotnet/tools/dotnet-counters}
threads=2; sb_port=${SB_PORT:-28381}
work=$(mktemp -d); pids=()
[ "$counters" = 1 ] && [ ! -x "$counters_tool" ] && { echo "dotnet-counters not found ($counters_tool)" >&2; exit 2; }
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 600); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 did not open" >&2; return 1; }
if [ "$generator" = wrk ] && ! command -v wrk >/dev/null; then echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; fi
[ -d bench/closed-loop/node_modules ] || (cd bench/closed-loop && npm install --no-audit --no-fund --loglevel=error >/dev/null)
secret="bench-signing-secret-$RANDOM$RANDOM"
node bench/closed-loop/sign.mjs keygen "$work/keys"
public_key=$(cat "$work/keys/public.hex")
if [ "$kind" = slack ]; then sb_path=/slack/commands; else sb_path=/discord/interactions; fi
start_statusbot() {
  rm -rf "$work/data"
  StatusBot__Slack__SigningSecret="$secret" StatusBot__Discord__PublicKey="$public_key" Logging__LogLevel__Default=Warning \
    DOTNET_gcServer=0 DOTNET_GCgen0size=1000000 \
    dotnet "$1/statusbot.dll" serve --urls "http://127.0.0.1:$sb_port" --data "$work/data" >"$work/statusbot.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid"); wait_port $sb_port
}
next_user=0
sign() {
  if [ "$kind" = slack ]; then node bench/closed-loop/sign.mjs slack "$secret" "$1" "$2" "$next_user"
  else node bench/closed-loop/sign.mjs discord "$work/keys" "$1" "$2" "$next_user"; fi
  next_user=$((next_user + $1))
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
if [ "$kind" = slack ]; then max_rate=${MAX_RATE:-60000}; else max_rate=${MAX_RATE:-40000}; fi
count=$(( seconds * max_rate ))
generate() {
  if [ "$generator" = wrk ]; then
    KIND=$kind REQUEST_PATH="$2" REQUESTS_FILE="$4" WRK_THREADS=$threads wrk -t"$threads" -c"$connections" -d"${3}s" --latency -s bench/closed-loop/signed.lua "$1" 2>&1
  else
    node bench/closed-loop/autocannon.mjs "$1" "$kind" "$4" "$connections" "$3" 2>/dev/null | tail -1
  fi
}
measure() {
  local before after out requests rps p99 errors a0 a1 alloc
  sign $(( 3 * max_rate )) "$work/warmup.txt"
  generate "$1" "$2" 3 "$work/warmup.txt" >/dev/null
  local cpid=""
  if [ "$counters" = 1 ]; then rm -f "$work/c.csv"; # A background job ignores SIGINT; the collector is given it back so that it stops and writes its file on SIGINT.
    python3 -c "import signal,os,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])" "$counters_tool" collect -p "$server_pid" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' --format csv -o "$work/c.csv" --refresh-interval 1 >/dev/null 2>&1 </dev/null & cpid=$!; fi
  sign "$count" "$work/requests.txt"
  before=$(cpu_ticks "$server_pid")
  out=$(generate "$1" "$2" "$seconds" "$work/requests.txt")
  after=$(cpu_ticks "$server_pid")
  # The counter reports the bytes allocated in each second: their sum over the run, after a last report.
  a0=""; a1=""; if [ -n "$cpid" ]; then sleep 2; kill -INT $cpid; wait $cpid || true; a0=0; a1=$(grep -s total_allocated "$work/c.csv" | awk -F, '{s+=$NF} END {printf "%d", s}' || true); fi
  if [ "$generator" = wrk ]; then
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%d", $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    errors=$(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 3; i <= NF; i++) n += $i } END { print n + 0 }')
  else
    requests=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
    rps=$(echo "$out" | sed -E 's/.*rps=([0-9]+).*/\1/')
    p99=$(echo "$out" | sed -E 's/.*p99=([0-9.]+ms).*/\1/')
    errors=$(echo "$out" | sed -E 's/.*errors=([0-9]+).*/\1/')
  fi
  alloc="-"; [ -n "$a0" ] && [ -n "$a1" ] && alloc=$(awk -v a="$a0" -v b="$a1" -v n="$requests" 'BEGIN{printf "%d", (b-a)/n}')
  echo "| $4 | $3 | $rps | $p99 | $errors | $(( (after - before) * tick_us / (requests > 0 ? requests : 1) )) | $alloc | $(cut -d' ' -f1 /proc/loadavg) |"
}
echo "$kind $generator c=$connections ${seconds}s"
echo "| round | build | rps | p99 | err | CPU µs/req | B alloc/req | load |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for v in A B; do
    if [ $v = A ]; then d=$dirA; else d=$dirB; fi
    start_statusbot "$d"
    measure "http://127.0.0.1:$sb_port$sb_path" "$sb_path" "$v" "$round"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  done
done
