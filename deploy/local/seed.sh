#!/usr/bin/env bash
# Demo seed, idempotent: as user "hr", make sure the campaign "Digital change pulse" exists and has
# an open round; prints the open round id. Talks only to the public API at the gateway.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0" >&2; exit 2; }
[[ $# -eq 0 ]] || usage

CAMPAIGN_NAME="Digital change pulse"
API="http://127.0.0.1:$GATEWAY_PORT/api"
LOGFILE="$LOGS/seed.log"

fail() { component_failed seed "$LOGFILE" "$1"; }

# api METHOD PATH [JSON]: prints the body; fails (with the status and body logged) on anything
# other than 2xx.
api() {
  local method=$1 path=$2 body=${3:-} out status
  local args=(-sS --max-time 30 -X "$method" -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json')
  [[ -z $body ]] || args+=(-H 'Content-Type: application/json' --data "$body")
  out=$(mktemp)
  status=$(curl "${args[@]}" -o "$out" -w '%{http_code}' "$API$path") || status=000
  printf '%s %s %s -> %s %s\n' "$(date -Is)" "$method" "$path" "$status" "$(head -c 2000 "$out")" >>"$LOGFILE"
  if [[ $status != 2* ]]; then
    rm -f "$out"
    fail "$method $API$path answered HTTP $status"
  fi
  cat "$out"
  rm -f "$out"
}

TOKEN=$(curl -fsS --max-time 30 \
  -d grant_type=password -d client_id=pulse-cli -d username=hr -d password=hr \
  "http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" | jq -er .access_token) ||
  fail "could not get a token for user hr from Keycloak (is keycloak running? see $LOGS/keycloak.log)"

campaign() { api GET /campaigns | jq -c --arg n "$CAMPAIGN_NAME" 'first(.[] | select(.name == $n)) // empty'; }

current=$(campaign)
if [[ -z $current ]]; then
  id=$(api POST /campaigns "$(jq -nc --arg n "$CAMPAIGN_NAME" '{
    name: $n, schedule: "0 0 9 ? * MON", timeZone: "Europe/Berlin", roundDuration: "P5D",
    units: ["/production", "/logistics", "/it", "/administration"], itemsPerRound: 8 }')" | jq -er .id) ||
    fail "POST /campaigns returned no id"
  log "seed: created campaign \"$CAMPAIGN_NAME\" ($id)"
  current=$(campaign)
  [[ -n $current ]] || fail "the new campaign is not listed by GET /campaigns"
fi

id=$(jq -er .id <<<"$current")
round=$(jq -r '.openRoundId // empty' <<<"$current")
if [[ -z $round ]]; then
  round=$(api POST "/campaigns/$id/rounds" | jq -er .roundId) || fail "POST /campaigns/$id/rounds returned no roundId"
  log "seed: opened round $round"
fi
log "seed: campaign \"$CAMPAIGN_NAME\" ($id), open round $round"
echo "$round"
