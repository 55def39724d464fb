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
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$STUB_PORT/__control/users" && break
  sleep 0.2
done
# The pages as HTML (issue 23), walked from the stub this demo started; then the stub's
# rate-limit windows start afresh for the person trying the demo.
if [ "${PRERENDER:-1}" = 1 ]; then
  cfg=$(mktemp)
  sed "s/127.0.0.1:8081/127.0.0.1:$STUB_PORT/g" dist/config.json >"$cfg"
  make -s prerender DIST=dist ORIGIN="http://127.0.0.1:$APP_PORT" CONFIG="$cfg"
  rm -f "$cfg"
  curl -fsS -X POST -o /dev/null "http://127.0.0.1:$STUB_PORT/__control/reset"
fi
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
