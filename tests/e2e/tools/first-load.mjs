// The files of the app a cold first visit to a page fetches, as headless Chromium saw them —
// to set beside what scripts/budget.mjs computes for that page from the build output.
// Usage (a served dist/ with its stub):
//   node tools/first-load.mjs http://127.0.0.1:18080/product/<id> [dist]
// Prints each .html/.js/.css/.wasm response of the app's origin until the network is idle,
// and, given the dist, compares them with `node scripts/budget.mjs <dist> --page <name>`'s
// list: fetched but not counted, counted but not fetched.
import { execFileSync } from 'node:child_process';
import { launch } from './browser.js';

const [url, dist] = process.argv.slice(2);
const origin = new URL(url).origin;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const seen = [];
page.on('response', (r) => {
  const u = new URL(r.url());
  if (u.origin !== origin) return;
  // The page itself is index.html, whatever its path (the SPA fallback).
  const file = r.request().resourceType() === 'document' ? 'index.html' : u.pathname.split('/').pop();
  if (/\.(html|js|css|wasm)$/.test(file)) seen.push({ file, status: r.status(), type: r.request().resourceType() });
});
await page.goto(url, { waitUntil: 'networkidle' });
// Idle prefetches (early.js fetches the product page's chunks once a page has loaded) come
// after `load`: wait for them too, and tell them apart below.
await page.waitForTimeout(1500);
const hints = await page.evaluate(() =>
  [...document.querySelectorAll('link[rel=prefetch]')].map((l) => l.href.split('/').pop()),
);
await browser.close();

const files = [...new Set(seen.map((s) => s.file))].sort();
console.log(`${files.length} files of ${origin} fetched for ${url}:`);
for (const s of seen) console.log(`  ${String(s.status).padStart(3)} ${s.type.padEnd(10)} ${s.file}${hints.includes(s.file) ? '  (idle prefetch)' : ''}`);
if (dist) {
  const name = /\/product\//.test(url) ? 'product' : process.env.PAGE;
  const out = execFileSync('node', [new URL('../../../scripts/budget.mjs', import.meta.url).pathname, dist, '--report', '--page', name], { encoding: 'utf8' });
  const counted = out.split('\n').filter((l) => l.startsWith('    ')).map((l) => l.trim().split(/\s+/)[0]);
  const extra = files.filter((f) => !counted.includes(f));
  const notCounted = extra.filter((f) => !hints.includes(f));
  const prefetched = extra.filter((f) => hints.includes(f));
  const notFetched = counted.filter((f) => !files.includes(f));
  console.log(`budget.mjs counts ${counted.length} files for page ${name}; the browser fetched ${files.length - prefetched.length} of the app's files, and ${prefetched.length} more as idle prefetches for the product page`);
  console.log(`  fetched, not counted (no prefetch): ${notCounted.length ? notCounted.join(' ') : 'none'}`);
  console.log(`  counted, not fetched: ${notFetched.length ? notFetched.join(' ') : 'none'}`);
}
