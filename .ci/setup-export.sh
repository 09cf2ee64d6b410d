#!/usr/bin/env bash
# Mermaid's own parser for tests/test_export_mermaid.py: the npm packages `mermaid` and `jsdom`
# (a DOM for Node, so no browser is needed), installed outside the repository. Idempotent.
set -euo pipefail
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup-export: node/npm not found; the Mermaid parser test will be skipped" >&2
  exit 0
fi
prefix="${LAUNCHKIT_NODE_PREFIX:-$HOME/.cache/launchkit-node}"
if [ -f "$prefix/node_modules/mermaid/package.json" ] && [ -f "$prefix/node_modules/jsdom/package.json" ]; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
  "mermaid@^11.4" "jsdom@^26 || ^29" >/dev/null
