#!/usr/bin/env bash
# Validates JUnit XML files (pollster --junit) against Tests/Schemas/junit.xsd with
# xmlschema (from PyPI, installed into a virtual environment in the build folder when
# missing). Exit 0 valid, 1 invalid (every problem printed), 2 xmlschema not installable.
#
#   scripts/validate-junit.sh FILE.xml...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv=${VENV:-$root/.build-tests/junit-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import xmlschema' >/dev/null 2>&1; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q xmlschema; } >/dev/null 2>&1 || {
        echo "validate-junit.sh: xmlschema could not be installed (python3 -m venv, pip install xmlschema)" >&2
        exit 2
    }
fi
"$venv/bin/python" - "$root/Tests/Schemas/junit.xsd" "$@" <<'PY'
import sys, xmlschema
schema = xmlschema.XMLSchema(sys.argv[1])
bad = 0
for path in sys.argv[2:]:
    errors = list(schema.iter_errors(path))
    for error in errors:
        print(f"{path}: {error.reason} at {error.path}", file=sys.stderr)
    bad += bool(errors)
sys.exit(1 if bad else 0)
PY
