#!/usr/bin/env bash
# End-to-end: the release dist/ (and dist-sub/, built for /shop/) served the way the demo
# serves it, against the stub backends, driven by Chromium through playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release
export STUB_URL=http://127.0.0.1:18081
export APP_URL=http://127.0.0.1:18080
export SUB_APP_URL=http://127.0.0.1:18082/shop
# The same app against a stub serving hostile data (specs/hostile.test.js).
export HOSTILE_STUB_URL=http://127.0.0.1:18083
export HOSTILE_APP_URL=http://127.0.0.1:18084
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Same dist/, other backends: the e2e config.json is swapped in by the static server.
"$BIN/stub-api" --host 127.0.0.1 --port 18081 --products 300 --otp-cooldown-secs 1 &
pids+=($!)
"$BIN/vitrina-serve" --host 127.0.0.1 --port 18080 --dir dist --config tests/e2e/config.e2e.json &
pids+=($!)
"$BIN/vitrina-serve" --host 127.0.0.1 --port 18082 --dir dist-sub --public-url /shop/ \
  --config tests/e2e/config.e2e.json &
pids+=($!)
"$BIN/stub-api" --host 127.0.0.1 --port 18083 --products 300 --otp-cooldown-secs 1 --hostile &
pids+=($!)
"$BIN/vitrina-serve" --host 127.0.0.1 --port 18084 --dir dist --config tests/e2e/config.hostile.json &
pids+=($!)
for url in "$STUB_URL/__control/users" "$APP_URL/" "$HOSTILE_STUB_URL/__control/users" "$HOSTILE_APP_URL/" \
  $([ -d dist-sub ] && echo "$SUB_APP_URL/"); do
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "$url" && break
    sleep 0.2
  done
done
# PRERENDER=1: dist/ gets the deploy-time pages (issue 23) from the e2e stub first; the
# stub is reset after, so the walk's requests do not count against the specs' rate limit.
if [ "${PRERENDER:-0}" = 1 ]; then
  cargo build -q --features prerender --bin prerender
  target/debug/prerender --dist dist --config tests/e2e/config.e2e.json --origin "$APP_URL"
  curl -fsS -X POST -o /dev/null "$STUB_URL/__control/reset"
fi
cd tests/e2e
node --test --test-concurrency=1 --test-reporter=spec "${@:-specs/}"
