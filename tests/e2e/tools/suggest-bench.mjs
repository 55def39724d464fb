// Issue 25, point 3, measured: the listing requests sent while typing «протеин» at 8
// characters a second (counted at the stub), and how long the suggestion list takes to
// appear after its answer has arrived (the answer's responseEnd → the first product option
// in the DOM), unthrottled and at 4× CPU. Prints numbers; asserts nothing.
// Usage: APP_URL=… STUB_URL=… node tests/e2e/tools/suggest-bench.mjs
import { launch } from './browser.js';

const APP_URL = process.env.APP_URL;
const STUB_URL = process.env.STUB_URL;
const RUNS = Number(process.env.RUNS || 5);
const LISTING = 'GET /commerce/api/v1/products';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const listings = async () => {
  const r = await fetch(`${STUB_URL}/__control/counters`).then((x) => x.json());
  return r.requests[LISTING] || 0;
};

async function catalog(browser, throttle) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(`${APP_URL}/catalog`);
  await page.locator('[data-testid="product-card"]').first().waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

async function typeAt(page, text, perSecond) {
  await page.locator('#site-search').focus();
  await page.getByRole('combobox').waitFor();
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(1000 / perSecond);
  }
}

async function measure(browser, throttle) {
  const counts = [];
  const shown = [];
  for (let i = 0; i < RUNS; i++) {
    await fetch(`${STUB_URL}/__control/reset`, { method: 'POST' });
    let page = await catalog(browser, throttle);
    const before = await listings();
    await typeAt(page, 'протеин', 8);
    await page.waitForTimeout(1200);
    await page.waitForLoadState('networkidle');
    counts.push((await listings()) - before);
    await page.close();

    page = await catalog(browser, throttle);
    await page.evaluate(() => {
      window.__shown = null;
      new MutationObserver(() => {
        if (window.__shown === null && [...document.querySelectorAll('#site-suggest [role=option]')].some((o) => o.textContent.includes('₽'))) {
          window.__shown = performance.now();
        }
      }).observe(document.body, { subtree: true, childList: true });
    });
    await typeAt(page, 'газов', 8);
    await page.waitForFunction(() => window.__shown !== null);
    const delay = await page.evaluate(() => {
      const answer = performance
        .getEntriesByType('resource')
        .filter((e) => /\/products\?.*pageSize=5/.test(e.name))
        .pop();
      return answer ? window.__shown - answer.responseEnd : NaN;
    });
    shown.push(delay);
    await page.close();
  }
  return { counts, shown };
}

const browser = await launch();
try {
  for (const throttle of [1, 4]) {
    const { counts, shown } = await measure(browser, throttle);
    console.log(
      `suggestions at ${throttle}x CPU (${RUNS} runs): listing requests while typing «протеин» at 8 chars/s ` +
        `max ${Math.max(...counts)} (${counts.join(' ')}); list shown after its answer arrived, median ` +
        `${median(shown).toFixed(0)} ms, max ${Math.max(...shown).toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
}
