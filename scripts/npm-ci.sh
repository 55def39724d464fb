#!/usr/bin/env bash
# `npm ci` in the folder given, only when its lock file changed since the last install.
set -euo pipefail
dir="$1"
stamp="$dir/node_modules/.vitrina-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
  printf '\033[1msetup:\033[0m npm ci in %s\n' "$dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  cp "$dir/package-lock.json" "$stamp"
fi
