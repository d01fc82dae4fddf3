#!/usr/bin/env bash
# Pollster against a real server: nginx serving a static execution for every
# GET /v1/executions/<id>, loaded in one run by wrk, hey, the curl transport alone, and
# two live pollster runs, side by side.
#
#   Benchmarks/live-vs-nginx.sh                  # 10 s per closed-loop run, 10 s live runs
#   ROUNDS=3 SECONDS_PER_RUN=5 LIVE_SECONDS=6 Benchmarks/live-vs-nginx.sh
#   THREADS=2 CLIENT_THREADS=2 Benchmarks/live-vs-nginx.sh
#
# Rows of the table:
#   wrk -t1 -c64 and hey -c 64     closed loops, 64 in flight, SECONDS_PER_RUN each;
#   transport                      TransportBench, CurlTransport in a closed loop with 64
#                                  connections and 64 in flight (--threads THREADS if set);
#   pollster live, 10k x 500ms     `pollster run`: 10,000 executions arriving evenly within
#                                  the first 500 ms, each polled every 500 ms (20,000 req/s
#                                  offered), until the client timeout of LIVE_SECONDS;
#   pollster live, 20k x 250ms     20,000 executions within 250 ms, every 250 ms (80,000
#                                  req/s offered).
# nginx always answers "running", so the live runs end when every client gives up at its
# timeout. Their requests/s is the steady state from timeseries.csv: the full 1 s buckets
# after the first second, before the last bucket with requests and within the timeout
# (every execution polls throughout them). Send lateness p99 and latency p99 come from
# summary.csv (`-` when this pollster does not write the column); CPU is the client
# process's user + system seconds (bash's time, or getrusage for TransportBench).
#
# Rounds alternate the five clients so that all see the same machine load; with several
# rounds the medians close the table. nginx runs from this script only (its own config in
# a temporary directory, one worker, no access log) on a free port of 127.0.0.1, and stops
# with the script. Loopback only. Knobs: ROUNDS (1), SECONDS_PER_RUN (10), LIVE_SECONDS
# (10, at least 3), THREADS (transport loop threads; unset: TransportBench's default),
# CLIENT_THREADS (passed to `pollster run --client-threads` only when set).
#
# Targets, checked on the last lines (PASS or MISS; the script exits 0 either way): the
# transport reaches 0.6x wrk's requests/s and beats hey; 10k executions reach 95% of the
# offered 20k req/s with send lateness p99 <= 5 ms; 20k executions reach 40k req/s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"

duration=${SECONDS_PER_RUN:-10}
live_seconds=${LIVE_SECONDS:-10}
rounds=${ROUNDS:-1}
threads=${THREADS:-}
client_threads=${CLIENT_THREADS:-}
connections=64

for knob in duration live_seconds rounds; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || { echo "$knob must be a positive whole number, got '${!knob}'" >&2; exit 1; }
done
(( live_seconds >= 3 )) || { echo "LIVE_SECONDS must be at least 3 (a steady state needs full seconds between the first and the last)" >&2; exit 1; }

missing=()
for tool in nginx wrk hey; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if (( ${#missing[@]} )); then
    echo "installing ${missing[*]}..." >&2
    # RUNLEVEL=1 keeps the package from starting nginx as a system service.
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "building release (scratch path .build-release)..." >&2
swift build -c release --scratch-path .build-release --product pollster >&2
swift build -c release --scratch-path .build-release --product TransportBench >&2
pollster=$PWD/.build-release/release/pollster
bench=$PWD/.build-release/release/TransportBench
if [[ -n $client_threads && $("$pollster" run --help) != *--client-threads* ]]; then
    echo "CLIENT_THREADS is set, but this pollster has no \`run --client-threads\`" >&2
    exit 1
fi

work=$(mktemp -d)
nginx_pid=
cleanup() {
    if [[ -n $nginx_pid ]]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- nginx --------------------------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    else
        echo $(( 20000 + RANDOM % 40000 ))
    fi
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

body='{"id":"exec_1","flowId":"flow_bench","version":"1","status":"running","progress":{"step":"fetch-data","percentage":42.5},"createdAt":"2026-01-01T00:00:00.000Z","metadata":{}}'
nofile=$(ulimit -n)
worker_connections=16384
if [[ $nofile != unlimited ]] && (( nofile - 64 < worker_connections )); then
    worker_connections=$(( nofile - 64 ))
fi
mkdir -p "$work/nginx/tmp"
port=
for _ in 1 2 3 4 5; do
    candidate=$(free_port)
    cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections $worker_connections; }
http {
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    default_type application/json;
    server {
        listen 127.0.0.1:$candidate;
        location /v1/executions/ {
            return 200 '$body';
        }
    }
}
EOF
    nginx -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -p "$work/nginx/" > "$work/nginx/out" 2>&1 &
    nginx_pid=$!
    for _ in $(seq 50); do
        listening "$candidate" && break
        kill -0 "$nginx_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$nginx_pid" 2>/dev/null && listening "$candidate"; then
        port=$candidate
        break
    fi
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=
done
if [[ -z $port ]]; then
    echo "nginx did not start:" >&2
    cat "$work/nginx/out" "$work/nginx/error.log" >&2 2>/dev/null || true
    exit 1
fi
base="http://127.0.0.1:$port"
url="$base/v1/executions/exec_1"

# --- the live scenarios ---------------------------------------------------------------
# A dummy key: nginx ignores it, pollster requires one for a real target.
POLLSTER_BENCH_KEY="bench-$RANDOM$RANDOM"
export POLLSTER_BENCH_KEY
seq 0 9999 | sed 's/^/exec_/' > "$work/ids.txt"
seq 0 19999 | sed 's/^/exec_/' > "$work/ids-20k.txt"
scenario() {
    local name=$1 executions=$2 rate=$3 interval=$4 ids=$5
    # executionIds resolve against the scenario's directory.
    cat > "$work/$name.yaml" <<EOF
name: $name
seed: 1
mode: live
target: $base
apiKeyEnv: POLLSTER_BENCH_KEY
live: { executionIds: $ids }
workload:
  executions: $executions
  arrival: { kind: uniform, rate: $rate }
  duration: { kind: fixed, value: 1h }
  outcomes: { completed: 1.0 }
server: { latency: 0ms }
strategies:
  - { name: fixed-$interval, kind: fixed, interval: $interval }
client: { timeout: ${live_seconds}s, retryAfter: honor }
report: { out: $work/out-$name, formats: [csv, json] }
EOF
    "$pollster" validate "$work/$name.yaml" > /dev/null
}
scenario nginx-10k 10000 20000/s 500ms ids.txt
scenario nginx-20k 20000 80000/s 250ms ids-20k.txt

# Warm nginx up so that no client pays for its first connections.
warmup=$(wrk -t1 -c"$connections" -d2s "$url")
if grep -q 'Non-2xx' <<< "$warmup"; then
    echo "nginx answers $url with errors:" >&2
    echo "$warmup" >&2
    exit 1
fi

# --- one run of each client -------------------------------------------------------------
# Each run appends "name rps offered lateness_p99_ms latency_p99_ms cpu_s" to
# $work/results, `-` for what the client does not measure.
to_ms() {
    # wrk's "8.40ms", "652.00us", "1.02s", "1.5m" as milliseconds.
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
        else if (v ~ /m$/) { sub(/m$/, "", v); print v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 }
        else print "-" }'
}
run_wrk() {
    local TIMEFORMAT='%U %S'
    if ! { time wrk -t1 -c"$connections" -d"${duration}s" --latency "$url" > "$work/wrk"; } 2> "$work/wrk-time"; then
        cat "$work/wrk" "$work/wrk-time" >&2
        exit 1
    fi
    if grep -q 'Non-2xx' "$work/wrk"; then
        echo "wrk got non-2xx answers:" >&2
        cat "$work/wrk" >&2
        exit 1
    fi
    local rps p99 user sys
    rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk")")
    read -r user sys < "$work/wrk-time"
    echo "wrk $rps - - $p99 $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$work/results"
}
run_hey() {
    local TIMEFORMAT='%U %S'
    if ! { time hey -c "$connections" -z "${duration}s" "$url" > "$work/hey"; } 2> "$work/hey-time"; then
        cat "$work/hey" "$work/hey-time" >&2
        exit 1
    fi
    if ! grep -q '\[200\]' "$work/hey" || grep -q 'Error distribution' "$work/hey" ||
        awk '/Status code distribution/ { s = 1; next } s && /\[[0-9]+\]/ && !/\[200\]/ { bad = 1 } END { exit !bad }' "$work/hey"; then
        echo "hey got errors or non-200 answers:" >&2
        sed -n '/Status code distribution/,$p' "$work/hey" >&2
        exit 1
    fi
    local rps p99 user sys
    rps=$(awk '/Requests\/sec/ { print $2 }' "$work/hey")
    p99=$(awk '$1 == "99%" && $2 == "in" { print $3 * 1000 }' "$work/hey")
    read -r user sys < "$work/hey-time"
    echo "hey $rps - - ${p99:--} $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$work/results"
}
run_transport() {
    local line
    line=$("$bench" --url "$url" --connections "$connections" --in-flight "$connections" \
        --seconds "$duration" ${threads:+--threads "$threads"})
    field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$line"; }
    if [[ $(field failures) != 0 ]]; then
        echo "note: the transport had $(field failures) failed requests in round $round" >> "$work/notes"
    fi
    echo "transport $(field rps) - - - $(awk -v u="$(field user)" -v s="$(field sys)" 'BEGIN { print u + s }')" >> "$work/results"
}
# The value of `column` in the first data row of a CSV file, `-` without that column.
csv_field() {
    awk -F, -v column="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == column) c = i; next }
        NR == 2 { print (c ? $c : "-"); exit }' "$1"
}
run_live() {
    local name=$1 offered=$2 out="$work/out-$1-r$round"
    local TIMEFORMAT='%U %S'
    if ! { time "$pollster" run "$work/$name.yaml" --out "$out" --quiet \
        ${client_threads:+--client-threads "$client_threads"}; } 2> "$work/live-time"; then
        echo "pollster run $name failed:" >&2
        cat "$work/live-time" >&2
        exit 1
    fi
    local user sys rps lateness p99
    # bash's time line is the last one; anything above it is pollster's own.
    if (( $(wc -l < "$work/live-time") > 1 )); then
        { echo "note: pollster ($name, round $round) said:"; sed '$d' "$work/live-time" | sed 's/^/  /'; } >> "$work/notes"
    fi
    read -r user sys < <(tail -n1 "$work/live-time")
    # The steady state: full buckets from 1 s on, before the last bucket with requests and
    # ending by the client timeout.
    rps=$(awk -F, -v timeout="$live_seconds" '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { t[NR] = $col["time_s"]; w[NR] = $col["bucket_s"]; r[NR] = $col["requests"]; if (r[NR] > 0) last = t[NR] }
        END {
            for (i in t) if (t[i] >= 1 && t[i] < last && w[i] == 1 && t[i] + w[i] <= timeout + 1e-9) { sum += r[i]; n++ }
            print (n ? sum / n : "-")
        }' "$out/timeseries.csv")
    lateness=$(csv_field "$out/summary.csv" send_lateness_ms_p99)
    p99=$(csv_field "$out/summary.csv" latency_ms_p99)
    local errors
    errors=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == 2 { printf "%s %s %s %s", $col["errors"], $col["requests_other_4xx"], $col["requests_5xx"], $col["transport_errors"] }' "$out/summary.csv")
    if [[ $errors != "0 0 0 0" ]]; then
        echo "note: pollster ($name, round $round): errors, other 4xx, 5xx, transport errors = $errors (a request fails after the client timeout + 1 s)" >> "$work/notes"
    fi
    echo "$name $rps $offered ${lateness:--} $p99 $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$work/results"
}

# --- the table ------------------------------------------------------------------------------
label() {
    case $1 in
        wrk) echo "wrk -t1 -c$connections" ;;
        hey) echo "hey -c $connections" ;;
        transport) echo "transport, $connections in flight${threads:+, ${threads}t}" ;;
        nginx-10k) echo "pollster live, 10k x 500ms${client_threads:+, ${client_threads}t}" ;;
        nginx-20k) echo "pollster live, 20k x 250ms${client_threads:+, ${client_threads}t}" ;;
    esac
}
format='%-7s %-32s %11s %8s %8s %9s %10s %10s %7s\n'
show() {
    # Reads "name rps offered lateness latency cpu" lines, the wrk line first.
    local tag=$1 wrk= name rps offered lateness latency cpu
    while read -r name rps offered lateness latency cpu; do
        wrk=${wrk:-$rps}
        # shellcheck disable=SC2046
        printf "$format" "$tag" "$(label "$name")" $(awk -v rps="$rps" -v wrk="$wrk" -v offered="$offered" \
            -v lateness="$lateness" -v latency="$latency" -v cpu="$cpu" '
            function f(v, fmt) { return v == "-" ? "-" : sprintf(fmt, v) }
            BEGIN {
                print f(rps, "%.0f"), (rps == "-" ? "-" : sprintf("%.2f", rps / wrk)), f(offered, "%d"),
                    (offered == "-" || rps == "-" ? "-" : sprintf("%.3f", rps / offered)),
                    f(lateness, "%.1f"), f(latency, "%.1f"), f(cpu, "%.2f")
            }')
    done
}

printf "$format" round client 'requests/s' ratio offered achieved/ 'send late' latency 'CPU s'
printf "$format" '' '' '' 'to wrk' 'req/s' offered 'p99 ms' 'p99 ms' ''
: > "$work/all"
: > "$work/notes"
names="wrk hey transport nginx-10k nginx-20k"
for round in $(seq "$rounds"); do
    : > "$work/results"
    run_wrk
    run_hey
    run_transport
    run_live nginx-10k 20000
    run_live nginx-20k 80000
    show "$round" < "$work/results"
    cat "$work/results" >> "$work/all"
    cp "$work/results" "$work/final"
done
if (( rounds > 1 )); then
    # The median of each column over the rounds; `-` when any round lacks the value.
    for name in $names; do
        for column in 2 3 4 5 6; do
            awk -v name="$name" -v column="$column" '$1 == name { print $column }' "$work/all" | sort -g |
                awk '$1 == "-" { dash = 1 } { v[NR] = $1 }
                    END { print (dash ? "-" : NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
        done | paste -sd' ' | sed "s/^/$name /"
    done > "$work/final"
    show median < "$work/final"
fi
echo "closed loops: ${duration} s per run, $connections connections and $connections in flight; live runs: client timeout ${live_seconds} s; nginx 1 worker; loopback"
cat "$work/notes"

# --- the targets ----------------------------------------------------------------------------
value() { awk -v name="$1" -v column="$2" '$1 == name { print $column }' "$work/final"; }
verdict() { if [[ $1 == 1 ]]; then echo PASS; else echo MISS; fi; }
target() { printf '%-70s %s (%s)\n' "target: $1" "$(verdict "$2")" "$3"; }
number() { awk -v v="$1" -v fmt="$2" 'BEGIN { print v == "-" ? "-" : sprintf(fmt, v) }'; }

wrk_rps=$(value wrk 2)
hey_rps=$(value hey 2)
transport_rps=$(value transport 2)
target "transport >= 0.6x wrk and ahead of hey" \
    "$(awk -v t="$transport_rps" -v w="$wrk_rps" -v h="$hey_rps" 'BEGIN { print (t >= 0.6 * w && t > h) ? 1 : 0 }')" \
    "$(number "$transport_rps" %.0f) req/s: $(number "$(awk -v t="$transport_rps" -v w="$wrk_rps" 'BEGIN { print t / w }')" %.2f)x wrk, $(number "$(awk -v t="$transport_rps" -v h="$hey_rps" 'BEGIN { print t / h }')" %.2f)x hey"

rps10=$(value nginx-10k 2)
late10=$(value nginx-10k 4)
if [[ $late10 == - ]]; then
    lateness="send lateness p99 - (this pollster does not report it)"
else
    lateness="send lateness p99 $(number "$late10" %.1f) ms"
fi
target "10k executions >= 95% of 20k req/s, send lateness p99 <= 5 ms" \
    "$(awk -v r="$rps10" -v l="$late10" 'BEGIN { print (r != "-" && r >= 0.95 * 20000 && l != "-" && l <= 5) ? 1 : 0 }')" \
    "$(number "$rps10" %.0f) req/s = $(number "$(awk -v r="$rps10" 'BEGIN { print r == "-" ? "-" : 100 * r / 20000 }')" %.1f)% of offered, $lateness"

rps20=$(value nginx-20k 2)
target "20k executions >= 40k req/s" \
    "$(awk -v r="$rps20" 'BEGIN { print (r != "-" && r >= 40000) ? 1 : 0 }')" \
    "$(number "$rps20" %.0f) req/s of the 80k offered"
