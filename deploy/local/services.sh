#!/usr/bin/env bash
# Builds and runs the three Pulse services (Quarkus fast-jars) on 127.0.0.1, ports from stack.env.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 build|start|stop|status [survey-service|analytics-service|gateway ...]" >&2; exit 2; }

ALL=(survey-service analytics-service gateway)

port_of() {
  case $1 in
    survey-service) echo "$SURVEY_PORT" ;;
    analytics-service) echo "$ANALYTICS_PORT" ;;
    gateway) echo "$GATEWAY_PORT" ;;
    *) usage ;;
  esac
}

jar_of() { echo "$REPO/$1/target/quarkus-app/quarkus-run.jar"; }

# True when some pom or source file is newer than the oldest runnable jar (or a jar is missing).
build_needed() {
  local oldest="" s
  for s in "${ALL[@]}"; do
    [[ -f $(jar_of "$s") ]] || return 0
    [[ -z $oldest || $(jar_of "$s") -ot $oldest ]] && oldest=$(jar_of "$s")
  done
  [[ -n $(find "$REPO" -maxdepth 1 -name pom.xml -newer "$oldest" -print -quit) ]] && return 0
  [[ -n $(find "$REPO"/*/pom.xml "$REPO"/*/src -newer "$oldest" -type f -print -quit 2>/dev/null) ]]
}

build() {
  local logfile="$LOGS/build.log"
  # The gateway serves the web apps from web/dist; without node/npm it still serves the API.
  "$REPO/web/build.sh" >"$LOGS/web-build.log" 2>&1 ||
    log "web: build failed (see $LOGS/web-build.log); the gateway will serve the API only"
  if ! build_needed; then
    log "build: jars are newer than the sources, skipping"
    return 0
  fi
  # A running service would keep executing (and lazily loading from) jars the build replaces:
  # stop it first and start it again on the new build.
  local s was_running=()
  for s in "${ALL[@]}"; do is_running "$s" && was_running+=("$s"); done
  ((${#was_running[@]} == 0)) || "$0" stop "${was_running[@]}"
  log "build: mvn -B -q -DskipTests install (log: $logfile)"
  (cd "$REPO" && "$MVN" -B -q -DskipTests install) >"$logfile" 2>&1 ||
    component_failed build "$logfile" "the Maven build failed"
  for s in "${ALL[@]}"; do
    [[ -f $(jar_of "$s") ]] || component_failed "$s" "$logfile" "build produced no $(jar_of "$s")"
  done
  ((${#was_running[@]} == 0)) || "$0" start "${was_running[@]}"
}

launch_one() {
  local s=$1 port logfile
  port=$(port_of "$s")
  logfile="$LOGS/$s.log"
  is_running "$s" && return 0
  port_busy "$port" && port_taken "$s" "$port"
  [[ -f $(jar_of "$s") ]] || component_failed "$s" "$logfile" "$(jar_of "$s") missing (build first: $0 build)"
  log "$s: starting on 127.0.0.1:$port"
  # stack.env is exported by lib.sh: the services read its variables by name.
  start_bg "$s" "$logfile" "$JAVA_HOME/bin/java" -Xmx384m -Djava.net.preferIPv4Stack=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -jar "$(jar_of "$s")"
}

wait_one() {
  local s=$1
  wait_for_http "$s" "http://127.0.0.1:$(port_of "$s")/q/health/ready" 120 "$LOGS/$s.log"
  log "$s: ready on http://127.0.0.1:$(port_of "$s")"
}

cmd=${1:-}
[[ -n $cmd ]] || usage
shift
targets=("$@")
((${#targets[@]})) || targets=("${ALL[@]}")
for s in "${targets[@]}"; do port_of "$s" >/dev/null; done

case $cmd in
  build) build ;;
  start)
    # Launch all first so the JVMs boot in parallel, then wait for each in order.
    for s in "${targets[@]}"; do launch_one "$s"; done
    for s in "${targets[@]}"; do wait_one "$s"; done
    ;;
  stop)
    for ((i = ${#targets[@]} - 1; i >= 0; i--)); do stop_pid "${targets[$i]}" 30 TERM; done
    ;;
  status) for s in "${targets[@]}"; do status_line "$s" "$(port_of "$s")"; done ;;
  *) usage ;;
esac
