#!/usr/bin/env bash
# Renders a pollster page of charts (report.html, or sweep.html: the same chart module,
# stylesheet and legend script) in headless Chromium and fails when the page is blank,
# logs anything to the console (any message is a problem), a chart <svg> has no drawn
# data marks, or a click on a legend entry does not hide that strategy's series (and a
# second show it again). Leaves a screenshot next to the report
# (REPORT.png) and prints a rough render time: the screenshot's time minus Chromium's
# start-up time on an empty page.
#
#   scripts/check-report-html.sh reports/check/report.html
#   scripts/check-report-html.sh reports/check-sweep/sweep.html
set -euo pipefail

report=${1:?usage: scripts/check-report-html.sh REPORT.html}
[ -f "$report" ] || { echo "check-report-html: no such file: $report" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-report-html: chromium is not installed" >&2; exit 2; }

page="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
png="${page%.html}.png"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '<!DOCTYPE html><html><body></body></html>\n' > "$work/empty.html"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
    --disable-background-networking --user-data-dir="$work/profile" --window-size=1280,4000)

# Milliseconds that a screenshot of $1 into $2 takes; Chromium's log goes to $3.
shoot() {
    local start end
    start=$(date +%s%N)
    "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --screenshot="$2" "file://$1" >"$3" 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

baseline=$(shoot "$work/empty.html" "$work/empty.png" "$work/empty.log")
elapsed=$(shoot "$page" "$png" "$work/report.log")
"$browser" "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/dom.log" || true

failed=0
fail() { echo "check-report-html: $*" >&2; failed=1; }

[ -s "$png" ] || fail "Chromium wrote no screenshot ($(tail -n 3 "$work/report.log" | tr '\n' ' '))"
if [ -s "$png" ] && [ -s "$work/empty.png" ]; then
    # A blank page compresses to almost nothing: demand far more than an empty page's PNG.
    size=$(wc -c < "$png")
    empty=$(wc -c < "$work/empty.png")
    [ "$size" -gt $((empty * 3)) ] || fail "the page looks blank (screenshot $size bytes, an empty page $empty bytes)"
fi
if grep -E ':CONSOLE[:(]|Uncaught|Failed to load resource' "$work/report.log" >"$work/console.txt"; then
    fail "console messages: $(head -n 3 "$work/console.txt" | tr '\n' ' ')"
fi
[ -s "$work/dom.html" ] || fail "Chromium produced no DOM"

# The legend's script, run by the page itself at #legend-check: "HIDDEN-AFTER-ONE-CLICK
# HIDDEN-AFTER-TWO SERIES-OF-THE-ENTRY"; one click must hide that entry's series, a second
# must show them again.
"$browser" "${flags[@]}" --dump-dom "file://$page#legend-check" >"$work/legend.html" 2>/dev/null || true
legend=$(grep -o 'data-legend-check="[0-9 ]*"' "$work/legend.html" | head -n 1 | sed 's/.*="\(.*\)"/\1/')
read -r hid shown count <<<"${legend:-x x x}"
if [ "${hid:-x}" = x ] || [ "$hid" -lt 1 ] || [ "$hid" != "$count" ] || [ "$shown" != 0 ]; then
    fail "a click on a legend entry did not hide its series and a second show them (got \"${legend:-nothing}\")"
else
    echo "check-report-html: legend click hides $hid series and a second click shows them"
fi

# Every chart <svg class="chart" id="..."> must hold at least one element of class "mark".
charts=$(awk 'BEGIN { RS = "<svg" } NR > 1 && /^ class="chart"/ {
        id = $0; sub(/^ class="chart" id="/, "", id); sub(/".*/, "", id)
        body = $0; sub(/<\/svg>.*/, "", body)
        marks = gsub(/class="mark/, "", body)
        print id, marks
    }' "$work/dom.html")
count=$(printf '%s\n' "$charts" | grep -c . || true)
[ "$count" -gt 0 ] || fail "no chart <svg> in the page"
while read -r id marks; do
    [ -n "$id" ] || continue
    [ "$marks" -gt 0 ] || fail "chart $id draws no data"
done <<< "$charts"

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "check-report-html: ok: $report ($count charts, $(wc -c < "$page") bytes, screenshot $png)"
render=$((elapsed - baseline))
[ "$render" -gt 0 ] || render=0
echo "check-report-html: screenshot took ${elapsed} ms, ${baseline} ms for an empty page: about ${render} ms to render"
