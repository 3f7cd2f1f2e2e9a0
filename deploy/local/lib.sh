# shellcheck shell=bash
# Shared helpers for ./pulse and deploy/local/*.sh. Sourced, never executed.
# Defines the state layout (.state/ next to the repo root, git-ignored), exports stack.env,
# and offers pid-file handling and bounded waits. Every wait has a timeout.

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LOCAL_DIR/../.." && pwd)
STATE="$REPO/.state"
LOGS="$STATE/logs"
RUN="$STATE/run"
DOWNLOADS="$STATE/downloads"

export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
# Maven 3.8.7's bundled guava warns about sun.misc.Unsafe on JDK 25; the warning is noise.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
MVN=${MVN:-/usr/bin/mvn}
# shellcheck disable=SC2034 # used by kafka.sh and keycloak.sh
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

set -a
# shellcheck source=stack.env
source "$LOCAL_DIR/stack.env"
set +a

mkdir -p "$LOGS" "$RUN" "$DOWNLOADS"

log() { printf '[pulse] %s\n' "$*" >&2; }
die() { printf '[pulse] ERROR: %s\n' "$*" >&2; exit 1; }

# component_failed NAME LOGFILE MESSAGE: say which component failed and where to look, then exit 1.
component_failed() {
  local name=$1 logfile=$2 msg=$3
  printf '[pulse] ERROR: %s: %s\n[pulse]        log: %s\n' "$name" "$msg" "$logfile" >&2
  if [[ -f $logfile ]]; then
    printf '[pulse] ---- last lines of %s ----\n' "$logfile" >&2
    tail -n 15 "$logfile" >&2 || true
  fi
  exit 1
}

now() { date +%s; }

pid_file() { echo "$RUN/$1.pid"; }

# pid_of NAME: prints the pid recorded for NAME if that process is still alive, else nothing.
# The pid file holds the pid and, optionally on line 2, a string the process's command line must
# contain (default: the repo path). A pid file whose process is gone, or is now some other
# program, is stale and removed, so a reused pid is never signalled.
pid_of() {
  local f pid marker cmdline=
  f=$(pid_file "$1")
  [[ -f $f ]] || return 0
  { read -r pid || true; read -r marker || true; } <"$f"
  marker=${marker:-$REPO}
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  fi
  if [[ -n $cmdline && $cmdline == *"$marker"* ]]; then
    echo "$pid"
  else
    rm -f "$f"
  fi
}

is_running() { [[ -n $(pid_of "$1") ]]; }

# port_busy PORT: true if something listens on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# port_taken NAME PORT: fails with who holds the port. Typical cause: the stack of another
# checkout (its own .state) on this machine; stop it there with its ./pulse down.
port_taken() {
  local holder
  holder=$(ss -Hltnp "sport = :$2" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
  [[ -n $holder ]] && holder="pid $holder: $(ps -o args= -p "$holder" 2>/dev/null | cut -c1-150)"
  die "$1: 127.0.0.1:$2 is already in use by a process this checkout did not start (${holder:-unknown}); another checkout's stack? run its ./pulse down"
}

# A mutating ./pulse command holds .state/pulse.lock (a directory, so no file descriptor leaks into
# the servers it starts); a second one waits (bounded) instead of tearing down a stack in use.
acquire_lock() {
  local dir="$STATE/pulse.lock" deadline holder said=false
  deadline=$(($(now) + ${PULSE_LOCK_TIMEOUT:-1800}))
  until mkdir "$dir" 2>/dev/null; do
    holder=$(cat "$dir/pid" 2>/dev/null || true)
    if [[ -n $holder ]] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf "$dir" # holder died without cleaning up
      continue
    fi
    if [[ -z $holder && -n $(find "$dir" -maxdepth 0 -mmin +1 2>/dev/null) ]]; then
      rm -rf "$dir" # created but never filled: its owner died right after mkdir
      continue
    fi
    if [[ $said == false && -n $holder ]]; then
      log "waiting for another ./pulse to finish (pid $holder: $(ps -o args= -p "$holder" 2>/dev/null || true))"
      said=true
    fi
    (($(now) < deadline)) || die "another ./pulse (pid ${holder:-?}) still holds $dir"
    sleep 2
  done
  echo $$ >"$dir/pid"
}

release_lock() {
  local dir="$STATE/pulse.lock"
  [[ $(cat "$dir/pid" 2>/dev/null || true) == "$$" ]] && rm -rf "$dir"
  return 0
}

# start_bg NAME LOGFILE CMD...: runs CMD detached (own session, survives the caller) and records its pid.
# The pid is written by the process itself right before exec, so it is the real server's pid.
start_bg() {
  local name=$1 logfile=$2
  shift 2
  local pf
  pf=$(pid_file "$name")
  printf '\n===== %s start %s =====\n' "$name" "$(date -Is)" >>"$logfile"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pf" "$@" </dev/null >>"$logfile" 2>&1 &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $pf ]] && return 0
    sleep 0.1
  done
  component_failed "$name" "$logfile" "process did not start"
}

# stop_pid NAME [TIMEOUT_S] [SIGNAL]: stops only the process of our pid file: SIGNAL (TERM), wait, then KILL.
stop_pid() {
  local name=$1 timeout=${2:-30} sig=${3:-TERM} pid deadline
  pid=$(pid_of "$name")
  if [[ -z $pid ]]; then
    log "$name: not running"
    return 0
  fi
  # start_bg made the process a session leader, so its process group is exactly what we started
  # (e.g. kc.sh and the Java process it forks); signal the group then, else only the pid.
  local target=$pid
  [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]] && target=-$pid
  log "$name: stopping (pid $pid)"
  kill "-$sig" -- "$target" 2>/dev/null || true
  deadline=$(($(now) + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now) >= deadline)); then
      log "$name: still alive after ${timeout}s, sending SIGKILL"
      kill -KILL -- "$target" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
  done
  rm -f "$(pid_file "$name")"
}

# wait_for_port NAME PORT TIMEOUT_S LOGFILE: waits until 127.0.0.1:PORT accepts connections
# while the component's process is alive.
wait_for_port() {
  local name=$1 port=$2 timeout=$3 logfile=$4 deadline
  deadline=$(($(now) + timeout))
  until port_busy "$port"; do
    is_running "$name" || component_failed "$name" "$logfile" "process exited before port $port opened"
    (($(now) < deadline)) || component_failed "$name" "$logfile" "port $port not open after ${timeout}s"
    sleep 0.3
  done
}

# wait_for_http NAME URL TIMEOUT_S LOGFILE: waits until URL answers 200 with "status": "UP"
# (MicroProfile Health format, used by Quarkus and Keycloak) while the process is alive.
wait_for_http() {
  local name=$1 url=$2 timeout=$3 logfile=$4 deadline body
  deadline=$(($(now) + timeout))
  while true; do
    body=$(curl -fsS --max-time 5 "$url" 2>/dev/null || true)
    if [[ -n $body ]] && jq -e '.status == "UP"' >/dev/null 2>&1 <<<"$body"; then
      return 0
    fi
    is_running "$name" || component_failed "$name" "$logfile" "process exited before $url reported UP"
    (($(now) < deadline)) || component_failed "$name" "$logfile" "$url not UP after ${timeout}s (last answer: ${body:-none})"
    sleep 1
  done
}

# status_line NAME PORT: one line for `pulse status`.
status_line() {
  local name=$1 port=$2 pid
  pid=$(pid_of "$name")
  if [[ -n $pid ]]; then
    printf '%-18s running  127.0.0.1:%-6s pid %s\n' "$name" "$port" "$pid"
  else
    printf '%-18s stopped  127.0.0.1:%-6s\n' "$name" "$port"
  fi
}
