// The first load without a waterfall: config.json and the page's first API requests leave
// while the app's wasm is still downloading (public/early.js), the app takes those answers
// instead of asking again, and a signed-in shopper's requests still carry the token. A crash
// of the app (a wasm trap: release panics are traps) is told to the shopper with a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, SUB_APP_URL, plain, signIn, slowWasmPage, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const PRODUCT = '00000000-0000-4000-a000-000000000041';

const matching = (log, re) => log.requests.filter((r) => re.test(r.url));

test('a guest’s catalog asks for its products and categories while the wasm downloads, once each', async () => {
  const { page, log } = await slowWasmPage(browser);
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  assert.match(plain(await page.getByTestId('result-count').textContent()), /^Найдено \d+ товар/);
  assert.equal(await page.getByTestId('product-card').count(), 24);
  const products = matching(log, /\/products\?page=1&pageSize=24$/);
  const categories = matching(log, /\/categories\?includeProducts=true$/);
  const config = matching(log, /\/config\.json$/);
  assert.equal(products.length, 1, 'the app took the early answer instead of asking again');
  assert.equal(categories.length, 1);
  assert.equal(config.length, 1, 'the preload, the early script and the app share one request');
  assert.ok(products[0].at < log.wasmDone, 'products were asked for before the wasm was in');
  assert.ok(categories[0].at < log.wasmDone);
  // The first row's images too, once each: the cards found them in the image cache.
  const firstRow = await page.$$eval('[data-testid=product-card] img', (imgs) => imgs.slice(0, 4).map((i) => i.src));
  assert.equal(firstRow.length, 4);
  for (const src of firstRow) {
    const asked = log.requests.filter((r) => r.url === src);
    assert.equal(asked.length, 1, src);
    assert.ok(asked[0].at < log.wasmDone, `${src} was asked for before the wasm was in`);
  }
  await page.context().close();
});

test('a product page asks for its product while the wasm downloads and shows it', async () => {
  const { page, log } = await slowWasmPage(browser);
  await page.goto(`${APP_URL}/product/${PRODUCT}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.ok(plain(await page.getByRole('heading', { level: 1 }).textContent()).length > 3);
  const asked = matching(log, new RegExp(`/products/${PRODUCT}$`));
  assert.equal(asked.length, 1);
  assert.ok(asked[0].at < log.wasmDone);
  // Its main photo too, once, found by the gallery in the image cache.
  const photo = await page.getByTestId('gallery-image').getAttribute('src');
  const photoAsked = log.requests.filter((r) => r.url === photo);
  assert.equal(photoAsked.length, 1, photo);
  assert.ok(photoAsked[0].at < log.wasmDone, `${photo} was asked for before the wasm was in`);
  await page.context().close();
});

test('under a sub-path the early requests still match the app’s own', async () => {
  const { page, log } = await slowWasmPage(browser);
  await page.goto(`${SUB_APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  const products = matching(log, /\/products\?page=1&pageSize=24$/);
  assert.equal(products.length, 1);
  assert.ok(products[0].at < log.wasmDone);
  assert.equal(matching(log, /\/shop\/config\.json$/).length, 1);
  await page.context().close();
});

test('a signed-in shopper’s first requests are the app’s own, with the token', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/signin`);
  await signIn(page, '9990000001');
  await page.getByTestId('user-name').waitFor();
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), auth: r.headers().authorization }));
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  const products = requests.filter((r) => /\/products\?page=1&pageSize=24$/.test(r.url));
  assert.equal(products.length, 1);
  assert.match(products[0].auth || '', /^Bearer \S+/);
  await page.context().close();
});

test('when the app stops on a crash the shopper is told and can reload with the cart kept', async () => {
  // Both thrown on purpose below: the trap and a script error that is not the app's.
  browser.expectPageErrors(/^unreachable$/, /^someone else$/);
  const page = await browser.page({ viewport: { width: 412, height: 823 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('add-to-cart').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.textContent.trim() === '1');
  // What a Rust panic is in the release build: a WebAssembly trap thrown out of a handler.
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  const alert = page.getByRole('alert').filter({ hasText: 'витрина остановилась' });
  await alert.waitFor();
  assert.match(plain(await alert.textContent()), /Корзина сохранена/);
  await alert.getByRole('button', { name: 'Перезагрузить страницу' }).click();
  await page.getByTestId('product-card').first().waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: 'витрина остановилась' }).count(), 0);
  assert.equal((await page.getByTestId('cart-badge').textContent()).trim(), '1');
  // An ordinary script error is not a crash of the app.
  await page.evaluate(() => setTimeout(() => { throw new TypeError('someone else'); }));
  await page.waitForTimeout(200);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'витрина остановилась' }).count(), 0);
  await page.context().close();
});
