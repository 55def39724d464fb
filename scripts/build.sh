#!/usr/bin/env bash
# Release build: dist/ (app, served at /) and the stub/static-server binaries.
# PUBLIC_URL=/shop/ DIST=dist-sub builds a copy for a sub-path deployment.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PUBLIC_URL="${PUBLIC_URL:-/}"
DIST="${DIST:-dist}"
trunk build --release --offline --public-url "$PUBLIC_URL" --dist "$DIST"
cargo build --release -p stub-api --bins
