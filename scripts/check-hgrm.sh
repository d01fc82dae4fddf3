#!/usr/bin/env bash
# Checks pollster's .hgrm files and summary.csv percentiles against another HdrHistogram
# implementation: the Python `hdrhistogram` package (from PyPI, installed into a virtual
# environment in the build folder when missing) loads each histogram from results.json and
# must print the same percentile rows, mean, max and count, and give summary.csv's
# percentiles. See docs/testing.md. Exit 0 agree, 1 disagree, 2 hdrhistogram not installable.
#
#   scripts/check-hgrm.sh                    # POLLSTER=.build-tests/release/pollster
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
pollster=${POLLSTER:-.build-tests/release/pollster}
venv=${VENV:-.build-tests/hdrhistogram-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import hdrh.histogram' >/dev/null 2>&1; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q hdrhistogram; } >/dev/null 2>&1 || {
        echo "check-hgrm.sh: hdrhistogram could not be installed (python3 -m venv, pip install hdrhistogram)" >&2
        exit 2
    }
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Two scenarios: rate-limited polling (latency 0 in a simulation: lag carries the check)
# and a server with latency and queueing (latency spectra with many buckets).
for scenario in tight-limits herd-queue; do
    "$pollster" simulate "scenarios/$scenario.yaml" --out "$out/$scenario" --quiet --force
    "$pollster" report "$out/$scenario/results.json" --format hgrm --out "$out/$scenario" >/dev/null 2>&1
done
"$venv/bin/python" scripts/check-hgrm.py "$out/tight-limits" "$out/herd-queue"
