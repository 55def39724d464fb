// Lighthouse 12, mobile preset (simulated slow 4G and a 4× slower CPU), on the home,
// catalog and product pages of served builds: the median of RUNS runs beside the targets.
// Usage: RUNS=5 node tests/lighthouse/run.mjs http://127.0.0.1:19080
//        RUNS=5 node tests/lighthouse/run.mjs app=http://127.0.0.1:19080 csr=http://… floor=http://…
// With several builds (label=url) every page is measured on each, in one run: the app as it
// is served (prerendered pages taken over by the app), the same dist never prerendered (csr),
// and the static floor (the prerendered pages with their scripts removed).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const args = process.argv.slice(2);
const targets = (args.length ? args : ['http://127.0.0.1:19080']).map((a) => {
  const i = a.indexOf('=');
  return i > 0 && !a.startsWith('http') ? [a.slice(0, i), a.slice(i + 1)] : ['app', a];
});
const runs = Number(process.env.RUNS || 5);
const pages = [
  ['home', '/'],
  ['catalog', '/catalog'],
  ['product', '/product/00000000-0000-4000-a000-000000000001'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
console.log(`== Lighthouse 12, mobile preset, median of ${runs} (targets: score ≥ 90, LCP ≤ 1.3 × the static floor, TBT ≤ 100 ms, CLS ≤ 0.02)`);
console.log('  page      build     score    FCP      LCP      TBT     CLS');
try {
  for (const [name, path] of pages) {
    for (const [label, base] of targets) {
      const got = { score: [], fcp: [], lcp: [], tbt: [], cls: [] };
      for (let i = 0; i < runs; i++) {
        const r = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error' });
        const a = r.lhr.audits;
        got.score.push(Math.round(100 * (r.lhr.categories.performance.score || 0)));
        got.fcp.push(a['first-contentful-paint'].numericValue);
        got.lcp.push(a['largest-contentful-paint'].numericValue);
        got.tbt.push(a['total-blocking-time'].numericValue);
        got.cls.push(a['cumulative-layout-shift'].numericValue);
      }
      const s = (ms) => `${(median(ms) / 1000).toFixed(2)} s`.padStart(8);
      console.log(`  ${name.padEnd(9)} ${label.padEnd(8)} ${String(median(got.score)).padStart(5)} ${s(got.fcp)} ${s(got.lcp)} ${`${Math.round(median(got.tbt))} ms`.padStart(8)} ${median(got.cls).toFixed(3).padStart(7)}`);
    }
  }
} finally {
  await chrome.kill();
}
