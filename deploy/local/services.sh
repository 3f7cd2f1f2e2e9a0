#!/usr/bin/env bash
# Builds and runs the three Pulse services (Quarkus fast-jars) on 127.0.0.1, ports from stack.env.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 build|start|stop|status [survey-service|analytics-service|gateway ...]" >&2; exit 2; }

ALL=(survey-service analytics-service gateway)
# --scale 2 (./pulse up --scale 2, remembered in $RUN/scale): a second survey-service and analytics-service
# behind the same gateway (round-robin) and in the same Kafka consumer group (pulse.responses has 4 partitions).
SCALE=${PULSE_SCALE:-$(cat "$RUN/scale" 2>/dev/null || echo 1)}
[[ $SCALE == 1 || $SCALE == 2 ]] || die "scale must be 1 or 2, not $SCALE"
SECOND=(survey-service-2 analytics-service-2)
SURVEY_PORT_2=${SURVEY_PORT_2:-8091}
ANALYTICS_PORT_2=${ANALYTICS_PORT_2:-8092}
[[ $SCALE == 1 ]] || ALL=(survey-service analytics-service "${SECOND[@]}" gateway)

port_of() {
  case $1 in
    survey-service) echo "$SURVEY_PORT" ;;
    analytics-service) echo "$ANALYTICS_PORT" ;;
    survey-service-2) echo "$SURVEY_PORT_2" ;;
    analytics-service-2) echo "$ANALYTICS_PORT_2" ;;
    gateway) echo "$GATEWAY_PORT" ;;
    *) usage ;;
  esac
}

jar_of() { echo "$REPO/${1%-2}/target/quarkus-app/quarkus-run.jar"; }

# Extra JVM options of one instance: the gateway learns the second instances as replicas.
extra_opts_of() {
  if [[ $1 == gateway && $SCALE == 2 ]]; then
    echo "-Dpulse.gateway.proxy.survey.replicas=http://127.0.0.1:$SURVEY_PORT_2" \
      "-Dpulse.gateway.proxy.analytics.replicas=http://127.0.0.1:$ANALYTICS_PORT_2"
  fi
}

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
  # shellcheck disable=SC2046 # extra_opts_of prints separate words on purpose
  start_bg "$s" "$logfile" "$JAVA_HOME/bin/java" -Xmx384m -Djava.net.preferIPv4Stack=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" $(extra_opts_of "$s") \
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
    # second instances left from an earlier --scale 2 are stopped too
    if ((${#targets[@]} == ${#ALL[@]})); then
      for s in "${SECOND[@]}"; do is_running "$s" && [[ " ${targets[*]} " != *" $s "* ]] && targets=("$s" "${targets[@]}"); done
    fi
    for ((i = ${#targets[@]} - 1; i >= 0; i--)); do stop_pid "${targets[$i]}" 30 TERM; done
    ;;
  status) for s in "${targets[@]}"; do status_line "$s" "$(port_of "$s")"; done ;;
  *) usage ;;
esac
