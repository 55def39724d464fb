#!/usr/bin/env bash
# Release build: dist/ (app, served at /) and the stub/static-server binaries.
# PUBLIC_URL=/shop/ DIST=dist-sub builds a copy for a sub-path deployment.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PUBLIC_URL="${PUBLIC_URL:-/}"
DIST="${DIST:-dist}"
# The shipped wasm only (tests and lints build with .cargo/config.toml's flags): std rebuilt
# with panics as plain traps (`-Cpanic=immediate-abort`: no panic message machinery, the
# app dies on a panic either way), no `Debug` output (`-Zfmt-debug=none`: the app never
# shows `{:?}` to anyone) and no source locations in the binary. These are unstable flags
# of the pinned rustc 1.95, enabled with RUSTC_BOOTSTRAP=1 for this one command; they cut
# the wasm by 94,867 B raw / 34,441 B gzip / 24,257 B brotli (measured on e2bd5c4+).
# RUSTFLAGS replaces the config's flags, so erase_components is repeated here.
#
# Lazy pages (components/lazy.rs) are split into chunks of their own: `--cfg vitrina_split`
# turns them on, `--emit-relocs` keeps what the splitter needs, and tools/split-bindgen
# stands in for wasm-bindgen (trunk has no step between cargo and wasm-bindgen) to split
# before calling the real one; scripts/split-post.mjs moves the chunks into the dist.
#
# Every tool at its pinned version (scripts/setup.sh installs them), or no build: a chunk
# made by another wasm-bindgen or wasm-opt must never ship under a name it did not earn.
need() { # tool, expected `--version` text (a grep pattern), what installs it
  local got
  if ! command -v "$1" >/dev/null; then
    echo "build.sh: $1 is missing — needs $3 (make setup)" >&2
    exit 1
  fi
  got="$("$1" --version 2>/dev/null | head -n1 || true)"
  if ! grep -q -- "$2" <<<"$got"; then
    echo "build.sh: $1 is '${got:-unknown}', needs $3 (make setup)" >&2
    exit 1
  fi
}
need trunk '^trunk 0\.21\.14$' 'trunk 0.21.14'
need wasm-bindgen '^wasm-bindgen 0\.2\.130$' 'wasm-bindgen-cli 0.2.130'
need wasm-opt 'version 116\b' 'wasm-opt 0.116.1 (binaryen 116)'
need node '^v' 'Node'
# terser for scripts/prebuild.mjs (trunk's pre_build hook), only when its lock file changed.
bash scripts/npm-ci.sh tools/js
# No chunk of an earlier build may be copied into this one.
rm -rf "target/split/$DIST"
cargo build --release -q -p split-bindgen
mkdir -p target/split-bin
ln -sf ../release/split-bindgen target/split-bin/wasm-bindgen
VITRINA_WASM_BINDGEN="$(command -v wasm-bindgen)" \
  VITRINA_WASM_OPT="$(command -v wasm-opt)" \
  VITRINA_SPLIT_DIR="$PWD/target/split/$DIST" \
  PATH="$PWD/target/split-bin:$PATH" \
  RUSTC_BOOTSTRAP=1 \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  RUSTFLAGS="--cfg erase_components --cfg vitrina_split -Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
  trunk build --release --offline --public-url "$PUBLIC_URL" --dist "$DIST"
cargo build --release -p stub-api --bins
