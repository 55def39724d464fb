#!/usr/bin/env bash
# Size and speed numbers for the release build. Reports, never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/results
mkdir -p "$OUT"

echo "== first load of dist/ (raw / gzip -9 / brotli -q 11) beside budget.json"
node scripts/budget.mjs dist --report
# The main module as split off by tools/split-bindgen (what the catalog loads), with names.
node tests/e2e/tools/wasm-breakdown.mjs target/split/dist/main.wasm 20

echo "== checkout under faults: 1000 seeded checkouts (tests/checkout_faults.rs)"
CHECKOUT_FAULT_RUNS="${CHECKOUT_FAULT_RUNS:-1000}" cargo test -q -p vitrina --test checkout_faults -- --nocapture \
  | grep -v '^$' | tee "$OUT/checkout-faults.txt"
echo "== the same through the real stub over HTTP: 1000 checkouts (tests/stub-api/tests/checkout_faults.rs, about 8 min)"
CHECKOUT_FAULT_RUNS="${CHECKOUT_FAULT_RUNS:-1000}" cargo test -q -p stub-api --test checkout_faults -- --nocapture \
  | grep -v '^$' | tee "$OUT/checkout-faults-stub.txt"

echo "== withdrawals and organizations under faults through the real stub: 1000 withdrawals, 500 organizations (tests/stub-api/tests/payout_faults.rs)"
PAYOUT_FAULT_RUNS="${PAYOUT_FAULT_RUNS:-1000}" cargo test -q -p stub-api --test payout_faults -- --nocapture \
  | grep -v '^$' | tee "$OUT/payout-faults-stub.txt"

echo "== decoders under arbitrary answers: 10 000 cases per property (tests/decoders_never_panic.rs)"
PROPTEST_CASES="${PROPTEST_CASES:-10000}" cargo test -q -p vitrina --test decoders_never_panic \
  | grep -v '^$' | tee "$OUT/decoders-never-panic.txt"

echo "== deploy-time prerender over 10 000 products (scripts/bench-prerender.sh)"
bash scripts/bench-prerender.sh | tee "$OUT/prerender.txt"

echo "== catalog page in Chromium (stub on 127.0.0.1:19081, app on 127.0.0.1:19080)"
BIN=target/release
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
# Images from another host name, as in production (the seeds serve them from cdn.*, the
# API from api.*): the browser gives them their own six connections. vitrina-serve's CSP
# must allow that host (--media), or every image is blocked.
MEDIA_BASE="${MEDIA_BASE:-http://localhost:19081}"
"$BIN/stub-api" --host 127.0.0.1 --port 19081 --products "${PRODUCTS:-300}" \
  --public-base "$MEDIA_BASE" >/dev/null &
pids+=($!)
sed 's/18081/19081/g' tests/e2e/config.e2e.json >"$OUT/config.bench.json"
"$BIN/vitrina-serve" --host 127.0.0.1 --port 19080 --dir dist --config "$OUT/config.bench.json" \
  --media "$MEDIA_BASE" >/dev/null &
pids+=($!)
for url in http://127.0.0.1:19081/__control/users http://127.0.0.1:19080/; do
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "$url" && break; sleep 0.2; done
done
APP_URL=http://127.0.0.1:19080 node tests/e2e/tools/bench.js | tee "$OUT/catalog.txt"
# Issue 25: the header's suggestions — requests while typing, the list after its answer.
(cd tests/e2e && APP_URL=http://127.0.0.1:19080 STUB_URL=http://127.0.0.1:19081 \
  node tools/suggest-bench.mjs) | tee "$OUT/suggest.txt"
# Issue 25: /favorites with 200 favorites — product reads, time to draw, all 200 under the pace.
(cd tests/e2e && APP_URL=http://127.0.0.1:19080 STUB_URL=http://127.0.0.1:19081 \
  node tools/favorites-bench.mjs) | tee "$OUT/favorites.txt"

# Issue 23: the same build three ways in one Lighthouse run — as it was (csr: never
# prerendered, :19080), prerendered and taken over by the app (app, :19082), and the static
# floor (the prerendered pages with no script, :19083).
rm -rf "$OUT/site"
cp -a dist "$OUT/site"
cargo build -q --features prerender --bin prerender
target/debug/prerender --dist "$OUT/site" --config "$OUT/config.bench.json" --origin http://127.0.0.1:19082 --fresh 2>/dev/null
curl -fsS -X POST -o /dev/null http://127.0.0.1:19081/__control/reset
node scripts/floor.mjs "$OUT/site" "$OUT/floor"
"$BIN/vitrina-serve" --host 127.0.0.1 --port 19082 --dir "$OUT/site" --config "$OUT/config.bench.json" \
  --media "$MEDIA_BASE" >/dev/null &
pids+=($!)
"$BIN/vitrina-serve" --host 127.0.0.1 --port 19083 --dir "$OUT/floor" --config "$OUT/config.bench.json" \
  --media "$MEDIA_BASE" >/dev/null &
pids+=($!)
for url in http://127.0.0.1:19082/ http://127.0.0.1:19083/; do
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "$url" && break; sleep 0.2; done
done
# Lighthouse lives in its own package: `make test` never installs it.
bash scripts/npm-ci.sh tests/lighthouse
RUNS="${LH_RUNS:-5}" node tests/lighthouse/run.mjs csr=http://127.0.0.1:19080 app=http://127.0.0.1:19082 \
  floor=http://127.0.0.1:19083 | tee "$OUT/lighthouse.txt"
# When «В корзину» works on a phone (applied slow 4G and 4× CPU, real Chromium timings):
# shown (a prerendered page takes a press from then on), works (the app's own button).
(cd tests/e2e && RUNS="${LH_RUNS:-5}" node tools/cart-ready.mjs csr=http://127.0.0.1:19080 \
  app=http://127.0.0.1:19082) | tee "$OUT/cart-ready.txt"
