#!/usr/bin/env bash
# Installs the Debian packages the local stack needs, only those that are missing (apt-get update once).
# Kafka and Keycloak come from Maven Central (kafka.sh, keycloak.sh), not from here.
set -euo pipefail

usage() { echo "usage: $0" >&2; exit 2; }
[[ $# -eq 0 ]] || usage

JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64

missing=()
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
command -v psql >/dev/null || missing+=(postgresql-client-15)
command -v curl >/dev/null || missing+=(curl ca-certificates)
command -v unzip >/dev/null || missing+=(unzip)
command -v jq >/dev/null || missing+=(jq)
command -v runuser >/dev/null || missing+=(util-linux)
command -v ss >/dev/null || missing+=(iproute2)
[[ -x /usr/bin/mvn ]] || missing+=(maven)

if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || { echo "[pulse] ERROR: missing ${missing[*]}; run as root to install them" >&2; exit 1; }
  echo "[pulse] installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  had_cluster=$(ls /etc/postgresql 2>/dev/null || true)
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package creates and starts its own "main" cluster on 5432 (listening on localhost,
  # i.e. also ::1). The stack runs its own cluster, so a main cluster created just now is stopped.
  if [[ -z $had_cluster ]] && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver cluster _port status _; do
      if [[ $status == online ]]; then pg_ctlcluster "$ver" "$cluster" stop || true; fi
    done
  fi
fi

[[ -x $JAVA_HOME/bin/java ]] || {
  echo "[pulse] ERROR: Temurin 25 JDK not found at $JAVA_HOME (it is not a Debian package; install it first)" >&2
  exit 1
}
