#!/usr/bin/env bash
# Makes the local Temporal dev server (scripts/temporal-dev-server.sh) hang instead of stopping it, for the
# journey bench's "Temporal slow" case: `stop` freezes the process (SIGSTOP: connections stay open, calls get no
# answer), `start` lets it run again (SIGCONT). Usage: scripts/temporal-dev-pause.sh stop|start
#   java -jar bench/target/memberflow-bench.jar bench ... --temporal 127.0.0.1:7233 \
#     --temporal-outage 60s@10s --temporal-script scripts/temporal-dev-pause.sh
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID_FILE="${TEMPORAL_DB:-$REPO_ROOT/target/temporal-dev/temporal.db}.pid"
[ -f "$PID_FILE" ] || { echo "temporal-dev-pause: no $PID_FILE; start the dev server first" >&2; exit 1; }
PID="$(tr -dc '0-9' <"$PID_FILE")"
case "${1:-}" in
  stop) kill -STOP "$PID"; echo "temporal-dev-pause: dev server $PID frozen" ;;
  start) kill -CONT "$PID"; echo "temporal-dev-pause: dev server $PID running again" ;;
  *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
