#!/usr/bin/env bash
# Installs every tool the project needs, offline-registry only, skipping what is already
# there at the right version. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml
WASM_OPT_CRATE_VERSION=0.116.1 # binaryen 116; Debian's wasm-opt 108 breaks rustc 1.95 output
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is missing; install Rust (rustup) first" >&2
  exit 1
fi

# The pinned compiler (rust-toolchain.toml) first: every cargo call below, and every build,
# runs it. RUSTUP_AUTO_INSTALL=0 machines would otherwise fail on the first cargo call.
RUST_TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
if ! rustup toolchain list 2>/dev/null | grep -q "^$RUST_TOOLCHAIN-"; then
  say "installing Rust $RUST_TOOLCHAIN (rust-toolchain.toml)"
  rustup toolchain install "$RUST_TOOLCHAIN" --profile minimal \
    -c rust-src -c clippy -c rustfmt -t wasm32-unknown-unknown
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# rust-src: the release build recompiles std for size (scripts/build.sh).
for comp in clippy rustfmt rust-src; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    say "adding rustup component $comp"
    rustup component add "$comp"
  fi
done

# The release build rebuilds std (build-std) under trunk's --offline: std's own
# dependencies must already be in the registry cache. cargo fetch with build-std brings them
# (under a second when they are there; without this a fresh machine fails with
# "no matching package named `moto-rt`").
RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  cargo fetch -q --target wasm32-unknown-unknown

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 10-15 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Not --locked: one dependency in its lock file is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! "$HOME/.cargo/bin/wasm-opt" --version 2>/dev/null | grep -q "version 116"; then
  say "installing wasm-opt (binaryen 116) from crates.io (about 15 minutes, once)"
  cargo install wasm-opt --version "$WASM_OPT_CRATE_VERSION"
fi

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
command -v node >/dev/null || apt_missing+=(nodejs)
command -v npm >/dev/null || apt_missing+=(npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${apt_missing[@]}"
fi

bash scripts/npm-ci.sh tests/e2e

say "toolchain ready"
