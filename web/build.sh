#!/usr/bin/env bash
# Builds the employee app and the HR dashboard into web/dist with the machine's node/npm,
# reproducibly from package-lock.json. The gateway build picks web/dist up when it exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[[ $# -eq 0 ]] || { echo "usage: $0" >&2; exit 2; }
command -v npm >/dev/null || { echo "web: npm is missing (apt-get install -y nodejs npm)" >&2; exit 1; }
# npm ci only when the lock file changed since the last install: it wipes node_modules.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The small pure parts (e.g. the trend chart's geometry) are specified in test/; a broken one stops the build.
npm test --silent >/dev/null || { npm test; exit 1; }
npm run --silent build
