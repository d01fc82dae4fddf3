#!/usr/bin/env bash
# Accuracy of `pollster probe`: every limiter family, three parameter sets each, with and
# without rate-limit headers and with and without Retry-After, each probed on an embedded
# mock API in this process (real time, loopback). Prints one row per probe (the guess,
# the relative errors of the rate or window and of the burst or limit, the requests and
# seconds used) and the tally per family. About ten minutes on two cores.
#
#   Benchmarks/probe-accuracy.sh                 # all 72 probes
#   Benchmarks/probe-accuracy.sh fixedWindow     # only the cases whose name contains it
#   BIN=.build-tests/release/pollster Benchmarks/probe-accuracy.sh   # an existing build
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-.build-release}
if [ -z "${BIN:-}" ]; then
    echo "building release (scratch path $SCRATCH)..." >&2
    swift build -c release --scratch-path "$SCRATCH" --product pollster >&2
    BIN="$SCRATCH/release/pollster"
fi

if [ $# -gt 0 ]; then
    exec "$BIN" probe --accuracy-table --accuracy-filter "$1"
fi
exec "$BIN" probe --accuracy-table
