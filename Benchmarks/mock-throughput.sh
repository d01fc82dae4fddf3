#!/usr/bin/env bash
# Throughput of the mock execution API next to a constant JSON body served by the same
# Hummingbird app in the same run: `wrk -t1 -c64 -d10s` against GET /v1/executions/{id}
# (authentication, rate-limit gate, lifecycle snapshot, JSON rendering) and against the
# diagnostic GET /bench/constant (routing and middleware only). The mock should reach at
# least 80% of the constant-body figure.
#
#   Benchmarks/mock-throughput.sh            # DURATION=10s CONNECTIONS=64 by default
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
SCRATCH=.build-release

if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk..." >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi

echo "building release (scratch path $SCRATCH)..." >&2
swift build -c release --scratch-path "$SCRATCH" --product pollster >&2
BIN="$SCRATCH/release/pollster"

# A key for this benchmark only, handed over the environment as `serve` expects.
KEY="bench-$RANDOM$RANDOM"
LOG=$(mktemp)
POLLSTER_MOCK_KEYS="$KEY executions:read,executions:write" \
    "$BIN" serve --port 0 --scenario Benchmarks/mock-throughput.yaml --bench-routes --log-level warning >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
    kill -INT "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 100); do
    URL=$(grep -o 'listening on http://[0-9.:]*' "$LOG" | head -n1 | sed 's/listening on //') || true
    [ -n "$URL" ] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.1
done
[ -n "$URL" ] || { echo "the server did not start" >&2; cat "$LOG" >&2; exit 1; }

ID=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -d '{"durationMs": 86400000}' \
    "$URL/v1/flows/flow_bench/executions" | grep -o '"id":"exec_[0-9a-f]*"' | cut -d'"' -f4)
[ -n "$ID" ] || { echo "could not create an execution" >&2; exit 1; }

# Requests/sec of one wrk run; fails on any non-2xx answer.
measure() {
    local output
    output=$(wrk -t1 -c"$CONNECTIONS" -d"$1" -H "Authorization: Bearer $KEY" "$2")
    if grep -q 'Non-2xx' <<<"$output"; then
        echo "non-2xx answers from $2:" >&2
        echo "$output" >&2
        exit 1
    fi
    awk '/Requests\/sec/ { print $2 }' <<<"$output"
}

measure 2s "$URL/bench/constant" >/dev/null   # warm-up
measure 2s "$URL/v1/executions/$ID" >/dev/null
CONSTANT=$(measure "$DURATION" "$URL/bench/constant")
MOCK=$(measure "$DURATION" "$URL/v1/executions/$ID")
RATIO=$(awk -v m="$MOCK" -v c="$CONSTANT" 'BEGIN { printf "%.3f", m / c }')

echo "constant body (GET /bench/constant):       $CONSTANT req/s"
echo "mock execution (GET /v1/executions/{id}):  $MOCK req/s"
echo "ratio mock / constant:                     $RATIO (target >= 0.80)"
awk -v r="$RATIO" 'BEGIN { exit !(r >= 0.80) }' || { echo "below the 80% target" >&2; exit 1; }
