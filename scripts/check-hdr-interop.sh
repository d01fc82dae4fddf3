#!/usr/bin/env bash
# Reads the histograms pollster wrote in DIR/results.json (HdrHistogram's compressed V2
# encoding, base64) with HdrHistogram's own Python package (`hdrhistogram` from PyPI), and
# checks that every strategy's counts and percentiles are the ones pollster printed in
# DIR/summary.csv. Exit 0: they agree; 1: they do not; 2: the package could not be installed.
#   scripts/check-hdr-interop.sh reports/check
set -euo pipefail
dir=${1:?usage: scripts/check-hdr-interop.sh REPORT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.build-tests/hdrhistogram-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import hdrh" 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1 || ! "$venv/bin/pip" install -q hdrhistogram >/dev/null 2>&1; then
    echo "check-hdr-interop: could not install the hdrhistogram package from PyPI (python3-venv and network needed)" >&2
    exit 2
  fi
fi
"$venv/bin/python" - "$dir" <<'PY'
import csv, json, sys
from hdrh.histogram import HdrHistogram

directory = sys.argv[1]
with open(f"{directory}/results.json") as f:
    results = json.load(f)
with open(f"{directory}/summary.csv") as f:
    rows = {row["strategy"]: row for row in csv.DictReader(f)}
problems, checked = [], 0
for strategy in results["strategies"]:
    name, metrics = strategy["name"], strategy["metrics"]
    row = rows[name]
    lag = HdrHistogram.decode(metrics["detectionLag"])
    if lag.get_total_count() != int(row["detected"]):
        problems.append(f"{name}: detection lag count {lag.get_total_count()}, summary.csv detected {row['detected']}")
    latency = HdrHistogram.decode(metrics["latency"])
    if latency.get_total_count() != int(row["requests"]):
        problems.append(f"{name}: latency count {latency.get_total_count()}, summary.csv requests {row['requests']}")
    for histogram, column, percentiles in ((lag, "detection_lag_ms", (50, 90, 99)), (latency, "latency_ms", (50, 99))):
        if histogram.get_total_count() == 0:
            continue
        for p in percentiles:
            ours = row[f"{column}_p{p}"]
            theirs = "%.3f" % (histogram.get_value_at_percentile(p) / 1000)
            checked += 1
            if ours != theirs:
                problems.append(f"{name}: {column}_p{p} is {ours} in summary.csv, {theirs} by HdrHistogram's Python package")
for problem in problems:
    print("check-hdr-interop: " + problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check-hdr-interop: ok ({len(results['strategies'])} strategies, {checked} percentiles read by hdrhistogram from PyPI agree)")
PY
