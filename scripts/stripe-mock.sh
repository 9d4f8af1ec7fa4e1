#!/usr/bin/env bash
# Stripe's official API mock (github.com/stripe/stripe-mock) for memberflow's end-to-end tests: it validates every
# request against Stripe's OpenAPI spec (an invalid one gets 400 invalid_request_error) and answers with fixture
# objects (stateless: it does not remember what it is given). Built from the Go module proxy on first use, like
# the Temporal CLI; bound to 127.0.0.1 only. Run `scripts/stripe-mock.sh help` for the commands.
set -euo pipefail

STRIPE_MOCK_VERSION="${STRIPE_MOCK_VERSION:-0.203.0}"
STRIPE_MOCK_PKG="github.com/stripe/stripe-mock"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${MEMBERFLOW_CACHE:-$HOME/.cache/memberflow}"
# stripe-mock reports no useful version ("master"), so the version is in the file name.
CACHED_BIN="$CACHE_DIR/bin/stripe-mock-$STRIPE_MOCK_VERSION"
RUN_DIR="${STRIPE_MOCK_DIR:-$REPO_ROOT/target/stripe-mock}"
PID_FILE="$RUN_DIR/stripe-mock.pid"
LOG_FILE="$RUN_DIR/stripe-mock.log"
PORT="${STRIPE_MOCK_PORT:-12111}"

say() { printf 'stripe-mock: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

build() {
  command -v go >/dev/null 2>&1 || die "stripe-mock is not installed and Go is not on PATH to build it"
  mkdir -p "$CACHE_DIR/bin"
  local tmp
  tmp="$(mktemp -d "$CACHE_DIR/bin/.build-stripe-mock.XXXXXX")"
  say "building stripe-mock v$STRIPE_MOCK_VERSION from the Go module proxy into $CACHED_BIN (output in $tmp.log)"
  if ! env GOBIN="$tmp" GOFLAGS= GOWORK=off CGO_ENABLED=0 \
    go install -trimpath -ldflags "-s -w" "$STRIPE_MOCK_PKG@v$STRIPE_MOCK_VERSION" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    rm -rf "$tmp"
    die "go install $STRIPE_MOCK_PKG@v$STRIPE_MOCK_VERSION failed (log: $tmp.log)"
  fi
  mv -f "$tmp/stripe-mock" "$CACHED_BIN"
  rm -rf "$tmp" "$tmp.log"
  say "built $CACHED_BIN ($(du -h "$CACHED_BIN" | cut -f1))"
}

cmd_install() {
  if [ -n "${STRIPE_MOCK_BIN:-}" ]; then
    [ -x "$STRIPE_MOCK_BIN" ] || die "STRIPE_MOCK_BIN=$STRIPE_MOCK_BIN is not executable"
    echo "$STRIPE_MOCK_BIN"
    return
  fi
  if [ ! -x "$CACHED_BIN" ]; then
    mkdir -p "$CACHE_DIR/bin"
    exec 9>"$CACHE_DIR/bin/.install-stripe-mock.lock"
    if command -v flock >/dev/null 2>&1; then flock 9; fi
    [ -x "$CACHED_BIN" ] || build
    exec 9>&-
  fi
  echo "$CACHED_BIN"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_start() {
  local bin pid
  bin="$(cmd_install)"
  if pid="$(running_pid)"; then
    say "already running (pid $pid)"
    return
  fi
  mkdir -p "$RUN_DIR"
  # Both listeners on loopback: with -http-addr alone, stripe-mock would also serve HTTPS on every interface.
  "$bin" -http-addr "127.0.0.1:$PORT" -https-addr "127.0.0.1:" >"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  for _ in $(seq 1 50); do
    if grep -q "Listening for HTTP at address" "$LOG_FILE" 2>/dev/null; then
      say "listening on http://127.0.0.1:$PORT (pid $pid, log $LOG_FILE)"
      return
    fi
    kill -0 "$pid" 2>/dev/null || die "stripe-mock exited: $(tail -n 5 "$LOG_FILE")"
    sleep 0.2
  done
  die "stripe-mock did not start within 10 s (log $LOG_FILE)"
}

cmd_stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid"
    say "stopped (pid $pid)"
  fi
  rm -f "$PID_FILE"
}

case "${1:-help}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if pid="$(running_pid)"; then say "running (pid $pid)"; else say "not running"; exit 3; fi ;;
  *)
    cat >&2 <<USAGE
usage: scripts/stripe-mock.sh install|start|stop|status
  install  prints the binary's path; builds stripe-mock v$STRIPE_MOCK_VERSION the first time (~30 MB; STRIPE_MOCK_BIN
           to use another binary)
  start    runs it on 127.0.0.1:\$STRIPE_MOCK_PORT (default 12111), HTTPS on a random loopback port; pid and log in
           target/stripe-mock/
  stop     stops the one start started
Point memberflow at it with STRIPE_API_BASE=http://127.0.0.1:12111 and any STRIPE_API_KEY (sk_test_...).
USAGE
    ;;
esac
