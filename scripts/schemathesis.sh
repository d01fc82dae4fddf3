#!/usr/bin/env bash
# Fuzzes the mock API over HTTP with schemathesis, driven by its own /openapi.json: starts
# `pollster serve --port 0`, runs schemathesis with the demo key, stops the server. Fails
# on any 5xx and on any response that does not match the document (schema, status code,
# content type, headers).
#
#   scripts/schemathesis.sh                       # uses .build/release/pollster
#   POLLSTER=.build-tests/release/pollster SCHEMATHESIS_EXAMPLES=200 scripts/schemathesis.sh
#
# SCHEMATHESIS names the schemathesis program (default: the one on PATH);
# SCHEMATHESIS_EXAMPLES bounds the test cases per operation (default 40).
set -euo pipefail
cd "$(dirname "$0")/.."

pollster=${POLLSTER:-.build/release/pollster}
schemathesis=${SCHEMATHESIS:-schemathesis}
examples=${SCHEMATHESIS_EXAMPLES:-40}
[ -x "$pollster" ] || { echo "schemathesis.sh: no pollster at $pollster (build it, or set POLLSTER)" >&2; exit 2; }
command -v "$schemathesis" >/dev/null 2>&1 || { echo "schemathesis.sh: $schemathesis is not installed (pip install schemathesis)" >&2; exit 2; }

work=$(mktemp -d)
server=""
stop() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -INT "$server" && wait "$server" || true
    fi
    rm -rf "$work"
}
trap stop EXIT

# The banner (with the demo key) goes to a private file, never to the log. The server is
# the one users get: its document lists exactly the routes it serves.
"$pollster" serve --port 0 >"$work/banner" 2>"$work/server.log" &
server=$!
for _ in $(seq 200); do
    grep -q "OpenAPI document" "$work/banner" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
url=$(sed -n 's/^pollster mock API listening on //p' "$work/banner")
[ -n "$url" ] || { echo "schemathesis.sh: pollster serve printed no address" >&2; exit 1; }

# The key reaches schemathesis through the environment and its configuration file, so it
# is in no command line.
POLLSTER_SCHEMATHESIS_KEY=$(sed -n 's/^ *export KEY=//p' "$work/banner")
export POLLSTER_SCHEMATHESIS_KEY
cat >"$work/schemathesis.toml" <<'TOML'
headers = { Authorization = "Bearer ${POLLSTER_SCHEMATHESIS_KEY}" }
TOML

echo "schemathesis against $url/openapi.json, up to $examples cases per operation"
status=0
# From the scratch folder: schemathesis leaves a .schemathesis cache where it runs.
schemathesis=$(realpath "$(command -v "$schemathesis")")
(cd "$work" && "$schemathesis" --config-file "$work/schemathesis.toml" run "$url/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance \
    --max-examples "$examples" --seed 1 --workers 1 --no-color --generation-database none --report-dir "$work/report") || status=$?
if [ "$status" -ne 0 ]; then
    echo "schemathesis.sh: failed; the server's log:" >&2
    tail -n 20 "$work/server.log" >&2
fi
exit "$status"
