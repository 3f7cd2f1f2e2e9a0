#!/usr/bin/env bash
# Anonymity audit of the running local stack: databases, Kafka topics, service logs (see AnonymityAudit.java).
# usage: deploy/audit/audit.sh [--all-history]   (or ./pulse audit); exits 1 on any finding.
# Logs: by default what each service wrote since its last start; --all-history reads earlier starts too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

[[ $# -eq 0 || ( $# -eq 1 && $1 == --all-history ) ]] || { echo "usage: $0 [--all-history]" >&2; exit 2; }
for c in postgres kafka keycloak; do
  is_running "$c" || die "audit: $c is not running (./pulse up first)"
done

# The audit runs on the deploy module's runtime class path (JDBC driver, Kafka client, Jackson), resolved once
# per change of deploy/pom.xml.
cp_file="$STATE/audit.classpath"
if [[ ! -s $cp_file || $REPO/deploy/pom.xml -nt $cp_file ]]; then
  (cd "$REPO" && "$MVN" -B -q -pl deploy dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$cp_file") >"$LOGS/audit-classpath.log" 2>&1 ||
    component_failed audit "$LOGS/audit-classpath.log" "could not resolve the audit's class path"
fi
exec timeout 300 "$JAVA_HOME/bin/java" -cp "$(cat "$cp_file")" "$REPO/deploy/audit/AnonymityAudit.java" "$LOGS" "$@"
