#!/usr/bin/env bash
# Runs the command-line client (deploy/src/main/java/dev/pulse/deploy/PulseClient.java) against the local stack.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 ]] || { echo "usage: $0 answer USER [1-5] | results [USER]" >&2; exit 2; }

cp_file="$STATE/deploy.classpath"
classes="$REPO/deploy/target/classes"
if [[ ! -f $cp_file || ! -d $classes || -n $(find "$REPO/deploy/src/main" "$REPO/crypto/src/main" -newer "$cp_file" -type f -print -quit) ]]; then
  (cd "$REPO" && "$MVN" -B -q -pl contracts,crypto,deploy -am install -DskipTests &&
    "$MVN" -B -q -pl deploy dependency:build-classpath -Dmdep.outputFile="$cp_file") >"$LOGS/client-build.log" 2>&1 ||
    die "building the client failed; see $LOGS/client-build.log"
fi
exec "$JAVA_HOME/bin/java" -cp "$classes:$(cat "$cp_file")" dev.pulse.deploy.PulseClient "$@"
