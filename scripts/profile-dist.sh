#!/usr/bin/env bash
# A copy of dist/ whose .wasm keeps its function names, for CPU profiles that say which Rust
# function the time went to (tests/e2e/tools/prof-filter.js). Run after `make build`.
# Usage: scripts/profile-dist.sh [OUT_DIR]   (default target/profile-dist)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
OUT="${1:-target/profile-dist}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT" && cp -r dist "$OUT"
# The main module as tools/split-bindgen split it off (the chunks in dist/ stay as they are).
wasm-bindgen --target web --keep-debug --keep-lld-exports --out-name vitrina --out-dir "$TMP" \
  target/split/dist/main.wasm
name="$(basename "$(ls "$OUT"/*_bg.wasm)")"
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types "$TMP/vitrina_bg.wasm" -o "$OUT/$name"
echo "$OUT (names kept in $name)"
