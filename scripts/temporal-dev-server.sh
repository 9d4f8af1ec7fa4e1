#!/usr/bin/env bash
# A real Temporal server for memberflow's end-to-end tests and for local use:
# the Temporal CLI's development server (`temporal server start-dev`), kept in a
# SQLite file so that its workflows survive a restart, with the Web UI, bound to
# 127.0.0.1 only. Run `scripts/temporal-dev-server.sh help` for the commands.
set -euo pipefail

# --- the CLI we build --------------------------------------------------------
# v1.5.1 is the newest release that builds from the Go module proxy alone:
#   - v1.6.0 .. v1.9.0 are not served by the proxy reachable here (403);
#   - v1.9.1 has `replace github.com/temporalio/cli/cliext => ./cliext` and the
#     cliext module is not in its module zip nor on the proxy (404), so
#     `go build` fails with "replacement directory ./cliext does not exist".
# The ldflags variable sets what `temporal --version` prints; its package path
# is specific to this release line (it moved in later releases).
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.5.1}"
TEMPORAL_CLI_PKG="github.com/temporalio/cli/cmd/temporal"
TEMPORAL_CLI_VERSION_VAR="github.com/temporalio/cli/temporalcli.Version"
# A `temporal` found on PATH is used when it is at least this version.
TEMPORAL_CLI_MIN_VERSION="${TEMPORAL_CLI_MIN_VERSION:-1.1.0}"

# --- settings ----------------------------------------------------------------
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${MEMBERFLOW_CACHE:-$HOME/.cache/memberflow}"
CACHED_BIN="$CACHE_DIR/bin/temporal"

HOST=127.0.0.1
PORT="${TEMPORAL_PORT:-7233}"
UI_PORT="${TEMPORAL_UI_PORT:-8233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
DB="${TEMPORAL_DB:-target/temporal-dev/temporal.db}"
case "$DB" in /*) ;; *) DB="$REPO_ROOT/$DB" ;; esac
if command -v realpath >/dev/null 2>&1; then DB="$(realpath -m "$DB" 2>/dev/null || echo "$DB")"; fi
PID_FILE="$DB.pid"
LOG_FILE="$DB.log"
START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-60}"
STOP_TIMEOUT="${TEMPORAL_STOP_TIMEOUT:-20}"
# NAME=Type pairs; types: Text Keyword Int Double Bool Datetime KeywordList.
SEARCH_ATTRIBUTES="${TEMPORAL_SEARCH_ATTRIBUTES:-MemberState=Keyword NeedsAttention=Bool PlanName=Keyword}"
# operator: register them through the operator API once the server is up.
# flags:    also pass them as start-dev --search-attribute flags. Those only take
#           effect when the DB file is new, so the operator step still runs.
SA_VIA="${TEMPORAL_SA_VIA:-operator}"

ADDRESS="$HOST:$PORT"
TEMPORAL_BIN="${TEMPORAL_BIN:-}"

# --- helpers -----------------------------------------------------------------
say() { printf 'temporal-dev-server: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now_ms() { local t="${EPOCHREALTIME//[.,]/}"; echo $((t / 1000)); }
secs_since() { local ms=$(($(now_ms) - $1)); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

# The version a temporal binary reports ("temporal version 1.5.1 (Server ...)").
cli_version() { "$1" --version 2>/dev/null | awk '/version/ {print $3; exit}' | sed 's/^v//'; }

version_at_least() { # $1 >= $2 ?
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# Run the CLI as a client of our server only, whatever the caller's environment
# says about a Temporal address, API key or TLS.
tctl() {
  env -u TEMPORAL_ADDRESS -u TEMPORAL_API_KEY -u TEMPORAL_TLS -u TEMPORAL_PROFILE \
    "$TEMPORAL_BIN" "$@" --address "$ADDRESS"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

port_holder() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed 's/^/    /' >&2 || true
  fi
}

# The pid from the pid file if that process is alive and is our dev server.
running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid args
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -ww -o args= -p "$pid" 2>/dev/null || true)"
  case "$args" in *"server start-dev"*"$DB"*) echo "$pid" ;; *) return 1 ;; esac
}

healthy() {
  tctl operator cluster health >/dev/null 2>&1 &&
    tctl operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1
}

# --- install -------------------------------------------------------------------
build_cli() {
  command -v go >/dev/null 2>&1 ||
    die "the Temporal CLI is not installed and Go is not on PATH to build it (need Go >= 1.25)"
  mkdir -p "$CACHE_DIR/bin"
  local tmp started
  tmp="$(mktemp -d "$CACHE_DIR/bin/.build.XXXXXX")"
  say "building Temporal CLI v$TEMPORAL_CLI_VERSION from the Go module proxy into $CACHED_BIN"
  say "(3-6 minutes on 2 cores from cold, ~3 GB of Go caches; output in $tmp.log)"
  started="$(now_ms)"
  if ! env GOBIN="$tmp" GOFLAGS= GOWORK=off CGO_ENABLED=0 \
    go install -trimpath -ldflags "-s -w -X $TEMPORAL_CLI_VERSION_VAR=$TEMPORAL_CLI_VERSION" \
    "$TEMPORAL_CLI_PKG@v$TEMPORAL_CLI_VERSION" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    rm -rf "$tmp"
    die "go install $TEMPORAL_CLI_PKG@v$TEMPORAL_CLI_VERSION failed (log: $tmp.log)"
  fi
  mv -f "$tmp/temporal" "$CACHED_BIN"
  rm -rf "$tmp" "$tmp.log"
  say "built $(cli_version "$CACHED_BIN") in $(secs_since "$started")s, $(du -h "$CACHED_BIN" | cut -f1)"
}

# Sets TEMPORAL_BIN: $TEMPORAL_BIN, else a good enough `temporal` on PATH, else
# the cached build of the pinned version (built now if missing or different).
resolve_cli() {
  if [ -n "$TEMPORAL_BIN" ]; then
    [ -x "$TEMPORAL_BIN" ] || die "TEMPORAL_BIN=$TEMPORAL_BIN is not executable"
    return
  fi
  local on_path v
  if on_path="$(command -v temporal 2>/dev/null)" && [ "$on_path" != "$CACHED_BIN" ]; then
    v="$(cli_version "$on_path")"
    if [ -n "$v" ] && [ "$v" != "0.0.0-DEV" ] && version_at_least "$v" "$TEMPORAL_CLI_MIN_VERSION"; then
      TEMPORAL_BIN="$on_path"
      return
    fi
    say "ignoring $on_path (version '${v:-unknown}', need >= $TEMPORAL_CLI_MIN_VERSION)"
  fi
  if [ -x "$CACHED_BIN" ] && [ "$(cli_version "$CACHED_BIN")" = "$TEMPORAL_CLI_VERSION" ]; then
    TEMPORAL_BIN="$CACHED_BIN"
    return
  fi
  mkdir -p "$CACHE_DIR/bin"
  # One build at a time; whoever waited finds the binary already there.
  exec 9>"$CACHE_DIR/bin/.install.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if ! { [ -x "$CACHED_BIN" ] && [ "$(cli_version "$CACHED_BIN")" = "$TEMPORAL_CLI_VERSION" ]; }; then
    build_cli
  fi
  exec 9>&-
  TEMPORAL_BIN="$CACHED_BIN"
}

cmd_install() {
  resolve_cli
  say "using $TEMPORAL_BIN ($("$TEMPORAL_BIN" --version 2>/dev/null))"
  echo "$TEMPORAL_BIN"
}

# --- search attributes -----------------------------------------------------------
# "KeywordList" -> "INDEXED_VALUE_TYPE_KEYWORD_LIST", as `... list -o json` shows it.
indexed_type() { echo "INDEXED_VALUE_TYPE_$(sed -E 's/([a-z])([A-Z])/\1_\2/g' <<<"$1" | tr '[:lower:]' '[:upper:]')"; }

missing_search_attributes() {
  local listing pair name type
  listing="$(tctl operator search-attribute list --namespace "$NAMESPACE" -o json 2>&1)" || {
    echo "$listing" >&2
    return 2
  }
  for pair in $SEARCH_ATTRIBUTES; do
    name="${pair%%=*}" type="${pair#*=}"
    grep -q "\"$name\": *\"$(indexed_type "$type")\"" <<<"$listing" || echo "$name=$type"
  done
}

register_search_attributes() {
  [ -n "$SEARCH_ATTRIBUTES" ] || return 0
  local missing args=() pair out
  missing="$(missing_search_attributes)" || die "could not list search attributes"
  if [ -n "$missing" ]; then
    for pair in $missing; do args+=(--name "${pair%%=*}" --type "${pair#*=}"); done
    if ! out="$(tctl operator search-attribute create --namespace "$NAMESPACE" "${args[@]}" 2>&1)"; then
      case "$out" in
        *"already exists"*) say "note: $out" ;; # a type clash is caught just below
        *) die "registering search attributes failed: $out" ;;
      esac
    fi
    # Visibility may take a moment to show what was just added.
    local tries=0
    while missing="$(missing_search_attributes)" || true; [ -n "$missing" ] && [ "$tries" -lt 10 ]; do
      tries=$((tries + 1))
      sleep 0.5
    done
    [ -z "$missing" ] ||
      die "search attributes missing or of another type in namespace $NAMESPACE: ${missing//$'\n'/ }"
  fi
  say "search attributes present in namespace $NAMESPACE: $SEARCH_ATTRIBUTES"
}

# --- start / stop ------------------------------------------------------------------
cmd_start() {
  resolve_cli
  local pid started
  if pid="$(running_pid)"; then
    if healthy; then
      say "already running (pid $pid) on $ADDRESS with $DB"
      register_search_attributes
      return 0
    fi
    die "pid $pid (from $PID_FILE) is running but $ADDRESS does not answer; run '$0 stop' first"
  fi
  rm -f "$PID_FILE"

  local p
  for p in "$PORT" "$UI_PORT"; do
    if port_in_use "$p"; then
      say "port $HOST:$p is already in use by a process this script did not start:"
      port_holder "$p"
      die "free it or choose other ports (TEMPORAL_PORT / TEMPORAL_UI_PORT)"
    fi
  done

  mkdir -p "$(dirname "$DB")"
  local args=(server start-dev --ip "$HOST" --port "$PORT" --ui-port "$UI_PORT"
    --db-filename "$DB" --log-level warn)
  [ "$NAMESPACE" = default ] || args+=(--namespace "$NAMESPACE")
  if [ "$SA_VIA" = flags ]; then
    local pair
    for pair in $SEARCH_ATTRIBUTES; do args+=(--search-attribute "$pair"); done
  fi
  args+=("$@")

  say "starting $TEMPORAL_BIN ${args[*]}"
  started="$(now_ms)"
  printf '\n--- %s start: %s\n' "$(date '+%F %T')" "${args[*]}" >>"$LOG_FILE"
  nohup env -u TEMPORAL_ADDRESS "$TEMPORAL_BIN" "${args[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$(($(now_ms) + START_TIMEOUT * 1000))
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      say "the server exited during start-up; last lines of $LOG_FILE:"
      tail -n 20 "$LOG_FILE" >&2
      exit 1
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
      say "no answer on $ADDRESS after ${START_TIMEOUT}s; stopping pid $pid"
      tail -n 20 "$LOG_FILE" >&2
      stop_pid "$pid"
      exit 1
    fi
    sleep 0.2
  done
  say "up in $(secs_since "$started")s: pid $pid, frontend $ADDRESS, UI http://$HOST:$UI_PORT/"
  register_search_attributes
  say "db $DB (log $LOG_FILE)"
}

stop_pid() {
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(($(now_ms) + STOP_TIMEOUT * 1000))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(now_ms)" -ge "$deadline" ]; then
      say "pid $pid still alive after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
}

cmd_stop() {
  local pid started
  if ! pid="$(running_pid)"; then
    if [ -f "$PID_FILE" ]; then
      say "removing stale pid file $PID_FILE (no dev server of ours runs under that pid)"
      rm -f "$PID_FILE"
    else
      say "not running (no $PID_FILE)"
    fi
    return 0
  fi
  started="$(now_ms)"
  stop_pid "$pid"
  say "stopped pid $pid in $(secs_since "$started")s"
}

cmd_restart() {
  local started
  started="$(now_ms)"
  cmd_stop
  cmd_start "$@"
  say "restarted in $(secs_since "$started")s"
}

cmd_status() {
  local pid rc=0
  if pid="$(running_pid)"; then say "pid $pid (from $PID_FILE)"; else say "no dev server of ours is running (pid file $PID_FILE)"; rc=3; fi
  if [ -n "${pid:-}" ]; then
    resolve_cli
    if healthy; then
      say "frontend $ADDRESS: $(tctl operator cluster health 2>&1), namespace $NAMESPACE exists"
      local missing
      missing="$(missing_search_attributes)" || true
      if [ -z "$missing" ]; then
        say "search attributes: all present ($SEARCH_ATTRIBUTES)"
      else
        say "search attributes missing: ${missing//$'\n'/ }"
      fi
    else
      say "frontend $ADDRESS does not answer"
      rc=1
    fi
    if command -v curl >/dev/null 2>&1; then
      say "UI http://$HOST:$UI_PORT/ -> HTTP $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$HOST:$UI_PORT/" || true)"
    fi
  elif port_in_use "$PORT"; then
    say "note: something else listens on $HOST:$PORT:"
    port_holder "$PORT"
  fi
  return "$rc"
}

cmd_env() {
  echo "export TEMPORAL_ADDRESS=$ADDRESS"
  echo "export TEMPORAL_NAMESPACE=$NAMESPACE"
}

usage() {
  cat <<EOF
usage: $0 COMMAND [start-dev flags]

  install   build the Temporal CLI v$TEMPORAL_CLI_VERSION into $CACHED_BIN if needed
            (or use \$TEMPORAL_BIN / a temporal >= $TEMPORAL_CLI_MIN_VERSION on PATH); prints its path
  start     start the dev server in the background, wait until it answers, register
            the search attributes; extra arguments go to 'temporal server start-dev'
  stop      SIGTERM, then SIGKILL after ${STOP_TIMEOUT}s; fine when nothing runs
  restart   stop, then start on the same DB file (the data stays)
  status    pid, health, search attributes, UI; exit 0 healthy, 3 not running, 1 unhealthy
  env       print export lines for TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE

environment (defaults):
  TEMPORAL_PORT=$PORT  TEMPORAL_UI_PORT=$UI_PORT  TEMPORAL_NAMESPACE=$NAMESPACE
  TEMPORAL_DB=${TEMPORAL_DB:-target/temporal-dev/temporal.db}  (relative to the repo root; pid and log files sit beside it)
  TEMPORAL_SEARCH_ATTRIBUTES="$SEARCH_ATTRIBUTES"
  TEMPORAL_SA_VIA=$SA_VIA  (operator | flags)
  TEMPORAL_START_TIMEOUT=$START_TIMEOUT  TEMPORAL_STOP_TIMEOUT=$STOP_TIMEOUT
  MEMBERFLOW_CACHE=$CACHE_DIR  TEMPORAL_BIN  TEMPORAL_CLI_VERSION=$TEMPORAL_CLI_VERSION
EOF
}

cmd="${1:-help}"
[ $# -gt 0 ] && shift
case "$cmd" in
  install) cmd_install ;;
  start) cmd_start "$@" ;;
  stop) cmd_stop ;;
  restart) cmd_restart "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
