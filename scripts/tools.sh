#!/usr/bin/env bash
# Builds (once) and prints the path of the tools ttg runs on this machine. They are cached per
# user and keyed by version, so a fresh clone or a CI run on the same machine reuses them:
#   ${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}/temporal-cli-<version>/temporal
#   ${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}/temporal-test-server-<version>/
#   ${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}/temporal-server-<version>/{temporal-server,temporal-sql-tool,schema}
#   ${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}/schemathesis-<version>/bin/st
#
#   scripts/tools.sh temporal      the temporal CLI (dev server): on PATH, cached, or built with Go
#   scripts/tools.sh test-server   Temporal's time-skipping test server (Java, from Maven Central)
#   scripts/tools.sh temporal-server  the Temporal server and temporal-sql-tool (built with Go), for
#                                  npm run start:cluster and the cluster tests; prints the folder
#   scripts/tools.sh schemathesis  Schemathesis (Python, from PyPI with pip, in its own virtual
#                                  environment), which tests the API against its OpenAPI document
#   scripts/tools.sh all           all four (the default)
#
# Paths go to standard output (one line per tool); progress and problems go to standard error.
# Builds happen in a temporary folder that is moved into place at the end, under a lock, so an
# interrupted or concurrent build never leaves a broken cache.
# TTG_FORCE_BUILD=1 ignores a temporal already on PATH (used to measure a cold build).
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"
TEST_SERVER_VERSION="1.31.0"
TEMPORAL_SERVER_VERSION="v1.29.1" # the server module the CLI above is built on
SCHEMATHESIS_VERSION="4.32.5"
MIN_GO_MINOR=22
CACHE="${TTG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttg}"

say() { printf 'ttg tools: %s\n' "$*" >&2; }

# Waits for the lock on file descriptor 9 (tool $1), saying every 30 seconds how long it has
# waited, so a wait of minutes on another process's build is not silent.
wait_for_lock() {
  local started=$SECONDS rc
  while :; do
    rc=0
    flock -w 30 -E 75 9 || rc=$?
    [[ $rc -eq 0 ]] && return 0
    [[ $rc -ne 75 ]] && return "$rc"
    local waited=$((SECONDS - started))
    say "still waiting for the other process with $1: $((waited / 60))m $((waited % 60))s so far"
  done
}

# Runs "$@" holding an exclusive lock named $1 in the cache (when flock exists).
with_lock() {
  local name="$1"
  shift
  mkdir -p "$CACHE"
  if command -v flock >/dev/null 2>&1; then
    (
      # Another process (a second npm start, a test run) may be building the same tool: say so
      # rather than wait in silence for minutes.
      if ! flock -n 9; then
        say "waiting for another process that is building or installing $name (lock $CACHE/.$name.lock)…"
        wait_for_lock "$name"
        say "the other process finished with $name"
      fi
      "$@"
    ) 9>"$CACHE/.$name.lock"
  else
    "$@"
  fi
}

# Removes a build folder however this shell ends (finished, failed, Ctrl-C, SIGTERM).
cleanup_on_exit() {
  # shellcheck disable=SC2064 # expand now: the folder of this build
  trap "rm -rf '$1'" EXIT
  trap "rm -rf '$1'; exit 130" INT
  trap "rm -rf '$1'; exit 143" TERM
}

# Sets the caller's $tmp to a fresh build folder in the cache named after $1, removed however
# this shell ends; one a killed build left is removed first (this process holds the lock).
begin_build() {
  rm -rf "$CACHE/.$1-build."*
  tmp="$(mktemp -d "$CACHE/.$1-build.XXXXXX")"
  cleanup_on_exit "$tmp"
}

# Makes sure a tool is in the cache: when its check ($1) fails, runs its build ($3, which checks
# again: another process may have built it while this one waited) under the lock named $2, and
# exits if that fails (the build said why).
ensure_cached() {
  "$1" || with_lock "$2" "$3" || exit 1
}

# Moves the build's out/ folder into place as $1 (replacing what was there) and removes the build folder.
install_build() {
  rm -rf "$1"
  mv -T "$tmp/out" "$1"
  rm -rf "$tmp"
}

find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    echo /usr/local/go/bin/go
  else
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# temporal CLI
# ---------------------------------------------------------------------------------------------
temporal_dir="$CACHE/temporal-cli-$TEMPORAL_CLI_VERSION"

temporal_cached() { [[ -x "$temporal_dir/temporal" ]]; }

build_temporal() {
  temporal_cached && return 0 # another process built it while this one waited for the lock
  local go
  if ! go="$(find_go)"; then
    say "the temporal CLI is not on PATH and Go is not installed to build it."
    say "Install Go 1.$MIN_GO_MINOR or newer (https://go.dev/dl/), or put a temporal CLI on PATH, or run 'docker compose up' instead of 'npm start'."
    return 3
  fi
  local version minor
  version="$("$go" env GOVERSION 2>/dev/null || true)" # e.g. go1.26.0
  minor="$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$version")"
  if ! [[ "$minor" =~ ^[0-9]+$ ]] || ((minor < MIN_GO_MINOR)); then
    say "Go ${version:-(unknown version)} is too old to build the temporal CLI."
    say "Install Go 1.$MIN_GO_MINOR or newer (https://go.dev/dl/), or put a temporal CLI on PATH, or run 'docker compose up' instead of 'npm start'."
    return 3
  fi
  say "building the temporal CLI $TEMPORAL_CLI_VERSION with $version (once per machine; a few minutes)…"
  local tmp started
  started=$SECONDS
  begin_build temporal-cli
  # An empty working folder: `go install pkg@version` must not pick up any go.mod around it.
  if (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS= "$go" install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2) &&
    "$tmp/bin/temporal" --version >/dev/null 2>&1; then
    mkdir -p "$tmp/out"
    mv "$tmp/bin/temporal" "$tmp/out/temporal"
    chmod 755 "$tmp/out"
    install_build "$temporal_dir"
    say "built $temporal_dir/temporal in $((SECONDS - started)) s"
    return 0
  fi
  rm -rf "$tmp"
  say "building the temporal CLI failed (see above)."
  return 4
}

temporal_cli() {
  if [[ -z "${TTG_FORCE_BUILD:-}" ]] && command -v temporal >/dev/null 2>&1 && temporal --version >/dev/null 2>&1; then
    command -v temporal
    return 0
  fi
  if temporal_cached; then
    echo "$temporal_dir/temporal"
    return 0
  fi
  local rc=0
  with_lock temporal-cli build_temporal || rc=$?
  if ((rc == 0)); then
    echo "$temporal_dir/temporal"
    return 0
  fi
  if ((rc == 3)); then
    exit 1 # no usable Go: the message said what to install
  fi
  say "WARNING: the Temporal dev server is replaced by Temporal's in-memory Java test server:"
  say "WARNING: workflows do not survive a restart and there is no Temporal UI."
  test_server
}

# ---------------------------------------------------------------------------------------------
# Temporal's time-skipping test server (Java)
# ---------------------------------------------------------------------------------------------
test_server_dir="$CACHE/temporal-test-server-$TEST_SERVER_VERSION"

test_server_cached() {
  [[ -x "$test_server_dir/temporal-test-server" && -f "$test_server_dir/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]]
}

fetch_test_server() {
  test_server_cached && return 0
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    say "Temporal's time-skipping test server (used by the tests) needs Java 17+ and Maven to fetch it from Maven Central."
    say "Install them (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless maven), or run 'docker compose up' to use ttg without running the tests."
    return 3
  fi
  say "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central (once per machine)…"
  local tmp started
  started=$SECONDS
  begin_build test-server
  cat >"$tmp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ttg</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$TEST_SERVER_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  mkdir -p "$tmp/out/lib"
  if ! (cd "$tmp" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/out/lib" >&2) ||
    [[ ! -f "$tmp/out/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]]; then
    rm -rf "$tmp"
    say "Maven could not fetch io.temporal:temporal-test-server:$TEST_SERVER_VERSION (see above); check access to Maven Central."
    return 4
  fi
  cat >"$tmp/out/temporal-test-server" <<'WRAPPER'
#!/bin/sh
# Temporal's time-skipping test server: temporal-test-server <port> [--enable-time-skipping]
DIR="$(cd "$(dirname "$0")" && pwd)"
exec java -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
WRAPPER
  chmod 755 "$tmp/out" "$tmp/out/temporal-test-server"
  install_build "$test_server_dir"
  say "fetched $(find "$test_server_dir/lib" -name '*.jar' | wc -l) jars into $test_server_dir in $((SECONDS - started)) s"
}

test_server() {
  ensure_cached test_server_cached test-server fetch_test_server
  echo "$test_server_dir/temporal-test-server"
}

# ---------------------------------------------------------------------------------------------
# The Temporal server (all four services in one binary) and its SQL schema tool, with the
# PostgreSQL schema files of the same version copied beside them
# ---------------------------------------------------------------------------------------------
temporal_server_dir="$CACHE/temporal-server-$TEMPORAL_SERVER_VERSION"

temporal_server_cached() {
  [[ -x "$temporal_server_dir/temporal-server" && -x "$temporal_server_dir/temporal-sql-tool" && -d "$temporal_server_dir/schema/postgresql/v12/temporal/versioned" ]]
}

build_temporal_server() {
  temporal_server_cached && return 0 # built by another process while this one waited for the lock
  local go version
  if ! go="$(find_go)"; then
    say "the Temporal server is built with Go, which is not installed: install Go 1.$MIN_GO_MINOR or newer (https://go.dev/dl/), or run 'docker compose up' instead of 'npm run start:cluster'."
    return 3
  fi
  version="$("$go" env GOVERSION 2>/dev/null || true)"
  say "building the Temporal server $TEMPORAL_SERVER_VERSION and temporal-sql-tool with $version (once per machine; several minutes)…"
  local tmp started module
  started=$SECONDS
  begin_build temporal-server
  # An empty working folder: `go install pkg@version` must not pick up any go.mod around it. The
  # server module has no replace directive, so it installs like the CLI.
  if (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS= "$go" install \
    "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2) &&
    module="$(cd "$tmp" && GOFLAGS= "$go" mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" &&
    [[ -d "$module/schema/postgresql/v12" ]] && "$tmp/bin/server" --help >/dev/null 2>&1; then
    mkdir -p "$tmp/out/schema/postgresql"
    mv "$tmp/bin/server" "$tmp/out/temporal-server"
    mv "$tmp/bin/sql" "$tmp/out/temporal-sql-tool"
    cp -R "$module/schema/postgresql/v12" "$tmp/out/schema/postgresql/v12"
    chmod -R u+w "$tmp/out/schema" # the module cache is read-only
    chmod 755 "$tmp/out"
    chmod -R u+w "$tmp" 2>/dev/null || true
    install_build "$temporal_server_dir"
    say "built $temporal_server_dir in $((SECONDS - started)) s"
    return 0
  fi
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
  say "building the Temporal server failed (see above)."
  return 4
}

temporal_server() {
  ensure_cached temporal_server_cached temporal-server build_temporal_server
  echo "$temporal_server_dir"
}

# ---------------------------------------------------------------------------------------------
# Schemathesis, in a virtual environment of its own (pip from PyPI, pinned)
# ---------------------------------------------------------------------------------------------
schemathesis_dir="$CACHE/schemathesis-$SCHEMATHESIS_VERSION"

schemathesis_cached() { [[ -f "$schemathesis_dir/.installed" ]]; }

install_schemathesis() {
  schemathesis_cached && return 0
  local python
  python="$(command -v python3 || true)"
  # `-m venv --help` works without ensurepip, which making a virtual environment needs (Debian
  # ships it in python3-venv).
  if [[ -z "$python" ]] || ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    say "Schemathesis needs Python 3.9 or newer with venv (Debian: apt-get install python3-venv)."
    return 3
  fi
  say "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI (once per machine)…"
  # A virtual environment records its own path, so it is made in place (under the lock); the
  # marker says it is complete, and a failed or interrupted install is removed.
  rm -rf "$schemathesis_dir"
  cleanup_on_exit "$schemathesis_dir"
  if "$python" -m venv "$schemathesis_dir" >&2 && "$schemathesis_dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2; then
    touch "$schemathesis_dir/.installed"
    trap - EXIT INT TERM
    return 0
  fi
  say "installing Schemathesis failed (see above)."
  return 4
}

schemathesis() {
  ensure_cached schemathesis_cached schemathesis install_schemathesis
  echo "$schemathesis_dir/bin/st"
}

case "${1:-all}" in
  temporal) temporal_cli ;;
  schemathesis) schemathesis ;;
  test-server) test_server ;;
  temporal-server) temporal_server ;;
  all)
    temporal_cli
    test_server
    temporal_server
    schemathesis
    ;;
  *)
    say "usage: scripts/tools.sh temporal|test-server|temporal-server|schemathesis|all"
    exit 2
    ;;
esac
