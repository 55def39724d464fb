#!/usr/bin/env bash
# The deploy-time prerender (issue 23) over a stub with 10 000 products: wall time, API
# requests, CPU time per page. Reports, never asserts. A fresh copy of index.html is the
# template; the output goes to a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
PRODUCTS="${PRODUCTS:-10000}"
PORT="${BENCH_STUB_PORT:-19181}"
cargo build -q --features prerender --bin prerender
cargo build -q -p stub-api --bin stub-api
OUT=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$OUT"
}
trap cleanup EXIT INT TERM
target/debug/stub-api --host 127.0.0.1 --port "$PORT" --products "$PRODUCTS" >/dev/null &
pid=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/__control/users" && break; sleep 0.2; done
cp index.html "$OUT/index.html"
cat >"$OUT/config.json" <<JSON
{"commerce":"http://127.0.0.1:$PORT/commerce/api/v1","delivery":"http://127.0.0.1:$PORT/delivery/v1",
 "courier":"http://127.0.0.1:$PORT/courier","partner":"http://127.0.0.1:$PORT/partner"}
JSON
run() {
  /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB max RSS" -o "$OUT/time.txt" \
    target/debug/prerender --dist "$OUT" --origin https://shop.example 2>/dev/null | tee "$OUT/summary.txt"
  local pages cpu
  pages=$(grep -o '^prerender: [0-9]*' "$OUT/summary.txt" | grep -o '[0-9]*$')
  cpu=$(awk '{print $4 + $7}' "$OUT/time.txt")
  echo "  $(cat "$OUT/time.txt"); CPU $(awk -v c="$cpu" -v p="$pages" 'BEGIN {printf "%.2f", c * 1000 / p}') ms a page"
}
echo "== prerender: $PRODUCTS products, first run (empty dir)"
run
echo "== prerender: second run (nothing changed: no file rewritten)"
run
echo "  output: $(du -sh "$OUT" | cut -f1) in $(find "$OUT" -name index.html | wc -l) pages"
