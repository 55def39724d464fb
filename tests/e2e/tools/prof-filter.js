// Ad-hoc profiler: CPU profile of the «в наличии» filter click on /catalog at 4× CPU.
import { launch } from './browser.js';
const APP_URL = process.env.APP_URL;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE || 4) });
await page.goto(`${APP_URL}/catalog`, { waitUntil: 'networkidle' });
await page.getByTestId('product-card').nth(23).waitFor();
await page.waitForTimeout(300);
if (process.env.PRE_NEXT) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.evaluate(() => document.querySelector('a[rel=next]').click());
  await page.getByTestId('product-card').nth(23).waitFor();
}
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const countBefore = await page.getByTestId('result-count').textContent();
const f = await page.evaluate((prev) => new Promise((resolve) => {
  performance.clearResourceTimings();
  const start = performance.now();
  let chip = 0;
  const obs = new MutationObserver(() => {
    const chips = document.querySelector('[data-testid=filter-chips]');
    if (!chip && chips && chips.textContent.includes('В наличии')) chip = performance.now() - start;
    const el = document.querySelector('[data-testid=result-count]');
    if (el && el.textContent !== prev && document.querySelectorAll('[data-testid=product-card]').length === 24) {
      obs.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => resolve({ chip, dom, cards: performance.now() - start,
        res: performance.getEntriesByType('resource').map(r => ({ n: r.name.slice(0, 120), s: r.startTime - start, rs: r.responseStart - start, e: r.responseEnd - start })) }));
    }
  });
  obs.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.querySelector('[data-testid=filter-in-stock]').click();
}), countBefore);
const { profile } = await cdp.send('Profiler.stop');
console.log(JSON.stringify({ chip: f.chip, dom: f.dom, cards: f.cards }), '\n', f.res);
// self time per function
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dts = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}`;
  self.set(key, (self.get(key) || 0) + (dts[i + 1] || 0) / 1000);
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 40));
for (const [k, v] of top) console.log(v.toFixed(2).padStart(8), k.slice(0, 150));
// inclusive time per function (each sample counted once per distinct function on its stack)
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const seen = new Set();
  let id = profile.samples[i];
  while (id !== undefined) {
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || '(anon)'}`;
    if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) || 0) + (dts[i + 1] || 0) / 1000); }
    id = parent.get(id);
  }
}
console.log('--- inclusive');
for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOPI || 60))) console.log(v.toFixed(2).padStart(8), k.slice(0, 170));
// call tree below the first node whose name contains FOCUS
if (process.env.FOCUS) {
  const total = new Map();
  const selfT = new Map();
  for (let i = 0; i < profile.samples.length; i++) selfT.set(profile.samples[i], (selfT.get(profile.samples[i]) || 0) + (dts[i + 1] || 0) / 1000);
  const incl = (id) => { if (total.has(id)) return total.get(id); const n = byId.get(id); let t = selfT.get(id) || 0; for (const c of n.children || []) t += incl(c); total.set(id, t); return t; };
  const roots = profile.nodes.filter((n) => n.callFrame.functionName.includes(process.env.FOCUS));
  const print = (id, depth) => { const n = byId.get(id); const t = incl(id); if (t < Number(process.env.MIN || 0.5) || depth > Number(process.env.DEPTH || 12)) return;
    console.log(' '.repeat(depth) + t.toFixed(1) + ' ' + n.callFrame.functionName.replace(/::h[0-9a-f]{16}/g, '').slice(0, 140));
    for (const c of (n.children || []).sort((a, b) => incl(b) - incl(a))) print(c, depth + 1); };
  for (const r of roots) { console.log('=== root'); print(r.id, 0); }
}
await browser.close();
