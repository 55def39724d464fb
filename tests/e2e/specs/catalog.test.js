// The first slice: /catalog from the built dist/, data read cross-origin from the stub.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, SUB_APP_URL, api, injectFault, plain, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

const rub = (n) => plain(
  new Intl.NumberFormat('ru-RU', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 }).format(n),
) + ' ₽';

test('catalog shows the stub products with total, prices and pagination', async () => {
  const expected = await api('/products?page=1&pageSize=24');
  const total = expected.meta.pagination.total;
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog`);
  const cards = page.getByTestId('product-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 24);
  assert.match(plain(await page.getByTestId('result-count').textContent()), new RegExp(`^Найдено ${total} товар`));
  const first = expected.data.products[0];
  assert.equal(plain(await cards.first().getByTestId('product-name').textContent()), first.name);
  assert.equal(plain(await cards.first().getByTestId('price').textContent()), rub(first.price));
  assert.equal(await page.title(), 'Каталог — Витрина');

  // Next page: the URL carries it and the cards are the API's page 2.
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.waitForURL(/page=2/);
  const second = await api('/products?page=2&pageSize=24');
  await page.getByText(second.data.products[0].name, { exact: true }).first().waitFor();
  assert.equal(plain(await cards.first().getByTestId('product-name').textContent()), second.data.products[0].name);
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('page=2'));
  await page.getByText(first.name, { exact: true }).first().waitFor();
  assert.deepEqual(browser.pageErrors, []);
  await page.context().close();
});

test('a 429 from the stub reaches the shopper as a rate limit with a readable retry time', async () => {
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, status: 429, headers: { 'Retry-After': '30' } });
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog`);
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-kind'), 'rate-limited');
  const wait = plain(await page.getByTestId('retry-at').textContent());
  assert.match(wait, /^Повторить можно через (29|30) с — в \d\d:\d\d:\d\d\.$/);
  assert.equal(await panel.getByRole('button', { name: 'Повторить' }).isDisabled(), true);
  assert.match(plain(await panel.textContent()), /Код запроса для поддержки: req_/);
  await page.context().close();
});

test('a server error explains itself and Retry loads the catalog', async () => {
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, status: 503 });
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog`);
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-kind'), 'server');
  await panel.getByRole('button', { name: 'Повторить' }).click();
  await page.getByTestId('product-card').first().waitFor();
  assert.equal(await page.getByTestId('error-panel').count(), 0);
  await page.context().close();
});

test('a malformed body is an error message, not a dead page', async () => {
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, malformed: true });
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog`);
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-kind'), 'decode');
  assert.match(plain(await panel.textContent()), /не удалось прочитать/);
  // The app is still alive: the header search navigates.
  await page.getByRole('searchbox', { name: 'Поиск по магазину' }).fill('котёл');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/catalog\?q=/);
  await page.getByRole('heading', { name: 'Результаты поиска «котёл»' }).waitFor();
  await page.context().close();
});

test('deep links load through the SPA fallback and unknown paths show the 404 page', async () => {
  const page = await browser.page();
  const res = await page.goto(`${APP_URL}/account/orders`);
  assert.equal(res.status(), 200);
  // A guest deep-linking to their orders gets the app at that page, asking them to sign in.
  await page.getByTestId('sign-in-required').waitFor();
  await page.goto(`${APP_URL}/no/such/page`);
  await page.getByTestId('not-found').waitFor();
  assert.equal(await page.title(), 'Страница не найдена — Витрина');
  await page.getByRole('link', { name: 'Перейти в каталог' }).click();
  await page.getByTestId('product-card').first().waitFor();
  await page.context().close();
});

test('the same build works under a sub-path', async () => {
  const page = await browser.page();
  await page.goto(`${SUB_APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.waitForURL(/\/shop\/catalog\?page=2$/);
  await page.getByRole('link', { name: 'Витрина — на главную' }).click();
  await page.waitForURL(`${SUB_APP_URL}/`);
  await page.getByRole('heading', { name: 'Хиты продаж' }).waitFor();
  // Links built on the front page carry the sub-path too.
  await page.getByTestId('category-tile').first().click();
  await page.waitForURL(/\/shop\/category\//);
  await page.getByTestId('product-card').first().waitFor();
  await page.context().close();
});

test('a missing or broken config.json gives an error page that names the problem', async () => {
  const page = await browser.page();
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'nope' }));
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('config-error').waitFor();
  assert.equal(plain(await page.getByTestId('config-error').textContent()), 'config.json не найден: сервер ответил 404');

  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"commerce":"http://x","delivery":"http://y","courier":"http://z"}' }));
  await page.reload();
  await page.getByTestId('config-error').waitFor();
  assert.match(plain(await page.getByTestId('config-error').textContent()), /partner/);
  await page.context().close();
  // That stand-in config names origins the served CSP does not list: early.js's requests to
  // them were refused, as they should be. Only those are expected.
  const others = browser.cspViolations.filter((v) => !/http:\/\/x\//.test(v));
  browser.cspViolations.splice(0, browser.cspViolations.length, ...others);
});

test('the built files are served precompressed: brotli when the browser takes it, else gzip', async () => {
  const { get } = await import('node:http');
  const head = (path, enc) =>
    new Promise((resolve, reject) => {
      get(`${APP_URL}${path}`, { headers: { 'accept-encoding': enc } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      }).on('error', reject);
    });
  const html = await (await fetch(`${APP_URL}/`)).text();
  const wasm = html.match(/[\w-]+_bg\.wasm/)[0];
  const br = await head(`/${wasm}`, 'gzip, deflate, br');
  assert.equal(br['content-encoding'], 'br');
  assert.equal(br['content-type'], 'application/wasm');
  assert.match(br.vary || '', /accept-encoding/i);
  assert.match(br['cache-control'], /immutable/);
  assert.equal((await head(`/${wasm}`, 'gzip'))['content-encoding'], 'gzip');
  assert.equal((await head(`/${wasm}`, 'identity'))['content-encoding'], undefined);
  // The SPA fallback is the precompressed index.html too.
  const page = await head('/catalog?q=1', 'br');
  assert.equal(page['content-encoding'], 'br');
  assert.match(page['content-type'], /text\/html/);
});

test('the first row of cards loads its images at once and first, the rest lazily', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').nth(23).waitFor();
  const imgs = page.getByTestId('product-card').locator('img');
  for (let i = 0; i < 4; i++) {
    assert.equal(await imgs.nth(i).getAttribute('loading'), 'eager', `card ${i}`);
    assert.equal(await imgs.nth(i).getAttribute('fetchpriority'), 'high', `card ${i}`);
  }
  assert.equal(await imgs.nth(4).getAttribute('loading'), 'lazy');
  assert.equal(await imgs.nth(23).getAttribute('loading'), 'lazy');
  // Each card reserves its picture's space before the picture arrives.
  assert.equal(await imgs.nth(23).getAttribute('width'), '400');
  assert.equal(await imgs.nth(23).getAttribute('height'), '400');
  await page.context().close();
});
