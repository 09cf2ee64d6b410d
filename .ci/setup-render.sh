#!/usr/bin/env bash
# The render tests print the HTML deck to PDF and count its pages with headless Chromium.
# Fonts: DejaVu covers Latin with Turkish and Italian letters; Noto covers Hebrew.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "NotoSansHebrew"; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-render: no apt-get here; install Chromium (as chromium on PATH) and Noto fonts" \
    "yourself, or the deck's print test will be skipped" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  chromium fonts-dejavu-core fonts-noto-core fontconfig >/dev/null
