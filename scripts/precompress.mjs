// Trunk post_build hook: a brotli (-q 11) and a gzip (-9) copy beside every file of the
// build that a static host can serve precompressed. config.json is left alone: it is the
// one file swapped per deployment, and a stale .br beside it would be served instead.
// Usage: node scripts/precompress.mjs [dir]   (default: $TRUNK_STAGING_DIR)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotli, gzip } from './compress.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: no directory (pass one, or run as a trunk hook)');
  process.exit(1);
}
let n = 0;
for (const f of readdirSync(dir)) {
  if (!/\.(wasm|js|css|html|svg)$/.test(f)) continue;
  const bytes = readFileSync(join(dir, f));
  writeFileSync(join(dir, `${f}.gz`), gzip(bytes));
  writeFileSync(join(dir, `${f}.br`), brotli(bytes));
  n++;
}
console.log(`precompress: .br and .gz beside ${n} files in ${dir}`);
