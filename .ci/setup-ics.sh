#!/usr/bin/env bash
# Mozilla's iCalendar parser (npm `ical.js`, the one behind Thunderbird) for
# tests/test_ics_readers.py, installed outside the repository beside setup-export.sh's packages.
# ical.js has no dependencies, so its package is unpacked into node_modules/ical.js directly:
# `npm install` into the shared prefix would remove the packages the other setup put there.
# Idempotent.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-ics: npm not found; the ical.js reader test will be skipped" >&2
  exit 0
fi
prefix="${LAUNCHKIT_NODE_PREFIX:-$HOME/.cache/launchkit-node}"
target="$prefix/node_modules/ical.js"
if [ -f "$target/package.json" ]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$work" && npm pack --silent --loglevel=error "ical.js@^2.1" | tail -n 1)"
mkdir -p "$work/unpacked"
tar -xzf "$work/$tarball" -C "$work/unpacked"
mkdir -p "$prefix/node_modules"
rm -rf "$target.partial"
mv "$work/unpacked/package" "$target.partial"
mv "$target.partial" "$target"
