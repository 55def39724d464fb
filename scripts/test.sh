#!/usr/bin/env bash
# Runs every layer — format, lints (native and wasm32), native tests (app and stub),
# component tests in headless Chromium, end-to-end tests against a release build —
# and ends with one line `N passed, N failed` summing all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
LOGS=target/test-logs
mkdir -p "$LOGS"
passed=0
failed=0
failures=()

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# A check that is one pass or one failure (format, lints, builds).
check() {
  local name="$1"
  shift
  step "$name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

# Sums cargo's `test result: … N passed; M failed` lines from a log.
count_cargo() {
  local log="$1" p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}

# A test layer: its own counts, plus one failure if it broke without counting any.
layer() {
  local name="$1" kind="$2"
  shift 2
  local log="$LOGS/$(echo "$name" | tr ' /' '__').log"
  step "$name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]} p f
  if [ "$kind" = cargo ]; then
    read -r p f < <(count_cargo "$log")
  else
    p=$(grep -Eo '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    f=$(grep -Eo '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    failed=$((failed + 1))
  fi
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then failures+=("$name"); fi
}

check "format" cargo fmt --all --check
check "clippy (native)" cargo clippy --workspace --all-targets --quiet -- -D warnings
check "clippy (wasm32)" cargo clippy -p vitrina --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
layer "native tests (app and stub)" cargo cargo test --workspace
check "clippy (native, prerender)" cargo clippy -p vitrina --features prerender --all-targets --quiet -- -D warnings
layer "prerender step against the stub (native)" cargo cargo test -p vitrina --features prerender --test prerender_step
layer "component tests (headless Chromium)" cargo cargo test -p vitrina --target wasm32-unknown-unknown --test wasm_components
check "release build" scripts/build.sh
check "first-load byte budget (budget.json)" node scripts/budget.mjs dist
check "release build under /shop/" env PUBLIC_URL=/shop/ DIST=dist-sub scripts/build.sh
check "prerender binary" cargo build -q -p vitrina --features prerender --bin prerender
layer "end-to-end (Playwright, Chromium)" node bash scripts/e2e.sh

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed layers: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
