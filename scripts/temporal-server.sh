#!/usr/bin/env bash
# A production-style Temporal for benchmarks: the real Temporal server (not the CLI's dev server) with
# PostgreSQL persistence and SQL visibility, all on 127.0.0.1, without Docker.
#
#   scripts/temporal-server.sh install   build temporal-server + temporal-sql-tool (once), install PostgreSQL if absent
#   scripts/temporal-server.sh start     PostgreSQL cluster + schemas + server + namespace + search attributes
#   scripts/temporal-server.sh stop      stop the server, then PostgreSQL
#   scripts/temporal-server.sh status    exit 0 healthy, 3 not running, 1 unhealthy
#   scripts/temporal-server.sh env       export lines for TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE
#
# The server and its schema tool are built with `go install` from the Go module proxy. Later 1.32.x,
# 1.31.5 and 1.30.9 need a newer Go than 1.26, hence the pin.
set -euo pipefail

TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-1.32.0}"
SERVER_MODULE="go.temporal.io/server"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${MEMBERFLOW_CACHE:-$HOME/.cache/memberflow}"
SERVER_BIN="$CACHE_DIR/bin/temporal-server"
SQL_TOOL="$CACHE_DIR/bin/temporal-sql-tool"

HOST=127.0.0.1
PORT="${TEMPORAL_SERVER_PORT:-7243}"          # frontend gRPC; the other services use PORT+1..PORT+4
MEMBERSHIP_BASE="${TEMPORAL_MEMBERSHIP_PORT:-6943}" # ringpop ports, +0..+3; must stay <= 32767 (smallint)
PG_PORT="${TEMPORAL_PG_PORT:-54329}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
SHARDS="${TEMPORAL_HISTORY_SHARDS:-4}"          # fixed once the database exists
DIR="${TEMPORAL_SERVER_DIR:-target/temporal-server}"
case "$DIR" in /*) ;; *) DIR="$REPO_ROOT/$DIR" ;; esac
PG_DATA="$DIR/pg"
PG_SOCKET="$DIR/pg-socket"
PG_LOG="$DIR/pg.log"
PASSWORD_FILE="$DIR/db.password"
CONFIG="$DIR/config.yaml"
DYNAMIC_CONFIG="$DIR/dynamicconfig.yaml"
PID_FILE="$DIR/server.pid"
LOG_FILE="$DIR/server.log"
START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-90}"
STOP_TIMEOUT="${TEMPORAL_STOP_TIMEOUT:-30}"
SEARCH_ATTRIBUTES="${TEMPORAL_SEARCH_ATTRIBUTES:-MemberState=Keyword NeedsAttention=Bool PlanName=Keyword}"
ADDRESS="$HOST:$PORT"
DB_USER=temporal

say() { printf 'temporal-server: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now_ms() { local t="${EPOCHREALTIME//[.,]/}"; echo $((t / 1000)); }
secs_since() { local ms=$(($(now_ms) - $1)); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
as_postgres() { runuser -u postgres -- "$@"; }
port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# --- install -------------------------------------------------------------------
bin_version() { "$1" --version 2>/dev/null | awk '{print $NF; exit}' | sed 's/^v//'; }

build_server() {
  command -v go >/dev/null 2>&1 || die "Go is not on PATH; it is needed once to build the Temporal server"
  mkdir -p "$CACHE_DIR/bin"
  local tmp started
  tmp="$(mktemp -d "$CACHE_DIR/bin/.server-build.XXXXXX")"
  say "building Temporal server v$TEMPORAL_SERVER_VERSION and its SQL tool from the Go module proxy"
  say "(about 5 minutes on 2 cores from cold; output in $tmp.log)"
  started="$(now_ms)"
  if ! env GOBIN="$tmp" GOFLAGS= GOWORK=off CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" \
    "$SERVER_MODULE/cmd/server@v$TEMPORAL_SERVER_VERSION" \
    "$SERVER_MODULE/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    rm -rf "$tmp"
    die "go install failed (log: $tmp.log)"
  fi
  mv -f "$tmp/server" "$SERVER_BIN"
  mv -f "$tmp/sql" "$SQL_TOOL"
  rm -rf "$tmp" "$tmp.log"
  say "built in $(secs_since "$started")s"
}

install_binaries() {
  if [ "$(bin_version "$SERVER_BIN")" = "$TEMPORAL_SERVER_VERSION" ] &&
    [ "$(bin_version "$SQL_TOOL")" = "$TEMPORAL_SERVER_VERSION" ]; then
    return
  fi
  mkdir -p "$CACHE_DIR/bin"
  exec 8>"$CACHE_DIR/bin/.server-install.lock"
  if command -v flock >/dev/null 2>&1; then flock 8; fi
  if ! { [ "$(bin_version "$SERVER_BIN")" = "$TEMPORAL_SERVER_VERSION" ] &&
    [ "$(bin_version "$SQL_TOOL")" = "$TEMPORAL_SERVER_VERSION" ]; }; then
    build_server
  fi
  exec 8>&-
}

# The server module's schema directory (downloaded into the module cache by the build).
schema_dir() {
  local modcache dir
  modcache="$(go env GOMODCACHE 2>/dev/null || echo "$HOME/go/pkg/mod")"
  dir="$modcache/$SERVER_MODULE@v$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
  if [ ! -d "$dir" ]; then
    env GOFLAGS= GOWORK=off go mod download "$SERVER_MODULE@v$TEMPORAL_SERVER_VERSION" >&2 ||
      die "could not download $SERVER_MODULE@v$TEMPORAL_SERVER_VERSION for its schema"
  fi
  [ -d "$dir" ] || die "no PostgreSQL schema in $dir"
  echo "$dir"
}

pg_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

install_postgres() {
  if pg_bin >/dev/null; then return; fi
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; run as root or install Debian's postgresql"
  say "installing Debian's postgresql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin >/dev/null || die "postgresql installed but no initdb found under /usr/lib/postgresql"
}

resolve_cli() {
  TEMPORAL_BIN="${TEMPORAL_BIN:-}"
  if [ -z "$TEMPORAL_BIN" ]; then
    TEMPORAL_BIN="$("$REPO_ROOT/scripts/temporal-dev-server.sh" install | tail -n1)"
  fi
  [ -x "$TEMPORAL_BIN" ] || die "no temporal CLI (scripts/temporal-dev-server.sh install)"
}

cmd_install() {
  install_binaries
  install_postgres
  schema_dir >/dev/null
  resolve_cli
  say "server $SERVER_BIN ($(bin_version "$SERVER_BIN")), sql tool $SQL_TOOL, PostgreSQL $(pg_bin), CLI $TEMPORAL_BIN"
}

# --- PostgreSQL ------------------------------------------------------------------
password() { cat "$PASSWORD_FILE"; }

pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_init() {
  [ -f "$PG_DATA/PG_VERSION" ] && return
  mkdir -p "$DIR"
  umask 077
  [ -f "$PASSWORD_FILE" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PASSWORD_FILE"
  umask 022
  local pw
  pw="$(mktemp)"
  password >"$pw"
  chown postgres "$pw"
  mkdir -p "$PG_DATA" "$PG_SOCKET"
  chown postgres "$PG_DATA" "$PG_SOCKET"
  chmod 700 "$PG_DATA" "$PG_SOCKET"
  say "creating a PostgreSQL cluster in $PG_DATA"
  as_postgres "$(pg_bin)/initdb" -D "$PG_DATA" -U postgres --pwfile="$pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || { rm -f "$pw"; cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pw"
  cat >>"$PG_DATA/postgresql.conf" <<EOF
# memberflow scripts/temporal-server.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET'
max_connections = 200
EOF
}

pg_start() {
  pg_running && return
  if port_in_use "$PG_PORT"; then die "port $HOST:$PG_PORT is taken (TEMPORAL_PG_PORT to choose another)"; fi
  touch "$PG_LOG" && chown postgres "$PG_LOG"
  as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null ||
    { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
}

psql_super() {
  PGPASSWORD="$(password)" psql -X -q -h "$HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

sql_tool() {
  SQL_PASSWORD="$(password)" "$SQL_TOOL" --plugin postgres12 --endpoint "$HOST" --port "$PG_PORT" \
    --user "$DB_USER" "$@"
}

pg_schemas() {
  local schema has
  schema="$(schema_dir)"
  if [ -z "$(psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
    psql_super -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$(password)'"
  fi
  for db in temporal temporal_visibility; do
    has="$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
    if [ -z "$has" ]; then
      say "creating database $db"
      sql_tool --database "$db" create-database >>"$DIR/schema.log" 2>&1 || die "create-database $db failed (see $DIR/schema.log)"
      sql_tool --database "$db" setup-schema -v 0.0 >>"$DIR/schema.log" 2>&1 || die "setup-schema $db failed"
    fi
  done
  sql_tool --database temporal update-schema -d "$schema/temporal/versioned" >>"$DIR/schema.log" 2>&1 ||
    die "update-schema temporal failed (see $DIR/schema.log)"
  sql_tool --database temporal_visibility update-schema -d "$schema/visibility/versioned" >>"$DIR/schema.log" 2>&1 ||
    die "update-schema temporal_visibility failed (see $DIR/schema.log)"
}

# --- server ------------------------------------------------------------------------
write_config() {
  [ "$MEMBERSHIP_BASE" -le 32764 ] || die "TEMPORAL_MEMBERSHIP_PORT must be <= 32764 (stored as smallint)"
  umask 077
  cat >"$DYNAMIC_CONFIG" <<EOF
limit.maxIDLength:
  - value: 255
    constraints: {}
EOF
  local pw store
  pw="$(password)"
  {
    echo "log:"
    echo "  stdout: true"
    echo "  level: warn"
    echo "persistence:"
    echo "  defaultStore: postgres-default"
    echo "  visibilityStore: postgres-visibility"
    echo "  numHistoryShards: $SHARDS"
    echo "  datastores:"
    for store in "postgres-default temporal 20" "postgres-visibility temporal_visibility 4"; do
      set -- $store
      cat <<EOF
    $1:
      sql:
        pluginName: "postgres12"
        databaseName: "$2"
        connectAddr: "$HOST:$PG_PORT"
        connectProtocol: "tcp"
        user: "$DB_USER"
        password: "$pw"
        maxConns: $3
        maxIdleConns: $3
        maxConnLifetime: "1h"
EOF
    done
    cat <<EOF
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "$HOST"
services:
  frontend:
    rpc: {grpcPort: $PORT, membershipPort: $MEMBERSHIP_BASE, bindOnIP: "$HOST", httpPort: $((PORT + 1))}
  history:
    rpc: {grpcPort: $((PORT + 2)), membershipPort: $((MEMBERSHIP_BASE + 1)), bindOnIP: "$HOST"}
  matching:
    rpc: {grpcPort: $((PORT + 3)), membershipPort: $((MEMBERSHIP_BASE + 2)), bindOnIP: "$HOST"}
  worker:
    rpc: {grpcPort: $((PORT + 4)), membershipPort: $((MEMBERSHIP_BASE + 3)), bindOnIP: "$HOST"}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "$ADDRESS"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "$DYNAMIC_CONFIG"
  pollInterval: "10s"
EOF
  } >"$CONFIG"
  umask 022
}

tctl() {
  env -u TEMPORAL_ADDRESS -u TEMPORAL_API_KEY -u TEMPORAL_TLS -u TEMPORAL_PROFILE \
    "$TEMPORAL_BIN" "$@" --address "$ADDRESS"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid args
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -ww -o args= -p "$pid" 2>/dev/null || true)"
  case "$args" in *"$CONFIG"*) echo "$pid" ;; *) return 1 ;; esac
}

namespace_ready() { tctl operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; }

ensure_namespace() {
  if ! namespace_ready; then
    tctl operator namespace create --namespace "$NAMESPACE" --retention 72h >/dev/null 2>&1 || true
    local tries=0
    until namespace_ready; do
      tries=$((tries + 1))
      [ "$tries" -lt 120 ] || die "namespace $NAMESPACE not visible after 60 s"
      sleep 0.5
    done
    say "namespace $NAMESPACE created"
  fi
}

register_search_attributes() {
  local listing pair name type args=() tries=0
  for pair in $SEARCH_ATTRIBUTES; do
    name="${pair%%=*}" type="${pair#*=}"
    listing="$(tctl operator search-attribute list --namespace "$NAMESPACE" -o json 2>/dev/null || true)"
    grep -q "\"$name\"" <<<"$listing" || args+=(--name "$name" --type "$type")
  done
  if [ "${#args[@]}" -gt 0 ]; then
    until tctl operator search-attribute create --namespace "$NAMESPACE" "${args[@]}" >/dev/null 2>&1; do
      tries=$((tries + 1))
      [ "$tries" -lt 20 ] || die "registering search attributes failed"
      sleep 1
    done
  fi
  say "search attributes present in namespace $NAMESPACE: $SEARCH_ATTRIBUTES"
}

cmd_start() {
  install_binaries
  install_postgres
  resolve_cli
  mkdir -p "$DIR"
  pg_init
  pg_start
  pg_schemas
  local pid started
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on $ADDRESS"
  else
    rm -f "$PID_FILE"
    local p
    for p in "$PORT" $((PORT + 1)) $((PORT + 2)) $((PORT + 3)) $((PORT + 4)); do
      if port_in_use "$p"; then die "port $HOST:$p is in use (TEMPORAL_SERVER_PORT to choose another base)"; fi
    done
    write_config
    started="$(now_ms)"
    printf '\n--- %s start\n' "$(date '+%F %T')" >>"$LOG_FILE"
    nohup "$SERVER_BIN" --config-file "$CONFIG" --allow-no-auth start >>"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    local deadline=$(($(now_ms) + START_TIMEOUT * 1000))
    until tctl operator cluster health >/dev/null 2>&1; do
      kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; tail -n 20 "$LOG_FILE" >&2; die "the server exited during start-up"; }
      if [ "$(now_ms)" -ge "$deadline" ]; then stop_pid "$pid"; die "no answer on $ADDRESS after ${START_TIMEOUT}s"; fi
      sleep 0.3
    done
    say "up in $(secs_since "$started")s: pid $pid, frontend $ADDRESS (PostgreSQL on $HOST:$PG_PORT, data $PG_DATA)"
  fi
  ensure_namespace
  register_search_attributes
}

stop_pid() {
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(($(now_ms) + STOP_TIMEOUT * 1000))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(now_ms)" -ge "$deadline" ]; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; break; fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
}

cmd_stop() {
  local pid
  if pid="$(running_pid)"; then
    stop_pid "$pid"
    say "server (pid $pid) stopped"
  else
    rm -f "$PID_FILE"
    say "server not running"
  fi
  if [ "${1:-}" != "--keep-db" ] && pg_bin >/dev/null && pg_running; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && say "PostgreSQL stopped"
  fi
}

cmd_status() {
  local pid rc=0
  if pg_bin >/dev/null && pg_running; then say "PostgreSQL running on $HOST:$PG_PORT ($PG_DATA)"; else say "PostgreSQL not running"; fi
  if ! pid="$(running_pid)"; then say "server not running (pid file $PID_FILE)"; return 3; fi
  resolve_cli
  if tctl operator cluster health >/dev/null 2>&1 && namespace_ready; then
    say "server pid $pid, frontend $ADDRESS healthy, namespace $NAMESPACE exists"
  else
    say "server pid $pid, frontend $ADDRESS does not answer"
    rc=1
  fi
  return "$rc"
}

# A database for memberflow itself in the same cluster (for `bench --replicas`: several memberflow processes
# need one PostgreSQL they share). Prints export lines; the password is generated once into memberflow-db.password.
MF_DB="${MEMBERFLOW_DB_NAME:-memberflow_bench}"
MF_PASSWORD_FILE="$DIR/memberflow-db.password"
cmd_memberflow_db() {
  pg_running || die "PostgreSQL is not running: run '$0 start' first"
  if [ ! -f "$MF_PASSWORD_FILE" ]; then
    umask 077
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$MF_PASSWORD_FILE"
    umask 022
  fi
  local pw
  pw="$(cat "$MF_PASSWORD_FILE")"
  if [ -z "$(psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'memberflow'")" ]; then
    psql_super -c "CREATE ROLE memberflow LOGIN PASSWORD '$pw'" >/dev/null
  fi
  if [ -z "$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$MF_DB'")" ]; then
    psql_super -c "CREATE DATABASE $MF_DB OWNER memberflow" >/dev/null
    say "database $MF_DB created (owner memberflow)"
  fi
  say "fsync=$(psql_super -tAc 'SHOW fsync'), full_page_writes=$(psql_super -tAc 'SHOW full_page_writes')"
  echo "export DATASOURCES_DEFAULT_URL=jdbc:postgresql://$HOST:$PG_PORT/$MF_DB"
  echo "export DATASOURCES_DEFAULT_USERNAME=memberflow"
  echo "export DATASOURCES_DEFAULT_PASSWORD=$pw"
}

cmd_env() {
  echo "export TEMPORAL_ADDRESS=$ADDRESS"
  echo "export TEMPORAL_NAMESPACE=$NAMESPACE"
}

usage() {
  cat <<EOF
usage: $0 install|start|stop [--keep-db]|status|env|memberflow-db

  install   build temporal-server and temporal-sql-tool v$TEMPORAL_SERVER_VERSION into $CACHE_DIR/bin (once),
            install Debian's postgresql if absent
  start     PostgreSQL cluster in \$TEMPORAL_SERVER_DIR/pg (127.0.0.1:$PG_PORT), databases temporal and
            temporal_visibility, the server on $ADDRESS, namespace $NAMESPACE, search attributes
  stop      stop the server (SIGTERM, SIGKILL after ${STOP_TIMEOUT}s), then PostgreSQL (unless --keep-db)
  status    exit 0 healthy, 3 not running, 1 unhealthy
  env       print export lines for TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE
  memberflow-db  create role memberflow and database \$MEMBERFLOW_DB_NAME (memberflow_bench) in the same cluster;
            print export lines for DATASOURCES_DEFAULT_URL / _USERNAME / _PASSWORD (bench --replicas)

environment (defaults):
  TEMPORAL_SERVER_PORT=$PORT (frontend; +1 HTTP, +2 history, +3 matching, +4 worker)
  TEMPORAL_MEMBERSHIP_PORT=$MEMBERSHIP_BASE (+0..+3)  TEMPORAL_PG_PORT=$PG_PORT  TEMPORAL_HISTORY_SHARDS=$SHARDS
  TEMPORAL_SERVER_DIR=${TEMPORAL_SERVER_DIR:-target/temporal-server}  TEMPORAL_NAMESPACE=$NAMESPACE
  TEMPORAL_SEARCH_ATTRIBUTES="$SEARCH_ATTRIBUTES"  MEMBERFLOW_CACHE=$CACHE_DIR  TEMPORAL_BIN
EOF
}

cmd="${1:-help}"
[ $# -gt 0 ] && shift
case "$cmd" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  memberflow-db) cmd_memberflow_db ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
