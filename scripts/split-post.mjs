// Trunk post_build hook (before precompress.mjs): the lazy pages' chunks and the module
// that loads them, made by tools/split-bindgen in $VITRINA_SPLIT_DIR, moved into the dist
// beside the main module, each chunk through wasm-opt -Oz as trunk does the main one; and
// the list of each page's chunks written into index.html as a JSON data block (not a script:
// a strict CSP stays possible) for public/early.js, which fetches the current page's chunks
// beside the main module. That list is split-bindgen's manifest.json, `{"#": hash, page:
// "14-45,47"}`: the runs of chunk numbers, each file `chunk_<n>-<hash>.wasm`, and the page's
// own `split_<page>-<hash>.wasm` (chunks.json has the same files by name, 16 KB longer). Nothing to do in a build without the split
// (VITRINA_SPLIT_DIR unset).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = process.env.VITRINA_SPLIT_DIR;
const to = process.env.TRUNK_STAGING_DIR;
if (!from) process.exit(0);
if (!to || !existsSync(from)) {
  console.error(`split-post: nothing in ${from} or no TRUNK_STAGING_DIR`);
  process.exit(1);
}
const listed = JSON.parse(readFileSync(join(from, 'chunks.json'), 'utf8'));
// Only this build's files: the chunks chunks.json lists and the link module that loads them
// (never a leftover of an earlier build in the same directory).
const wanted = new Set(Object.values(listed).flat());
let chunks = 0;
for (const f of readdirSync(from).sort()) {
  if (f.endsWith('.wasm') && wanted.has(f)) {
    execFileSync('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', join(from, f), '-o', join(to, f)], { stdio: 'inherit' });
    chunks++;
  } else if (/-split-[0-9a-f]+\.js$/.test(f)) {
    copyFileSync(join(from, f), join(to, f));
  }
}
if (chunks !== wanted.size) {
  console.error(`split-post: chunks.json lists ${wanted.size} chunks, ${chunks} found in ${from}`);
  process.exit(1);
}
const manifest = JSON.stringify(JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')));
const html = join(to, 'index.html');
const page = readFileSync(html, 'utf8');
const early = /<script[^>]*\bsrc=[^>]*early-[0-9a-f]+\.js/.exec(page);
if (!early) {
  console.error('split-post: no early.js script in index.html');
  process.exit(1);
}
// The loader module is imported by the main module's JS: without a hint the browser finds
// it only once that JS is parsed, and then behind the chunks early.js preloads — measured
// at 4x CPU on a product page: fetched at ~900 ms instead of ~300 ms, the page drawn as
// much later.
const loader = readdirSync(to).find((f) => /-split-[0-9a-f]+\.js$/.test(f));
if (!loader) {
  console.error('split-post: no split loader module in the dist');
  process.exit(1);
}
const block = `<link crossorigin href=${loader} rel=modulepreload>` +
  `<script id=vitrina-chunks type=application/json>${manifest}</script>`;
writeFileSync(html, page.slice(0, early.index) + block + page.slice(early.index));
console.log(`split-post: ${chunks} chunks into ${to}`);
