#!/usr/bin/env bash
# The launch room's accessibility test (tests/test_site_browser.py) runs axe-core, the npm
# package, in headless Chromium. It gets a folder of its own: `npm install --no-save` into a
# shared prefix would remove the packages another setup script put there. Idempotent.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-site: npm not found; the accessibility test will be skipped" >&2
  exit 0
fi
prefix="${LAUNCHKIT_AXE_PREFIX:-$HOME/.cache/launchkit-axe}"
if [ -f "$prefix/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "axe-core@^4" >/dev/null
