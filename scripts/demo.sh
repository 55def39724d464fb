#!/usr/bin/env bash
# Starts the stub backends and serves dist/; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release
STUB_PORT="${STUB_PORT:-8081}"
APP_PORT="${APP_PORT:-8080}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$BIN/stub-api" --host 127.0.0.1 --port "$STUB_PORT" --products "${PRODUCTS:-300}" &
pids+=($!)
"$BIN/vitrina-serve" --host 127.0.0.1 --port "$APP_PORT" --dir dist &
pids+=($!)
sleep 1
cat <<MSG

  Витрина: http://127.0.0.1:$APP_PORT/
  Stub backends: http://127.0.0.1:$STUB_PORT (commerce, delivery, courier, partner)

  Demo sign-in (code 1234 for every phone):
    shopper  +7 999 000-00-01  (Анна Смирнова)
    mounter  +7 999 000-00-02  (Иван Петров, partner with a bonus balance)
    dealer   +7 999 000-00-03  (Ольга Кузнецова, partner with managers)

  Ctrl-C stops both servers.
MSG
wait
