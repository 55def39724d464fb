// Spike (issue 23): render-then-swap measured. For each URL, N cold loads at Lighthouse's
// mobile viewport with 4× CPU slowdown: first contentful paint, largest contentful paint,
// layout shift (sum), when the app swapped in (#prerendered gone), whether the product's
// title was on screen at every sample after the first paint, and «В корзину» working.
//   node tools/swap-measure.mjs 5 http://127.0.0.1:18932/product/ID http://127.0.0.1:18933/product/ID
import { launch } from './browser.js';

const runs = Number(process.argv[2]);
const urls = process.argv.slice(3);
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const url of urls) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__m = { cls: 0, shifts: [], lcp: 0, fcp: 0, swap: null, blank: 0, blankAt: [], samples: 0 };
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) { window.__m.cls += e.value; window.__m.shifts.push([Math.round(e.startTime), e.value.toFixed(4)]); }
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__m.lcp = Math.round(e.startTime); })
        .observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__m.fcp = Math.round(e.startTime); })
        .observe({ type: 'paint', buffered: true });
      // Every frame after the first paint: is a product title visible?
      const tick = () => {
        const m = window.__m;
        if (m.fcp) {
          m.samples++;
          const t = [...document.querySelectorAll('[data-testid=product-title]')].find((e) => e.offsetParent !== null);
          if (!t) { m.blank++; m.blankAt.push(Math.round(performance.now())); }
        }
        if (m.swap === null && document.readyState !== 'loading' && !document.getElementById('prerendered') && document.getElementById('app')) m.swap = Math.round(performance.now());
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    const m = await page.evaluate(() => window.__m);
    // The app is live: «В корзину» puts the product in the cart.
    let cart = 'n/a';
    const btn = page.locator('[data-testid=add-to-cart]:visible');
    if (await btn.count()) {
      await btn.first().click();
      try {
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=cart-badge]')].some((b) => b.offsetParent !== null && b.textContent.trim() !== '0'), null, { timeout: 5000 });
        cart = 'ok';
      } catch { cart = 'FAILED'; }
    }
    rows.push({ ...m, cart });
    await ctx.close();
  }
  console.log(url);
  for (const r of rows) console.log(`  fcp ${r.fcp} lcp ${r.lcp} swap ${r.swap} cls ${r.cls.toFixed(4)} frames-without-title ${r.blank}/${r.samples} at ${JSON.stringify(r.blankAt)} cart ${r.cart} shifts ${JSON.stringify(r.shifts)}`);
  console.log(`  median: fcp ${median(rows.map((r) => r.fcp))} lcp ${median(rows.map((r) => r.lcp))} swap ${median(rows.map((r) => r.swap ?? -1))} cls ${median(rows.map((r) => r.cls)).toFixed(4)}`);
}
await browser.close();
