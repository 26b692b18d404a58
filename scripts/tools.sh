#!/usr/bin/env bash
# Builds (once) and prints the path of the tools ttg runs on this machine, cached per user and
# keyed by version so a fresh clone or a CI run on the same machine reuses them.
#   scripts/tools.sh temporal      the temporal CLI (dev server), built from source with Go
#   scripts/tools.sh test-server   Temporal's time-skipping test server (Java, from Maven Central)
#   scripts/tools.sh all           both
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"
TEST_SERVER_VERSION="1.31.0"
CACHE="${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}"

say() { printf 'ttg tools: %s\n' "$*" >&2; }

temporal_cli() {
  if [[ -z "${TTG_FORCE_BUILD:-}" ]] && command -v temporal >/dev/null 2>&1; then
    command -v temporal
    return
  fi
  local dir="$CACHE/temporal-cli-$TEMPORAL_CLI_VERSION"
  if [[ -x "$dir/temporal" ]]; then
    echo "$dir/temporal"
    return
  fi
  if ! command -v go >/dev/null 2>&1; then
    say "the temporal CLI is not installed and Go is not there to build it."
    say "Install Go 1.22 or newer (https://go.dev/dl), or a temporal CLI on PATH, or run 'docker compose up' instead."
    exit 1
  fi
  say "building the temporal CLI $TEMPORAL_CLI_VERSION with Go (once; a few minutes)"
  mkdir -p "$CACHE"
  local tmp
  tmp="$(mktemp -d "$CACHE/.temporal-build.XXXXXX")"
  if (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2); then
    rm -rf "$dir"
    mkdir -p "$dir"
    mv "$tmp/bin/temporal" "$dir/temporal"
    rm -rf "$tmp"
    echo "$dir/temporal"
  else
    rm -rf "$tmp"
    say "building the temporal CLI failed; the Java test server (in memory, no time skipping) stands in for the dev server"
    test_server
  fi
}

test_server() {
  local dir="$CACHE/temporal-test-server-$TEST_SERVER_VERSION"
  if [[ -x "$dir/temporal-test-server" ]] && compgen -G "$dir/lib/*.jar" >/dev/null; then
    echo "$dir/temporal-test-server"
    return
  fi
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    say "Temporal's time-skipping test server needs Java 17+ and Maven to fetch it from Maven Central."
    say "Install them (apt-get install -y openjdk-17-jre-headless maven), or run 'docker compose up' to use the product without tests."
    exit 1
  fi
  say "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central (once)"
  mkdir -p "$CACHE"
  local tmp
  tmp="$(mktemp -d "$CACHE/.test-server.XXXXXX")"
  cat >"$tmp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ttg</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
  </dependencies>
</project>
POM
  if ! (cd "$tmp" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$tmp/lib" >&2); then
    rm -rf "$tmp"
    say "Maven could not fetch the test server"
    exit 1
  fi
  cat >"$tmp/temporal-test-server" <<'WRAPPER'
#!/bin/sh
# Temporal's time-skipping test server: temporal-test-server <port> [--enable-time-skipping]
DIR="$(cd "$(dirname "$0")" && pwd)"
exec java -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
WRAPPER
  chmod +x "$tmp/temporal-test-server"
  rm -f "$tmp/pom.xml"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  echo "$dir/temporal-test-server"
}

case "${1:-all}" in
  temporal) temporal_cli ;;
  test-server) test_server ;;
  all)
    temporal_cli
    test_server
    ;;
  *)
    say "usage: scripts/tools.sh temporal|test-server|all"
    exit 2
    ;;
esac
