"""pollster's .hgrm files and summary.csv percentiles against the Python `hdrhistogram`
package (hdrh), an independent HdrHistogram implementation, reading the same data.

For every strategy of each report folder given, and each of latency and detection lag:
the histogram in results.json is loaded into an hdrh histogram: format 2's string, HdrHistogram's
compressed V2 encoding, by hdrh's own decoder (`HdrHistogram.decode`), which checks that
the encoding is one HdrHistogram reads; format 1's sparse [value, count] pairs
(microseconds) by recording them (1 us to a bound above the largest value, 3 significant
digits, as pollster's). Then
  1. every row of the .hgrm file (value, percentile, total count) must name the bucket hdrh
     finds first reaching that percentile of the total, with hdrh's count up to it (hdrh
     0.10's own percentile iterator steps to other levels, so rows are checked one by one);
  2. its footer's mean, max and total count must equal hdrh's;
  3. summary.csv's p50/p90/p99/max of the measure must equal hdrh's value at that
     percentile. HdrHistogram's definition (Java 2.1.12 on, and hdrhistogram-swift) is the
     value where the count reaches ceil(p% of the total); hdrh 0.10 rounds that count to
     the nearest instead, so hdrh is asked for the percentile that names the same count.
Finally the check is shown to have teeth: one row moved by one bucket must be caught.
"""
import csv
import json
import math
import os
import re
import sys

from hdrh.histogram import HdrHistogram

MEASURES = [("latency", "latency", "latency_ms"), ("lag", "detectionLag", "detection_lag_ms")]
ROW = re.compile(r"^\s*([0-9.]+)\s+([0-9.]+)\s+(\d+)(?:\s+([0-9.]+|Infinity))?\s*$")


def histogram(encoded):
    if isinstance(encoded, str):
        return HdrHistogram.decode(encoded)
    pairs = encoded
    highest = max(2, max(value for value, _ in pairs) * 2)
    h = HdrHistogram(1, highest, 3)
    for value, count in pairs:
        h.record_value(value, count)
    return h


def hdrh_buckets(h):
    """(highest equivalent value, count up to it) of every recorded bucket, from hdrh."""
    return [(it.value_iterated_to, it.total_count_to_this_value) for it in h.get_recorded_iterator()]


def check_rows(h, rows):
    """Each row must name a recorded bucket (its highest equivalent value, in ms), with
    hdrh's count up to that bucket, and that bucket must be the first whose count reaches
    the row's percentile of the total (the last row: 100%, the largest bucket)."""
    buckets = hdrh_buckets(h)
    total = h.get_total_count()
    problems = []
    for index, (value, percentile, count) in enumerate(rows):
        level = float(percentile)
        reached = [b for b in buckets if b[1] >= (total if level >= 1 else level * total) - 1e-9 * total]
        if not reached:
            problems.append("row %d (%s %s %s): no bucket reaches it in hdrh" % (index + 1, value, percentile, count))
            continue
        want = ("%.3f" % (reached[0][0] / 1000), str(reached[0][1]))
        if (value, count) != want:
            problems.append("row %d is %s %s %s, hdrh gives %s %s at that percentile" % (index + 1, value, percentile, count, want[0], want[1]))
    if rows and float(rows[-1][1]) != 1.0:
        problems.append("the last row is not at percentile 1")
    return problems


def file_rows(text):
    rows = []
    for line in text.splitlines()[2:]:
        if line.startswith("#"):
            break
        match = ROW.match(line)
        if not match:
            raise ValueError("not a percentile row: %r" % line)
        rows.append(match.groups()[:3])
    return rows


def footer(text, name):
    match = re.search(r"%s\s*=\s*([0-9.]+)" % re.escape(name), text)
    return match.group(1) if match else None


def value_at(h, percentile):
    """HdrHistogram's value at `percentile`: where the count reaches ceil(p * total)."""
    total = h.get_total_count()
    target = max(1, math.ceil((math.nextafter(percentile, 0) * total) / 100))
    return h.get_value_at_percentile(min(100.0, 100.0 * target / total))


def check(folder):
    results = json.load(open(os.path.join(folder, "results.json")))
    summary = {row["strategy"]: row for row in csv.DictReader(open(os.path.join(folder, "summary.csv")))}
    problems, checked, teeth = [], 0, None
    for strategy in results["strategies"]:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", strategy["name"])
        for prefix, key, column in MEASURES:
            encoded = strategy["metrics"][key]
            path = os.path.join(folder, "%s-%s.hgrm" % (prefix, name))
            where = "%s (%s)" % (path, strategy["name"])
            if not encoded or (isinstance(encoded, str) and histogram(encoded).get_total_count() == 0):
                if os.path.exists(path):
                    problems.append("%s: written for an empty histogram" % where)
                continue
            text = open(path).read()
            h = histogram(encoded)
            actual = file_rows(text)
            problems += ["%s: %s" % (where, p) for p in check_rows(h, actual)]
            for label, want in [("Mean", "%.3f" % (h.get_mean_value() / 1000)), ("Max", "%.3f" % (h.get_max_value() / 1000)),
                                ("Total count", str(h.get_total_count()))]:
                if footer(text, label) != want:
                    problems.append("%s: %s is %s, hdrh gives %s" % (where, label, footer(text, label), want))
            row = summary[strategy["name"]]
            for suffix, percentile in [("p50", 50.0), ("p90", 90.0), ("p99", 99.0), ("max", None)]:
                cell = row.get("%s_%s" % (column, suffix))
                if cell is None:
                    continue
                want = "%.3f" % ((h.get_max_value() if percentile is None else value_at(h, percentile)) / 1000)
                if cell != want:
                    problems.append("%s: summary.csv %s_%s is %s, hdrh gives %s" % (where, column, suffix, cell, want))
            checked += 1
            if teeth is None and len(actual) > 2:
                teeth = (h, actual)
    return problems, checked, teeth


def main(folders):
    problems, checked, teeth = [], 0, None
    for folder in folders:
        found, count, example = check(folder)
        problems += found
        checked += count
        teeth = teeth or example
    for problem in problems:
        print("check-hgrm: " + problem, file=sys.stderr)
    if problems:
        return 1
    if checked == 0 or teeth is None:
        print("check-hgrm: nothing was checked (no histograms with values)", file=sys.stderr)
        return 1
    # The check can fail: the middle row moved to the next bucket up must be caught.
    h, actual = teeth
    middle = len(actual) // 2
    value = round(float(actual[middle][0]) * 1000)
    moved = list(actual)
    moved[middle] = ("%.3f" % ((h.get_highest_equivalent_value(value) + 1) / 1000),) + tuple(actual[middle][1:])
    if not check_rows(h, moved):
        print("check-hgrm: a row moved by one bucket was not caught", file=sys.stderr)
        return 1
    print("check-hgrm: %d .hgrm files agree with hdrh (rows, mean, max, count) and so do summary.csv's percentiles" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
