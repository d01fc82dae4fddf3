#!/usr/bin/env bash
# Parallel speed-up of `pollster sweep` (release build): the same 16-point sweep run with
# --jobs 1 and with the default (one simulation per active core), each RUNS times; prints
# every wall time, the best of each, their ratio (target: default <= 0.6 x --jobs 1 on
# 2 cores) and checks that both wrote byte-identical files.
#
#   Benchmarks/sweep-speedup.sh [SCENARIO] [PATH=VALUES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=${1:-scenarios/steady-state.yaml}
vary=${2:-strategies.expo.multiplier=1.1..3.0/16}
runs=${3:-3}

swift build -c release --scratch-path .build-release --product pollster >/dev/null
binary=.build-release/release/pollster
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Wall time of one sweep in milliseconds; files go to $out/$1; the CPU time it used is
# appended to $out/cpu (wall time means little when other processes hold the cores).
timed() {
    local dir=$1; shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %P" -o "$out/last" "$binary" sweep "$scenario" --vary "$vary" --quiet --out "$out/$dir" "$@"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

# "user+sys s, N% of a core" of the last timed run.
cpu() { awk '{ printf "cpu %.1f s, %s of a core", $1 + $2, $3 }' "$out/last"; }

echo "sweep of $scenario over $vary; cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); best of $runs runs each"
best_one=0
best_all=0
for i in $(seq 1 "$runs"); do
    one=$(timed jobs1 --jobs 1)
    one_cpu=$(cpu)
    all=$(timed default)
    all_cpu=$(cpu)
    echo "  run $i: --jobs 1 ${one} ms (${one_cpu}); default ${all} ms (${all_cpu})"
    if (( best_one == 0 || one < best_one )); then best_one=$one; fi
    if (( best_all == 0 || all < best_all )); then best_all=$all; fi
done
for file in sweep.csv sweep.json sweep.svg; do
    cmp -s "$out/jobs1/$file" "$out/default/$file" || { echo "error: $file differs between --jobs 1 and the default" >&2; exit 1; }
done
echo "--jobs 1: ${best_one} ms"
echo "default:  ${best_all} ms"
awk -v a="$best_all" -v b="$best_one" 'BEGIN { printf "ratio:    %.2f (target <= 0.60)\n", a / b }'
echo "outputs byte-identical: yes"
