#!/usr/bin/env bash
# Finds a Chromium for Playwright, installing Debian's when there is none.
# Playwright cannot download its own browsers on this kind of machine.
set -euo pipefail
if [ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ] && [ -x "$PLAYWRIGHT_CHROMIUM_EXECUTABLE" ]; then
  echo "chromium: $PLAYWRIGHT_CHROMIUM_EXECUTABLE"; exit 0
fi
if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; exit 0; fi
# Playwright's own browser, where one was downloaded.
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium*/chrome-linux*/chrome >/dev/null 2>&1; then
  echo "chromium: Playwright's own"; exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "chromium: installing Debian's chromium (about a minute)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "chromium: /usr/bin/chromium"; exit 0
fi
echo "No Chromium found. Install one (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE." >&2
exit 1
