// The first-load byte budget: gzip -9 and brotli -q 11 of every file a first visit to the
// catalog loads (index.html and the hashed .js, .css and main _bg.wasm of a release dist/,
// with the module that loads the lazy pages), against budget.json. The lazy pages' chunks
// (split_*.wasm and the chunk_*.wasm they share) are listed after it: a page other than the
// catalog loads its own on top.
// Bytes are deterministic, so this is a check, not a benchmark. Usage:
//   node scripts/budget.mjs [dist] [--report]   (--report prints, never fails)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotli, gzip } from './compress.mjs';

const args = process.argv.slice(2);
const report = args.includes('--report');
const dist = args.find((a) => !a.startsWith('--')) || 'dist';
const budget = JSON.parse(readFileSync(new URL('../budget.json', import.meta.url)));

const all = readdirSync(dist).sort();
const files = all.filter((f) => f === 'index.html' || /-[0-9a-f]{8,16}(_bg\.wasm|\.js|\.css)$/.test(f));
const chunks = all.filter((f) => /^(split|chunk)_\w+-[0-9a-f]{8,16}\.wasm$/.test(f));
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`budget: no .wasm in ${dist}/ — build it first`);
  process.exit(1);
}
const measure = (f) => {
  const bytes = readFileSync(join(dist, f));
  return {
    f,
    raw: bytes.length,
    gzip: gzip(bytes).length,
    brotli: brotli(bytes).length,
  };
};
const rows = files.map(measure);
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
const total = { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
const pad = (v, n) => String(v).padStart(n);
for (const r of rows) console.log(`  ${r.f.padEnd(40)} ${pad(r.raw, 9)} B ${pad(r.gzip, 8)} gz ${pad(r.brotli, 8)} br`);
console.log(`  ${'first load'.padEnd(40)} ${pad(total.raw, 9)} B ${pad(total.gzip, 8)} gz ${pad(total.brotli, 8)} br`);
console.log(`  ${'budget (budget.json)'.padEnd(40)} ${pad('', 9)}   ${pad(budget.gzip, 8)} gz ${pad(budget.brotli, 8)} br`);
if (chunks.length) {
  console.log('  lazy chunks (loaded when their page is first opened):');
  for (const r of chunks.map(measure)) console.log(`  ${r.f.padEnd(40)} ${pad(r.raw, 9)} B ${pad(r.gzip, 8)} gz ${pad(r.brotli, 8)} br`);
}
const over = ['gzip', 'brotli'].filter((k) => total[k] > budget[k]);
if (over.length && !report) {
  for (const k of over) {
    console.error(`budget: first load is ${total[k]} B ${k}, over the budget of ${budget[k]} B by ${total[k] - budget[k]} B`);
  }
  console.error('budget: cut bytes, or raise budget.json in a commit that says why and by how much');
  process.exit(1);
}
console.log(report ? 'budget: reported' : 'budget: within the budget');
