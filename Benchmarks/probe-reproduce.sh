#!/usr/bin/env bash
# Does probing a target and simulating the inferred server: block reproduce a live run
# against that target? Runs Benchmarks/probe-reproduce.yaml (or SCENARIO) live against
# the embedded server, probes the same server with `pollster probe`, simulates the
# scenario with `--server-from probe.json`, and prints each strategy's 429 rate and polls
# per execution from both, with the differences (aim: 429 rate within 0.03, polls per
# execution within 8 %). About two minutes.
#
#   Benchmarks/probe-reproduce.sh [SCENARIO]
#   BIN=.build-tests/release/pollster Benchmarks/probe-reproduce.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIO=${1:-Benchmarks/probe-reproduce.yaml}
SCRATCH=${SCRATCH:-.build-release}
if [ -z "${BIN:-}" ]; then
    echo "building release (scratch path $SCRATCH)..." >&2
    swift build -c release --scratch-path "$SCRATCH" --product pollster >&2
    BIN="$SCRATCH/release/pollster"
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "live run of $SCENARIO..." >&2
"$BIN" run "$SCENARIO" --mode live --out "$OUT/live" --quiet
echo "probing the same server..." >&2
"$BIN" probe "$SCENARIO" --out "$OUT/probe" --spacing 250ms | sed -n '1,12p' >&2
echo "simulating with the probed server: block..." >&2
"$BIN" run "$SCENARIO" --mode simulate --server-from "$OUT/probe/probe.json" --out "$OUT/sim" --quiet

python3 - "$OUT/live/summary.csv" "$OUT/sim/summary.csv" <<'PY'
import csv, sys
live = {r["strategy"]: r for r in csv.DictReader(open(sys.argv[1]))}
sim = {r["strategy"]: r for r in csv.DictReader(open(sys.argv[2]))}
print(f"{'strategy':<12} {'429 live':>9} {'429 sim':>9} {'diff':>7}   {'polls live':>10} {'polls sim':>10} {'diff':>7}")
for name, l in live.items():
    s = sim[name]
    rl, rs = float(l["rate_429"]), float(s["rate_429"])
    pl, ps = float(l["polls_per_execution_mean"]), float(s["polls_per_execution_mean"])
    print(f"{name:<12} {rl:>9.4f} {rs:>9.4f} {rs - rl:>+7.4f}   {pl:>10.3f} {ps:>10.3f} {100 * (ps - pl) / pl:>+6.1f}%")
PY
