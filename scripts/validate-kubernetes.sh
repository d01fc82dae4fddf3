#!/usr/bin/env bash
# Validates deploy/kubernetes/*.yaml against the Kubernetes API schemas with
# kubernetes-validate (from PyPI, installed into a virtual environment in the build
# folder when missing), strictly: an unknown field is an error.
#
#   scripts/validate-kubernetes.sh            # KUBERNETES_VERSION=1.30.0 picks the schemas
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.build-tests/kubernetes-validate-venv}
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q kubernetes-validate; } >/dev/null 2>&1 || {
        echo "validate-kubernetes.sh: kubernetes-validate could not be installed (python3 -m venv, pip install kubernetes-validate)" >&2
        exit 2
    }
fi
version=()
[ -n "${KUBERNETES_VERSION:-}" ] && version=(--kubernetes-version "$KUBERNETES_VERSION")
manifests=()
for file in deploy/kubernetes/*.yaml; do
    # The scenario is pollster's, not a Kubernetes resource.
    [ "$(basename "$file")" = scenario.yaml ] || manifests+=("$file")
done
"$venv/bin/kubernetes-validate" --strict "${version[@]}" "${manifests[@]}"
