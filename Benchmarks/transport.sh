#!/usr/bin/env bash
# Throughput of the curl transport next to wrk's, against the same local Hummingbird server.
#
# The transport runs twice: with its client tasks on the transport's loop threads
# (CurlTransport.taskExecutors, the fast path) and on Swift's cooperative pool (the default
# for any caller). CPU is the client process's user + system time (getrusage / bash time).
#
#   Benchmarks/transport.sh            # 64 connections, 64 in flight, 10 s each
#   SECONDS_PER_RUN=5 THREADS=2 Benchmarks/transport.sh
#
# Loopback only. Target: the transport reaches at least 0.8 of wrk's requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --scratch-path .build-release --product TransportBench >&2
bench=.build-release/release/TransportBench

work=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bench" --serve > "$work/port" &
server_pid=$!
for _ in $(seq 100); do
    [[ -s $work/port ]] && break
    sleep 0.1
done
port=$(head -n1 "$work/port")
[[ -n $port ]] || { echo "the server did not report its port" >&2; exit 1; }
url="http://127.0.0.1:$port/v1/executions/exec_1"

# Warm the server up so that neither client pays for its first connections.
wrk -t1 -c"$connections" -d2s "$url" > /dev/null

TIMEFORMAT='%U %S'
{ time wrk -t1 -c"$connections" -d"${duration}s" "$url" > "$work/wrk"; } 2> "$work/wrk-time"
wrk_rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk")
read -r wrk_user wrk_sys < "$work/wrk-time"

run_transport() {
    "$bench" --url "$url" --connections "$connections" --in-flight "$connections" \
        --seconds "$duration" --threads "$threads" "$@"
}
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<< "$1"; }
loop_run=$(run_transport)
pool_run=$(run_transport --pool)

printf '%-30s %12s %8s %8s %8s %10s\n' client 'requests/s' 'ratio' 'user s' 'sys s' 'failures'
printf '%-30s %12.0f %8s %8.2f %8.2f %10s\n' "wrk -t1 -c$connections" "$wrk_rps" 1.00 "$wrk_user" "$wrk_sys" -
for run in "loop threads:$loop_run" "cooperative pool:$pool_run"; do
    name=${run%%:*}
    line=${run#*:}
    rps=$(field "$line" rps)
    ratio=$(awk -v a="$rps" -v b="$wrk_rps" 'BEGIN { printf "%.2f", a / b }')
    printf '%-30s %12.0f %8s %8.2f %8.2f %10s\n' "transport, $name, ${threads}t" "$rps" "$ratio" \
        "$(field "$line" user)" "$(field "$line" sys)" "$(field "$line" failures)"
done
echo "${duration} s per run, $connections connections and $connections requests in flight, loopback; target ratio >= 0.8"
