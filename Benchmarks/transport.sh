#!/usr/bin/env bash
# Throughput of the curl transport next to wrk's, against the same local Hummingbird server.
#
#   Benchmarks/transport.sh                      # 64 connections, 64 in flight, 10 s per run
#   ROUNDS=3 THREADS=2 SECONDS_PER_RUN=5 Benchmarks/transport.sh
#
# The transport runs with its client tasks on the transport's loop threads
# (CurlTransport.taskExecutors, the fast path) and on Swift's cooperative pool (what any
# caller gets). Rounds alternate wrk and the transport so that both see the same machine
# load; with several rounds the medians close the table. CPU is the client process's user
# and system seconds (getrusage, or bash's time for wrk). Loopback only. Target: the
# transport reaches at least 0.8 of wrk's requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}
rounds=${ROUNDS:-1}

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

# Each run appends "name rps user sys failures" to $work/results.
run_wrk() {
    local TIMEFORMAT='%U %S'
    { time wrk -t1 -c"$connections" -d"${duration}s" "$url" > "$work/wrk"; } 2> "$work/wrk-time"
    local rps user sys
    rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk")
    read -r user sys < "$work/wrk-time"
    echo "wrk $rps $user $sys 0" >> "$work/results"
}
run_transport() {
    local name=$1
    shift
    local line
    line=$("$bench" --url "$url" --connections "$connections" --in-flight "$connections" \
        --seconds "$duration" --threads "$threads" "$@")
    field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$line"; }
    echo "$name $(field rps) $(field user) $(field sys) $(field failures)" >> "$work/results"
}

label() {
    case $1 in
        wrk) echo "wrk -t1 -c$connections" ;;
        loop) echo "transport, loop, ${threads}t" ;;
        pool) echo "transport, pool, ${threads}t" ;;
    esac
}
show() {
    # Reads "name rps user sys failures" lines, the wrk line first, and prints them as rows.
    local tag=$1 base= name rps user sys failures
    while read -r name rps user sys failures; do
        base=${base:-$rps}
        printf '%-7s %-24s %12.0f %7.2f %8.2f %8.2f %9s\n' "$tag" "$(label "$name")" "$rps" \
            "$(awk -v a="$rps" -v b="$base" 'BEGIN { print a / b }')" "$user" "$sys" "$failures"
    done
}

printf '%-7s %-24s %12s %7s %8s %8s %9s\n' round client 'requests/s' ratio 'user s' 'sys s' failures
: > "$work/all"
for round in $(seq "$rounds"); do
    : > "$work/results"
    run_wrk
    run_transport loop
    run_transport pool --pool
    show "$round" < "$work/results"
    cat "$work/results" >> "$work/all"
done
if (( rounds > 1 )); then
    # The median of each client's requests/s and CPU over the rounds.
    for name in wrk loop pool; do
        for column in 2 3 4; do
            awk -v name="$name" -v column="$column" '$1 == name { print $column }' "$work/all" | sort -g |
                awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
        done | paste -sd' ' | sed "s/^/$name /; s/\$/ -/"
    done | show median
fi
echo "${duration} s per run, $connections connections and $connections requests in flight, loopback; target ratio >= 0.8"
