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
// PAGES=home,product measures only those.
const pages = [
  ['home', '/'],
  ['catalog', '/catalog'],
  ['product', '/product/00000000-0000-4000-a000-000000000001'],
].filter(([name]) => !process.env.PAGES || process.env.PAGES.split(',').includes(name));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
console.log(`== Lighthouse 12, mobile preset, median of ${runs} (targets: score ≥ 90, LCP ≤ 1.3 × the static floor, TBT ≤ 100 ms, CLS ≤ 0.02)`);
console.log('  page      build     score    FCP      LCP      TBT     CLS');
try {
  for (const [name, path] of pages) {
    // The builds take turns run by run, so a machine busier for a while weighs on each alike.
    const got = Object.fromEntries(targets.map(([label]) => [label, { score: [], fcp: [], lcp: [], tbt: [], cls: [] }]));
    for (let i = 0; i < runs; i++) {
      for (const [label, base] of targets) {
        const r = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error' });
        const a = r.lhr.audits;
        const g = got[label];
        g.score.push(Math.round(100 * (r.lhr.categories.performance.score || 0)));
        g.fcp.push(a['first-contentful-paint'].numericValue);
        g.lcp.push(a['largest-contentful-paint'].numericValue);
        g.tbt.push(a['total-blocking-time'].numericValue);
        g.cls.push(a['cumulative-layout-shift'].numericValue);
      }
    }
    const s = (ms) => `${(median(ms) / 1000).toFixed(2)} s`.padStart(8);
    for (const [label] of targets) {
      const g = got[label];
      console.log(`  ${name.padEnd(9)} ${label.padEnd(8)} ${String(median(g.score)).padStart(5)} ${s(g.fcp)} ${s(g.lcp)} ${`${Math.round(median(g.tbt))} ms`.padStart(8)} ${median(g.cls).toFixed(3).padStart(7)}`);
    }
  }
} finally {
  await chrome.kill();
}
