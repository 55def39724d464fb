// Issue 25, point 1, measured: /favorites with 200 favorites on the device — the product
// reads it sends (GET /products/:id) and how long until its first rows stand with live price
// and stock, unthrottled and at 4× CPU; then «Показать ещё» until all 200 are read: requests,
// most at once, and the time the pace (≤ 100 reads in any 60 s) makes it take. Prints numbers;
// asserts nothing. Usage: APP_URL=… STUB_URL=… node tests/e2e/tools/favorites-bench.mjs
import { launch } from './browser.js';

const APP_URL = process.env.APP_URL;
const STUB_URL = process.env.STUB_URL;
const API = `${STUB_URL}/commerce/api/v1`;
const RUNS = Number(process.env.RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const favs = [];
for (const page of [1, 2]) {
  const body = await fetch(`${API}/products?page=${page}&pageSize=100`).then((r) => r.json());
  favs.push(...body.data.products.map((p) => ({ id: p.id, name: p.name })));
}
const record = JSON.stringify({ v: 1, data: favs.slice(0, 200) });

async function open(browser, throttle) {
  await fetch(`${STUB_URL}/__control/reset`, { method: 'POST' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript((value) => localStorage.setItem('vitrina.favorites', value), record);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const log = { reads: 0, now: 0, most: 0, at: [], limited: 0 };
  const mine = (r) => r.url().startsWith(API) && /\/products\/[^/?]+$/.test(new URL(r.url()).pathname);
  page.on('request', (r) => {
    if (!mine(r)) return;
    log.reads += 1;
    log.at.push(Date.now());
    log.now += 1;
    log.most = Math.max(log.most, log.now);
  });
  const done = (r) => mine(r) && (log.now -= 1);
  page.on('requestfinished', done);
  page.on('response', (r) => mine(r.request()) && r.status() === 429 && (log.limited += 1));
  page.on('requestfailed', done);
  await page.goto(`${APP_URL}/favorites`);
  return { page, log };
}

// `n` rows stand with what the live answer said (not «Загружаем цену и наличие…»).
const drawn = (page, n) =>
  page.waitForFunction(
    (want) => [...document.querySelectorAll('[data-testid=favorite-stock]')].filter((e) => !e.textContent.startsWith('Загружаем')).length >= want,
    n,
    { timeout: 180000 },
  );

const browser = await launch();
try {
  for (const throttle of [1, 4]) {
    const times = [];
    const reads = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, log } = await open(browser, throttle);
      await drawn(page, 24);
      times.push(await page.evaluate(() => performance.now()));
      await page.waitForLoadState('networkidle');
      reads.push(log.reads);
      await page.close();
    }
    console.log(`favorites, 200 on the device, ${throttle}× CPU, median of ${RUNS}: first 24 rows drawn ${Math.round(median(times))} ms after navigation, ${median(reads)} product reads`);
  }
  // All 200 read: «Показать ещё» pressed as soon as it is there.
  const { page, log } = await open(browser, 1);
  const t0 = Date.now();
  for (let shown = 24; shown < 200; shown = Math.min(200, shown + 24)) {
    await drawn(page, shown);
    await page.getByTestId('favorites-more').click();
  }
  await drawn(page, 200);
  const s = (i) => ((log.at[i] - log.at[0]) / 1000).toFixed(1);
  console.log(`favorites, all 200 read by «Показать ещё»: ${log.reads} product reads (${log.limited} answered 429), at most ${log.most} at once, ${((Date.now() - t0) / 1000).toFixed(1)} s; reads 100 and 101 left at ${s(99)} s and ${s(100)} s`);
  if (process.env.TRACE) console.log(log.at.map((t, i) => s(i)).join(" "));
  await page.close();
} finally {
  await browser.close();
}
