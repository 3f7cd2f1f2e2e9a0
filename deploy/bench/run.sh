#!/usr/bin/env bash
# One command: benchmark the running local stack (./pulse up) and print one table, every figure from this run.
# usage: deploy/bench/run.sh [--jfr]
#   env: BENCH_USERS (<= 120 demo users), BENCH_ROUNDS (bench rounds, each user takes one ballot per round),
#        BENCH_CONCURRENCY (client threads)
#   --jfr  also record a JFR profile of survey-service during the run (jcmd), summary in .state/bench/
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../local/lib.sh"

jfr=false
case "${1:-}" in
  "") ;;
  --jfr) jfr=true ;;
  *) echo "usage: $0 [--jfr]" >&2; exit 2 ;;
esac
for s in survey-service analytics-service gateway; do
  is_running "$s" || die "$s is not running: start the stack with ./pulse up"
done
OUT="$STATE/bench"
mkdir -p "$OUT"

# A database of its own for the PostgreSQL commit-rate ceiling, so the bench never writes demo tables.
if [[ -z $("$LOCAL_DIR/postgres.sh" psql -d postgres -Atc "select 1 from pg_database where datname = 'pulse_bench'") ]]; then
  "$LOCAL_DIR/postgres.sh" psql -d postgres -c "create database pulse_bench owner $SURVEY_DB_USER"
fi

# Same classpath recipe as deploy/local/client.sh (rebuilt only when sources changed).
cp_file="$STATE/deploy.classpath"
classes="$REPO/deploy/target/classes"
if [[ ! -f $cp_file || ! -d $classes || -n $(find "$REPO/deploy/src/main" "$REPO/crypto/src/main" -newer "$cp_file" -type f -print -quit) ]]; then
  (cd "$REPO" && "$MVN" -B -q -pl contracts,crypto,deploy -am install -DskipTests &&
    "$MVN" -B -q -pl deploy dependency:build-classpath -Dmdep.outputFile="$cp_file") >"$LOGS/bench-build.log" 2>&1 ||
    die "building the bench failed; see $LOGS/bench-build.log"
  touch "$cp_file"
fi

if [[ $jfr == true ]]; then
  pid=$(pid_of survey-service)
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=pulse-bench settings=profile filename="$OUT/survey-service.jfr" >/dev/null
fi
rc=0
(cd "$REPO" && timeout 240 "$JAVA_HOME/bin/java" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classes:$(cat "$cp_file")" dev.pulse.deploy.bench.Bench) | tee "$OUT/last.txt" || rc=$?
if [[ $jfr == true ]]; then
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=pulse-bench >/dev/null
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$OUT/survey-service.jfr" |
    grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|^--' | sed 's/line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -25 \
    >"$OUT/survey-service-top-frames.txt"
  log "JFR: $OUT/survey-service.jfr; hottest leaf frames in $OUT/survey-service-top-frames.txt"
fi
exit "$rc"
