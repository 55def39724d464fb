// Catalog page timings in Chromium: bytes over the wire, LCP, and a page change → paint,
// unthrottled and at 4× CPU throttling. Prints numbers; asserts nothing.
import { launch } from './browser.js';

const APP_URL = process.env.APP_URL;
const RUNS = Number(process.env.RUNS || 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function measure(browser, throttle) {
  const lcps = [];
  const bytes = [];
  const clicks = [];
  const filters = [];
  const chips = [];
  const addsDom = [];
  const filtersBack = [];
  const addsFrame = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e) => {
      transferred += e.encodedDataLength;
    });
    await page.addInitScript(() => {
      window.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__lcp = e.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${APP_URL}/catalog`, { waitUntil: 'networkidle' });
    await page.getByTestId('product-card').first().waitFor();
    await page.waitForTimeout(200);
    lcps.push(await page.evaluate(() => window.__lcp));
    bytes.push(transferred);

    // Page change: click → the new first card painted.
    const before = await page.getByTestId('product-name').first().textContent();
    const t = await page.evaluate(
      (prev) =>
        new Promise((resolve) => {
          const start = performance.now();
          const obs = new MutationObserver(() => {
            const el = document.querySelector('[data-testid=product-name]');
            if (el && el.textContent !== prev) {
              obs.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - start));
            }
          });
          obs.observe(document.body, { childList: true, subtree: true, characterData: true });
          document.querySelector('a[rel=next]').click();
        }),
      before,
    );
    clicks.push(t);

    // Filter click: «Только в наличии» ticked → first the shopper sees the filter taken
    // (its chip), then the new 24 cards and count.
    await page.getByTestId('product-card').nth(23).waitFor();
    const countBefore = await page.getByTestId('result-count').textContent();
    const f = await page.evaluate(
      (prev) =>
        new Promise((resolve) => {
          const start = performance.now();
          let chip = 0;
          const obs = new MutationObserver(() => {
            const chips = document.querySelector('[data-testid=filter-chips]');
            if (!chip && chips && chips.textContent.includes('В наличии')) chip = performance.now() - start;
            const el = document.querySelector('[data-testid=result-count]');
            if (el && el.textContent !== prev && document.querySelectorAll('[data-testid=product-card]').length === 24) {
              obs.disconnect();
              requestAnimationFrame(() => resolve({ chip, cards: performance.now() - start }));
            }
          });
          obs.observe(document.body, { childList: true, subtree: true, characterData: true });
          document.querySelector('[data-testid=filter-in-stock]').click();
        }),
      countBefore,
    );
    filters.push(f.cards);
    chips.push(f.chip);

    // The same filter toggled off again: the view seen a moment ago (answered from memory).
    await page.getByTestId('product-card').nth(23).waitFor();
    await page.waitForTimeout(200);
    const countOn = await page.getByTestId('result-count').textContent();
    const back = await page.evaluate(
      (prev) =>
        new Promise((resolve) => {
          const start = performance.now();
          const obs = new MutationObserver(() => {
            const el = document.querySelector('[data-testid=result-count]');
            if (el && el.textContent !== prev && document.querySelectorAll('[data-testid=product-card]').length === 24) {
              obs.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - start));
            }
          });
          obs.observe(document.body, { childList: true, subtree: true, characterData: true });
          document.querySelector('[data-testid=filter-in-stock]').click();
        }),
      countOn,
    );
    filtersBack.push(back);

    // Add to cart (as a guest): click → the header badge shows one more. `dom` is when
    // the badge text changed, `frame` the next animation frame after it (painted).
    await page.waitForTimeout(300);
    for (let k = 0; k < 5; k++) {
      const a = await page.evaluate(
        (k) =>
          new Promise((resolve) => {
            const badge = document.querySelector('[data-testid=cart-badge]');
            const prev = badge.textContent;
            const start = performance.now();
            const obs = new MutationObserver(() => {
              if (badge.textContent !== prev) {
                obs.disconnect();
                const dom = performance.now() - start;
                requestAnimationFrame(() => resolve({ dom, frame: performance.now() - start }));
              }
            });
            obs.observe(badge, { childList: true, subtree: true, characterData: true });
            document.querySelectorAll('[data-testid=add-to-cart]')[k].click();
          }),
        k,
      );
      addsDom.push(a.dom);
      addsFrame.push(a.frame);
      await page.waitForTimeout(150);
    }
    await context.close();
  }
  return { lcp: median(lcps), bytes: median(bytes), click: median(clicks), filter: median(filters), chip: median(chips), back: median(filtersBack), addDom: median(addsDom), addFrame: median(addsFrame) };
}

const browser = await launch();
for (const throttle of [1, 4]) {
  const r = await measure(browser, throttle);
  console.log(
    `CPU ×${throttle}: first load ${(r.bytes / 1024).toFixed(1)} KiB transferred, ` +
      `LCP ${r.lcp.toFixed(0)} ms, next-page click → paint ${r.click.toFixed(1)} ms, ` +
      `filter click → chip shown ${r.chip.toFixed(1)} ms, → 24 new cards painted ${r.filter.toFixed(1)} ms, ` +
      `filter toggled off again → cards painted ${r.back.toFixed(1)} ms, ` +
      `add-to-cart click → badge text ${r.addDom.toFixed(1)} ms, → next frame ${r.addFrame.toFixed(1)} ms ` +
      `(median of ${RUNS})`,
  );
}
await browser.close();
