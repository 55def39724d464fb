// The first-load byte budget of every page: gzip -9 and brotli -q 11 of what a first visit
// to that page downloads, against its ceiling in budget.json plus the stated tolerance.
//
// What a page downloads is read from the build output, not written here:
// - every page: index.html and the files it names (early.js, the stylesheet, trunk's
//   loader start-*.js, the main module's JS and _bg.wasm, the lazy pages' loader module
//   vitrina-split-*.js), and the modules those import;
// - a lazy page (src/components/lazy.rs) also its chunks: index.html's `#vitrina-chunks`
//   lists them; the loader module's `__wasm_split_load_<page>` fetches its split_<page>.wasm
//   after those chunk_<n>.wasm (tools/split-bindgen writes it), public/early.js preloads them.
// The catalog is drawn by the main module alone: its first load is the shared part.
// A lazy function that is no page is counted the same way and has its ceiling like one:
// `suggest`, the header's suggestion list, fetched on the search box's first focus — its
// figure is what a shopper has loaded once they focus the search (the shared part + its
// chunks), so the chunk cannot grow unseen.
//
// Bytes are deterministic for a given dist, so this is a check, not a benchmark; but brotli
// of the same tree moves by a few hundred bytes between builds as code is laid out anew, so
// a page fails only when it is over its ceiling by more than budget.json's `tolerance`.
// Usage:
//   node scripts/budget.mjs [dist] [--report] [--files] [--page <name>]
//     --report  prints, never fails      --files  also lists every lazy chunk with its bytes
//     --page    also lists the files of that page's first load (tests/e2e/tools/first-load.mjs
//               compares them with what Chromium fetches)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotli, gzip } from './compress.mjs';

const args = process.argv.slice(2);
const report = args.includes('--report');
const listFiles = args.includes('--files');
const pageArg = args.indexOf('--page');
const onePage = pageArg >= 0 ? args[pageArg + 1] : null;
const dist = args.find((a, i) => !a.startsWith('--') && !(pageArg >= 0 && i === pageArg + 1)) || 'dist';
const budget = JSON.parse(readFileSync(new URL('../budget.json', import.meta.url)));
const KINDS = ['gzip', 'brotli'];
const problems = [];

const fail = (why) => {
  console.error(`budget: ${why}`);
  process.exit(1);
};
if (!existsSync(join(dist, 'index.html'))) fail(`no ${dist}/index.html — build it first`);
const html = readFileSync(join(dist, 'index.html'), 'utf8');

// A URL as the page writes it (`/x.js`, `./x.js`, `x.js`, under a sub-path or not) → the
// dist file, when there is one.
const inDist = new Set(readdirSync(dist));
const file = (url) => {
  const name = url.split(/[?#]/)[0].split('/').pop();
  return inDist.has(name) ? name : null;
};

// ---------- what every page loads ----------
const shared = new Set(['index.html']);
const named = [...html.matchAll(/\b(?:src|href)=["']?([^"'\s>]+)/g)].map((m) => file(m[1]));
for (const f of named) if (f && /\.(js|css|wasm)$/.test(f)) shared.add(f);
// Modules imported by those (statically): `import … from "./x.js"`.
for (const f of [...shared]) {
  if (!f.endsWith('.js')) continue;
  const text = readFileSync(join(dist, f), 'utf8');
  for (const m of text.matchAll(/\bimport\s[^;'"]*?from\s*["']([^"']+)["']/g)) {
    const g = file(m[1]);
    if (g && !shared.has(g)) shared.add(g);
  }
}
if (![...shared].some((f) => f.endsWith('.wasm'))) fail(`index.html names no .wasm in ${dist}/ — build it first`);

// ---------- what each lazy page adds ----------
// index.html's #vitrina-chunks, `{"#": hash, page: "14-45,47"}`, is the one list of each
// page's files: the chunk_<n>-<hash>.wasm of those runs and its own split_<page>-<hash>.wasm.
// public/early.js preloads them and the loader module (tools/split-bindgen writes it) loads
// them: `const H = "-<hash>.wasm"` and `export const __wasm_split_load_<page> = page("<page>")`
// for every page listed, no other.
const pages = new Map(); // page → Set of its files
const loader = [...shared].find((f) => /-split-[0-9a-f]+\.js$/.test(f));
if (loader) {
  const text = readFileSync(join(dist, loader), 'utf8');
  const block = /<script id=["']?vitrina-chunks["']?[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!block) fail(`index.html has no #vitrina-chunks, which ${loader} reads`);
  const list = JSON.parse(block[1]);
  const end = `-${list['#']}.wasm`;
  if (!text.includes(`const H = "${end}";`)) fail(`${loader} is not of the build index.html lists (${end}), or its shape changed: update scripts/budget.mjs`);
  const exported = [...text.matchAll(/export const __wasm_split_load_(\w+) = page\("(\w+)"\)/g)];
  if (exported.some((m) => m[1] !== m[2]) || (text.match(/export /g) || []).length !== exported.length) {
    fail(`${loader}: not every export is a __wasm_split_load_<page> = page("<page>"): its shape changed, update scripts/budget.mjs`);
  }
  const listed = Object.keys(list).filter((k) => k !== '#');
  const names = exported.map((m) => m[1]);
  const onlyListed = listed.filter((p) => !names.includes(p));
  const onlyLoaded = names.filter((p) => !listed.includes(p));
  if (onlyListed.length || onlyLoaded.length) {
    problems.push(`index.html's #vitrina-chunks and ${loader} disagree: listed, not loaded [${onlyListed.join(' ')}]; ` +
      `loaded, not listed [${onlyLoaded.join(' ')}]`);
  }
  for (const page of names) {
    const files = new Set();
    for (const run of (list[page] || '').split(',').filter(Boolean)) {
      const [a, b = a] = run.split('-').map(Number);
      if (!(a <= b)) fail(`page ${page}: the run ${run} is not <n> or <a>-<b>`);
      for (let n = a; n <= b; n++) files.add(`chunk_${n}${end}`);
    }
    files.add(`split_${page}${end}`);
    for (const f of files) if (!inDist.has(f)) fail(`page ${page} needs ${f}, which is not in ${dist}/`);
    pages.set(page, files);
  }
}
pages.set('catalog', new Set());

// ---------- bytes ----------
const measured = new Map();
const measure = (f) => {
  if (!measured.has(f)) {
    const bytes = readFileSync(join(dist, f));
    measured.set(f, { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length });
  }
  return measured.get(f);
};
const total = (files) => {
  const t = { files: files.size, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ['raw', ...KINDS]) t[k] += measure(f)[k];
  return t;
};
const n = (v) => v.toLocaleString('en-US');
const pad = (v, w) => String(v).padStart(w);
const row = (name, r) => `  ${name.padEnd(42)} ${pad(n(r.raw), 10)} B ${pad(n(r.gzip), 9)} gz ${pad(n(r.brotli), 9)} br`;

console.log(`first load of ${dist}/ (gzip -9, brotli -q 11)`);
console.log('every page:');
for (const f of [...shared].sort()) console.log(row(f, measure(f)));
const base = total(shared);
console.log(row(`shared (${shared.size} files)`, base));

const tolerance = Number(budget.tolerance ?? 0);
const ceilings = budget.pages || {};
console.log(`each page: the shared part + its chunks; ceiling per budget.json, over it by more than ${n(tolerance)} B fails`);
console.log(`  ${'page'.padEnd(16)} ${pad('chunks', 6)} ${pad('+gz', 9)} ${pad('first load gz', 14)} ${pad('ceiling', 9)} ${pad('headroom', 9)}  ${pad('+br', 9)} ${pad('first load br', 14)} ${pad('ceiling', 9)} ${pad('headroom', 9)}`);
const order = [...pages.keys()].sort((a, b) => (a === 'catalog' ? -1 : b === 'catalog' ? 1 : a.localeCompare(b)));
for (const page of order) {
  const own = total(pages.get(page));
  const ceiling = ceilings[page];
  const cells = KINDS.map((k) => {
    const first = base[k] + own[k];
    const c = ceiling?.[k];
    if (typeof c !== 'number') {
      problems.push(`page ${page} has no ${k} ceiling in budget.json (first load ${n(first)} B)`);
      return `${pad(n(own[k]), 9)} ${pad(n(first), 14)} ${pad('—', 9)} ${pad('—', 9)}`;
    }
    const headroom = c + tolerance - first;
    if (headroom < 0) {
      problems.push(`page ${page}: first load is ${n(first)} B ${k}, over its ceiling of ${n(c)} B by ${n(first - c)} B (tolerance ${n(tolerance)} B)`);
    } else if (first < c - tolerance) {
      console.log(`  note: ${page} is ${n(c - first)} B ${k} under its ceiling — lower it in budget.json`);
    }
    return `${pad(n(own[k]), 9)} ${pad(n(first), 14)} ${pad(n(c), 9)} ${pad(n(headroom), 9)}`;
  });
  console.log(`  ${page.padEnd(16)} ${pad(own.files, 6)} ${cells.join('  ')}`);
}
for (const page of Object.keys(ceilings)) {
  if (!pages.has(page)) problems.push(`budget.json has a ceiling for page ${page}, which the build does not have`);
}
if (listFiles) {
  console.log('lazy chunks:');
  const chunks = new Set([...pages.values()].flatMap((s) => [...s]));
  for (const f of [...chunks].sort()) console.log(row(f, measure(f)));
}
if (onePage) {
  if (!pages.has(onePage)) fail(`no page ${onePage}; the pages: ${order.join(', ')}`);
  console.log(`files of page ${onePage}'s first load:`);
  for (const f of [...shared, ...pages.get(onePage)].sort()) console.log(`    ${f}`);
}
console.log('headroom = ceiling + tolerance − first load');
if (problems.length && !report) {
  for (const p of problems) console.error(`budget: ${p}`);
  if (problems.some((p) => /ceiling/.test(p))) {
    console.error('budget: cut bytes, or change budget.json in a commit that says why and by how much');
  }
  process.exit(1);
}
for (const p of problems) console.log(`  (${p})`);
console.log(report ? 'budget: reported' : 'budget: every page within its ceiling');
