#!/usr/bin/env bash
# Keycloak (keycloak-quarkus-dist from Maven Central) in dev mode on 127.0.0.1, with the demo realms
# from deploy/local/keycloak/*-realm.json imported on first start (and again when they change).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 install|start|launch|wait|stop|status|reimport" >&2; exit 2; }

NAME=keycloak
KC_HOME="$STATE/keycloak/keycloak-$KEYCLOAK_VERSION"
IMPORT_DIR="$KC_HOME/data/import"
REALM_HASH="$KC_HOME/data/.imported-realms.sha256"
LOGFILE="$LOGS/keycloak.log"

install() {
  [[ -x $KC_HOME/bin/kc.sh ]] && return 0
  local zip="$DOWNLOADS/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -f $zip ]]; then
    log "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip from Maven Central"
    (cd "$DOWNLOADS" && "$MVN" -B -q "$DEPENDENCY_PLUGIN:copy" \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$DOWNLOADS") >>"$LOGFILE" 2>&1 ||
      component_failed "$NAME" "$LOGFILE" "could not fetch the Keycloak distribution with Maven"
  fi
  log "keycloak: unpacking $KEYCLOAK_VERSION"
  rm -rf "$STATE/keycloak/.unpack"
  mkdir -p "$STATE/keycloak/.unpack"
  unzip -q "$zip" -d "$STATE/keycloak/.unpack"
  mv "$STATE/keycloak/.unpack/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rmdir "$STATE/keycloak/.unpack"
}

# Copies the realms into data/import, filling ${VAR} placeholders from stack.env. A realm that
# changed since the last import only takes effect after the stored realms are dropped
# (--import-realm skips existing realms), so the dev database is reset then: it holds nothing
# but the demo realms.
render_realms() {
  mkdir -p "$IMPORT_DIR"
  local f
  for f in "$LOCAL_DIR"/keycloak/*-realm.json; do
    jq 'walk(if type == "string"
             then gsub("\\$\\{(?<v>[A-Z][A-Z0-9_]*)\\}"; $ENV[.v] // error("unset variable \(.v) in realm file"))
             else . end)' "$f" >"$IMPORT_DIR/$(basename "$f").tmp" ||
      die "keycloak: could not render $f"
    mv "$IMPORT_DIR/$(basename "$f").tmp" "$IMPORT_DIR/$(basename "$f")"
  done
  local hash
  hash=$(cat "$IMPORT_DIR"/*.json | sha256sum | cut -d' ' -f1)
  if [[ -d $KC_HOME/data/h2 && $(cat "$REALM_HASH" 2>/dev/null || true) != "$hash" ]]; then
    log "keycloak: demo realm files changed, dropping the dev database so they are imported again"
    rm -rf "$KC_HOME/data/h2"
  fi
  echo "$hash" >"$REALM_HASH"
}

launch() {
  is_running "$NAME" && return 0
  local p
  for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MGMT_PORT"; do
    port_busy "$p" && port_taken "$NAME" "$p"
  done
  install
  render_realms
  log "keycloak: starting on 127.0.0.1:$KEYCLOAK_PORT (management 127.0.0.1:$KEYCLOAK_MGMT_PORT)"
  KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    JAVA_OPTS_APPEND="-Djava.net.preferIPv4Stack=true" \
    start_bg "$NAME" "$LOGFILE" "$KC_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MGMT_PORT" --health-enabled=true \
    --import-realm
}

wait_ready() {
  # First start augments, creates the schema and imports the realms (~40 s); later ones ~15 s.
  wait_for_http "$NAME" "http://127.0.0.1:$KEYCLOAK_MGMT_PORT/health/ready" 240 "$LOGFILE"
  curl -fsS --max-time 10 "http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" >/dev/null ||
    component_failed "$NAME" "$LOGFILE" "realm $KEYCLOAK_REALM is missing (import failed?)"
  log "keycloak: ready, realm $KEYCLOAK_REALM at http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM"
}

stop() { stop_pid "$NAME" 30 TERM; }

case "${1:-}" in
  install) install ;;
  launch) launch ;;
  wait) wait_ready ;;
  start) launch && wait_ready ;;
  stop) stop ;;
  # Drops the stored realms so the next start imports deploy/local/keycloak/*-realm.json afresh.
  reimport) stop && rm -rf "$KC_HOME/data/h2" "$REALM_HASH" && launch && wait_ready ;;
  status) status_line "$NAME" "$KEYCLOAK_PORT" ;;
  *) usage ;;
esac
