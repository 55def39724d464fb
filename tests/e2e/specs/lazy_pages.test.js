// Every page but the catalog is a lazy chunk of the release build (src/components/lazy.rs):
// a page opened directly fetches its chunk beside the main module (public/early.js), a page
// reached inside the app fetches it on the way, and a chunk that fails to load is told to the
// shopper with «Повторить» — the app keeps running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, SUB_APP_URL, plain, slowWasmPage, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const PRODUCT = '00000000-0000-4000-a000-000000000041';

for (const [name, base] of [['at /', APP_URL], ['under a sub-path', SUB_APP_URL]]) {
  test(`${name}, a product page opened directly fetches its code beside the main module, once`, async () => {
    const { page, log } = await slowWasmPage(browser);
    await page.goto(`${base}/product/${PRODUCT}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(plain(await page.getByRole('heading', { level: 1 }).textContent()), /Севкабель/);
    const chunk = log.requests.filter((r) => /\/split_product-[0-9a-f]+\.wasm$/.test(r.url));
    assert.equal(chunk.length, 1, 'the app used the early fetch of its chunk');
    assert.ok(chunk[0].at < log.wasmDone, 'the chunk left before the main module was in');
    assert.ok(chunk[0].url.startsWith(base), chunk[0].url);
    // The module that loads the chunks is hinted in index.html (otherwise it is found only
    // once the main module's JS is parsed, and queued behind the chunks), and asked for once.
    assert.equal(await page.locator('link[rel=modulepreload][href*="-split-"]').count(), 1);
    const loader = log.requests.filter((r) => /\/vitrina-split-[0-9a-f]+\.js$/.test(r.url));
    assert.equal(loader.length, 1);
    await page.context().close();
  });
}

test('the catalog loads no page chunk to be drawn; then, idle, the product page’s, which opening a product reuses', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  const wasm = [];
  page.on('request', (r) => {
    if (/\.wasm$/.test(r.url())) wasm.push(r.url().replace(/.*\//, '').replace(/-[0-9a-f]+/, ''));
  });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  assert.equal(wasm[0], 'vitrina_bg.wasm');
  // Loaded and idle: the product page's chunks come in the background.
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => /\/split_product-[0-9a-f]+\.wasm$/.test(e.name) && e.responseEnd > 0));
  assert.ok(wasm.includes('split_product.wasm'), wasm.join(' '));
  assert.ok(!wasm.some((f) => /^split_(cart|home|category|signin)/.test(f)), wasm.join(' '));
  // No routing in this test: it would turn the HTTP cache off.
  await page.getByTestId('product-card').first().getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForURL(/\/product\//);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/split_product-[0-9a-f]+\.wasm$/.test(e.name) && e.initiatorType === 'fetch')
    .map((e) => e.transferSize));
  assert.deepEqual(fetched, [0], 'the product page’s code came from the cache, not the network');
  await page.context().close();
});

test('a page whose code fails to load says so, and «Повторить» loads it', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let refused = 0;
  await page.route(/\/split_cart-[0-9a-f]+\.wasm$/, async (route) => {
    if (refused++ === 0) await route.abort('internetdisconnected');
    else await route.continue();
  });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  await page.getByRole('link', { name: /Корзина/ }).click();
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  // The file is there when the app asks again (the route lets the second request through):
  // the page's code did not load — not a lost connection, not a new version of the shop.
  assert.match(plain(await panel.innerText()), /^Страница не загрузилась Код этой страницы не загрузился/);
  assert.equal(await panel.getAttribute('data-kind'), 'chunk');
  assert.equal(await page.getByTestId('lazy-wait').count(), 0, 'no loading line beside the error');
  // The rest of the app still works: the header is there and answers.
  assert.ok(await page.getByRole('link', { name: /Корзина/ }).isVisible());
  await panel.getByRole('button', { name: 'Повторить' }).click();
  await page.getByRole('heading', { level: 1, name: 'Корзина' }).waitFor();
  assert.equal(await page.getByTestId('error-panel').count(), 0);
  assert.equal(refused, 3, 'one refused load, the app asking again why, one retry');
  assert.deepEqual(errors.filter((m) => /RuntimeError|unreachable/.test(m)), []);
  assert.equal(await page.locator('#crash').count(), 0, 'no crash notice');
  await page.context().close();
});
