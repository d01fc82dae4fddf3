#!/usr/bin/env bash
# Installs what pollster needs from Debian's registry, only when it is missing:
# the libcurl headers (live runs) and zlib's (histograms in results.json). Quiet, and fast when everything is there.
set -euo pipefail
missing=()
for package in libcurl4-openssl-dev zlib1g-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
