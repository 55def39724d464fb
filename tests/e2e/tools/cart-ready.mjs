// Issue 23: how soon «В корзину» works on a phone, prerendered or not. For each build
// (label=base URL) and page, RUNS cold loads in Chromium with Lighthouse's applied mobile
// throttling (slow 4G: 562.5 ms round trip, 1.47 Mbit/s down; CPU 4× slower; 412×823):
//   shown — a «В корзину» button is on screen (on a prerendered page early.js takes a press
//           from then on and says «Добавляем…»);
//   FCP, LCP — first and largest paint as Chromium reports them (LCP until «works»);
//   works — the app's own button is on screen (the app adds at once);
// then the button is pressed and the cart badge must say 1 (else the row says FAILED).
// Medians, in ms from navigation start. Reports, never asserts.
//   RUNS=5 node tests/e2e/tools/cart-ready.mjs csr=http://127.0.0.1:19080 app=http://127.0.0.1:19082
import { launch } from './browser.js';

const runs = Number(process.env.RUNS || 5);
const builds = process.argv.slice(2).map((a) => a.split(/=(.*)/s).slice(0, 2));
const pages = [
  ['product', process.env.PRODUCT_PATH || '/product/00000000-0000-4000-a000-000000000001'],
  ['catalog', '/catalog'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
console.log(`== «В корзину» on a phone (slow 4G, 4× CPU), median of ${runs}, ms from navigation`);
console.log('  page      build      FCP     LCP   shown   works   added');
try {
  for (const [name, path] of pages) {
    for (const [label, base] of builds) {
      const rows = [];
      for (let i = 0; i < runs; i++) {
        const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.addInitScript(() => {
          const m = (self.__ready = { fcp: 0, lcp: 0, shown: 0, works: 0 });
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) m.lcp = Math.round(e.startTime);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') m.fcp = Math.round(e.startTime);
          }).observe({ type: 'paint', buffered: true });
          const visible = (b) => b && b.offsetParent !== null;
          const tick = () => {
            const buttons = [...document.querySelectorAll('[data-testid=add-to-cart]')].filter(visible);
            if (!m.shown && buttons.length) m.shown = Math.round(performance.now());
            if (!m.works && buttons.some((b) => !b.closest('#prerendered'))) m.works = Math.round(performance.now());
            if (!m.works) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        await page.goto(`${base}${path}`);
        await page.waitForFunction(() => self.__ready.works > 0, null, { timeout: 60000 });
        const m = await page.evaluate(() => self.__ready);
        // Works: the first card's (or the product's) button puts one in the cart.
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await page.locator('[data-testid=add-to-cart]:visible').first().click();
        const added = await page
          .waitForFunction(() => [...document.querySelectorAll('[data-testid=cart-badge]')].some((b) => b.textContent.trim() === '1'), null, { timeout: 10000 })
          .then(() => true, () => false);
        rows.push({ ...m, added });
        await ctx.close();
      }
      const col = (k) => String(median(rows.map((r) => r[k]))).padStart(7);
      const ok = rows.every((r) => r.added) ? 'yes' : `FAILED ${rows.filter((r) => !r.added).length}/${runs}`;
      console.log(`  ${name.padEnd(9)} ${label.padEnd(6)} ${col('fcp')} ${col('lcp')} ${col('shown')} ${col('works')}   ${ok}`);
    }
  }
} finally {
  await browser.close();
}
