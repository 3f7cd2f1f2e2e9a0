#!/usr/bin/env bash
# Browser tests against the running local stack (./pulse test runs them after the end-to-end suite):
# Debian Chromium, driven by playwright-core. Never lets a tool download a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[[ $# -eq 0 ]] || { echo "usage: $0   (needs the stack of ./pulse up or ./pulse test)" >&2; exit 2; }
if [[ ! -x /usr/bin/chromium ]]; then
  echo "browser-tests: installing Debian chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }
fi
# The tests import the app's ballot code (web/src), which needs web's dependencies.
[[ -d ../../web/node_modules ]] || ../../web/build.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node run.mjs
