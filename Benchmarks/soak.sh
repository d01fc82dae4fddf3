#!/usr/bin/env bash
# A soak: 100,000 executions live against the embedded server (Benchmarks/soak.yaml),
# the process's resident memory sampled every second. Prints the first, middle and last
# samples, the peak, and checks the run's accounting: pollster exits 70 when its figures
# do not add up, and this script also checks summary.csv's endings (detected + abandoned
# + errors + stopped = executions) and that every execution ran.
#
#   Benchmarks/soak.sh                  # POLLSTER=path uses a pollster already built
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${POLLSTER:-}
if [ -z "$BIN" ]; then
    echo "building release..." >&2
    swift build -c release --product pollster >&2
    BIN=.build/release/pollster
fi
OUT=$(mktemp -d)
SAMPLES="$OUT/rss.txt"

"$BIN" run Benchmarks/soak.yaml --out "$OUT/report" --quiet --force &
PID=$!
start=$(date +%s)
while kill -0 "$PID" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$PID/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $rss" >>"$SAMPLES"
    sleep 1
done
status=0
wait "$PID" || status=$?

n=$(wc -l <"$SAMPLES")
first=$(sed -n 1p "$SAMPLES"); middle=$(sed -n "$(( (n + 1) / 2 ))p" "$SAMPLES"); last=$(sed -n "${n}p" "$SAMPLES")
peak=$(sort -k2 -n "$SAMPLES" | tail -n 1)
mb() { awk -v kb="$2" -v t="$1" 'BEGIN { printf "t=%ss %.1f MB", t, kb / 1024 }'; }
echo "samples: $n over $(( $(date +%s) - start )) s"
echo "rss first:  $(mb $first)"
echo "rss 25%:    $(mb $(sed -n "$(( (n + 3) / 4 ))p" "$SAMPLES"))"
echo "rss middle: $(mb $middle)"
echo "rss 75%:    $(mb $(sed -n "$(( (3 * n + 3) / 4 ))p" "$SAMPLES"))"
echo "rss last:   $(mb $last)"
echo "rss peak:   $(mb $peak)"
echo "pollster exit status: $status (70 would mean its figures do not add up)"

python3 - "$OUT/report/summary.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
ok = True
for r in rows:
    n = int(r["executions"]); ends = sum(int(r[k]) for k in ("detected", "abandoned", "errors", "stopped"))
    print(f"{r['strategy']}: executions {n}, detected {r['detected']}, abandoned {r['abandoned']}, errors {r['errors']}, stopped {r['stopped']}, requests {r['requests']}, 429s {r['requests_429']}, saturated {r['saturated']}")
    if n != ends or n != 100000: ok = False
print("invariant:", "holds" if ok else "BROKEN")
sys.exit(0 if ok else 1)
PY
[ "$status" -eq 0 ]
