#!/usr/bin/env bash
# Installs every outside tool the test suite uses, by running each .ci/setup-*.sh in turn:
# Chromium and fonts (apt-get; through sudo when not root), Mermaid's npm packages (needs Node.js).
# Idempotent: a tool already there is left alone. The README's "Running the full test suite"
# and .ci/run both call this.
set -euo pipefail
cd "$(dirname "$0")/.."
for setup in .ci/setup-*.sh; do
  [ -e "$setup" ] && bash "$setup"
done
exit 0
