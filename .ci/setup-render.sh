#!/usr/bin/env bash
# The render tests print the HTML deck to PDF and count its pages with headless Chromium.
# Fonts: DejaVu covers Latin with Turkish and Italian letters; Noto covers Hebrew.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "NotoSansHebrew"; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends \
  chromium fonts-dejavu-core fonts-noto-core fontconfig >/dev/null
