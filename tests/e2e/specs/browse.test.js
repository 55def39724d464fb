// Browsing: filters in the URL, Back restoring view and scroll, categories, product page,
// reviews histogram, not-found pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, api, injectFault, plain, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

const names = async (page) =>
  (await page.getByTestId('product-name').allTextContents()).map(plain);

test('filter, sort and page live in the URL; Back from a product restores them and the scroll', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();

  await page.getByTestId('filter-in-stock').check();
  await page.waitForURL(/inStock=1/);
  await page.getByTestId('sort').selectOption('price-asc');
  await page.waitForURL(/sort=price-asc/);
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.waitForURL(/page=2/);
  const url = page.url();
  assert.match(url, /inStock=1/);
  assert.match(url, /sort=price-asc/);

  // The page shows what the API says for exactly that view.
  const expected = await api('/products?page=2&pageSize=24&status=ACTIVE&sortBy=price&sortOrder=asc');
  await page.getByText(expected.data.products[0].name, { exact: true }).first().waitFor();
  assert.deepEqual(await names(page), expected.data.products.map((p) => p.name));
  assert.equal(await page.getByText('Нет в наличии').count(), 0);
  // Chips name the active filters.
  assert.match(plain(await page.getByTestId('filter-chips').textContent()), /В наличии/);

  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForTimeout(150);
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 800, `scrolled to ${y}`);
  const card = page.getByTestId('product-card').nth(9);
  const chosen = plain(await card.getByTestId('product-name').textContent());
  await card.click();
  await page.getByTestId('product-title').waitFor();
  assert.equal(plain(await page.getByTestId('product-title').textContent()), chosen);

  await page.goBack();
  await page.waitForURL(url);
  await page.getByText(expected.data.products[0].name, { exact: true }).first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('filter-in-stock').isChecked(), true);
  assert.equal(await page.getByTestId('sort').inputValue(), 'price-asc');
  const back = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(back - y) < 5, `scroll restored to ${back}, was ${y}`);
  await page.context().close();
});

test('a filter change or a page link asks the backend once for the new view, ahead of the URL', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  const asked = [];
  const askedFrom = [];
  page.on('request', (r) => {
    if (!r.url().includes('/products?')) return;
    asked.push(new URL(r.url()).search);
    askedFrom.push(new URL(page.url()).search);
  });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  asked.length = 0;
  askedFrom.length = 0;

  // The request for the filtered view goes out with the click; the URL follows it.
  const sent = page.waitForRequest((r) => r.url().includes('status=ACTIVE'));
  await page.getByTestId('filter-in-stock').check();
  await sent;
  await page.waitForURL(/inStock=1/);
  const expected = await api('/products?page=1&pageSize=24&status=ACTIVE');
  await page.getByText(expected.data.products[0].name, { exact: true }).first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(asked, ['?page=1&pageSize=24&status=ACTIVE'], 'one request for the filtered view');
  assert.equal(askedFrom[0], '', 'sent before the URL changed');
  assert.match(plain(await page.getByTestId('filter-chips').textContent()), /В наличии/);

  // A page link: the press starts the request, the router's navigation shares it.
  asked.length = 0;
  askedFrom.length = 0;
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.waitForURL(/page=2/);
  const second = await api('/products?page=2&pageSize=24&status=ACTIVE');
  await page.getByText(second.data.products[0].name, { exact: true }).first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(asked, ['?page=2&pageSize=24&status=ACTIVE'], 'one request for page 2');
  assert.doesNotMatch(askedFrom[0], /page=2/, 'sent on the press, before the router navigated');
  await page.context().close();
});

test('while a slow answer is on its way the grid says so, then shows the new view', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').nth(23).waitFor();
  const before = plain(await page.getByTestId('result-count').textContent());
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, delayMs: 1500 });

  await page.getByTestId('filter-in-stock').check();
  const grid = page.getByTestId('product-grid');
  await page.waitForSelector('[data-testid=product-grid][aria-busy=true]');
  // The old cards are still there, marked as not the answer; the chips already name the
  // filter (after 300 ms the URL changes without waiting any longer).
  await page.getByTestId('filter-chips').waitFor();
  assert.equal(await grid.getAttribute('aria-busy'), 'true');
  assert.equal(plain(await page.getByTestId('result-count').textContent()), before);

  const expected = await api('/products?page=1&pageSize=24&status=ACTIVE');
  await page.waitForSelector('[data-testid=product-grid][aria-busy=false]', { timeout: 5000 });
  await page.getByText(expected.data.products[0].name, { exact: true }).first().waitFor();
  assert.match(plain(await page.getByTestId('result-count').textContent()), new RegExp(`^Найдено ${expected.meta.pagination.total} `));
  await page.context().close();
});

test('a partner signing in sees commission and points on every card, and not after signing out', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').nth(23).waitFor();
  assert.equal(await page.getByTestId('partner-earnings').count(), 0);

  await page.goto(`${APP_URL}/signin?next=/catalog`);
  await signIn(page, '9990000002');
  await page.waitForURL(/\/catalog$/);
  await page.getByTestId('partner-earnings').nth(23).waitFor();
  const first = (await api('/products?page=1&pageSize=24')).data.products[0];
  const cents = Math.round(Number(first.price) * Number(first.commissionPercentage));
  const line = plain(await page.getByTestId('partner-earnings').first().textContent());
  assert.match(line, /^Комиссия [\d ]+,\d{2} ₽ · \d+ баллов$/);
  assert.equal(line.split('₽')[0].replace(/\D/g, ''), String(cents), line);

  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).waitFor();
  assert.equal(await page.getByTestId('partner-earnings').count(), 0);
  assert.equal(await page.getByTestId('product-card').count(), 24);
  await page.context().close();
});

test('a chip removes its filter in one click and the empty state suggests it', async () => {
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog?q=${encodeURIComponent('несуществующийтовар')}&inStock=1`);
  await page.getByTestId('empty-state').waitFor();
  assert.match(plain(await page.getByTestId('empty-state').textContent()), /убрать один из фильтров/);
  await page.getByRole('link', { name: 'Убрать фильтр «Поиск: несуществующийтовар»' }).click();
  await page.waitForURL((u) => !u.search.includes('q='));
  await page.getByTestId('product-card').first().waitFor();
  assert.match(page.url(), /inStock=1/);
  await page.context().close();
});

test('a minimum price above the maximum is explained in the price form', async () => {
  const page = await browser.page();
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  await page.getByTestId('price-min').fill('5000');
  await page.getByTestId('price-max').fill('100');
  await page.getByRole('button', { name: 'Применить' }).click();
  await page.getByTestId('price-error').waitFor();
  assert.match(plain(await page.getByTestId('price-error').textContent()), /Минимальная цена больше максимальной/);
  assert.equal(await page.getByTestId('price-min').getAttribute('aria-invalid'), 'true');
  await page.context().close();
});

test('search from the header shows matching products', async () => {
  const page = await browser.page();
  await page.goto(`${APP_URL}/`);
  await page.getByRole('searchbox', { name: 'Поиск по магазину' }).fill('котёл');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/catalog\?q=/);
  await page.getByTestId('product-card').first().waitFor();
  for (const n of await names(page)) assert.match(n.toLowerCase(), /котёл/);
  await page.context().close();
});

test('category pages have a breadcrumb that navigates up the tree', async () => {
  const cats = await fetch(`${process.env.STUB_URL || 'http://127.0.0.1:18081'}/commerce/api/v1/categories`).then((r) => r.json());
  const root = cats.data.categories[0];
  const child = root.children[0];
  const leaf = child.children[0];
  const page = await browser.page();
  await page.goto(`${APP_URL}/category/${leaf.id}`);
  await page.getByRole('heading', { name: leaf.name, level: 1 }).waitFor();
  await page.getByTestId('product-card').first().waitFor();
  const crumbs = plain(await page.getByTestId('breadcrumb').textContent());
  assert.match(crumbs, new RegExp(`Каталог.*${root.name}.*${child.name}.*${leaf.name}`));
  await page.getByTestId('breadcrumb').getByRole('link', { name: child.name }).click();
  await page.getByRole('heading', { name: child.name, level: 1 }).waitFor();
  await page.getByRole('link', { name: new RegExp(leaf.name) }).first().waitFor();
  // The title follows the page (the category's page is a lazy chunk now: its title comes a
  // moment after the heading).
  await page.waitForFunction((t) => document.title === t, `${child.name} — Витрина`, { timeout: 5000 });
  assert.equal(await page.title(), `${child.name} — Витрина`);
  await page.context().close();
});

test('the product page shows variants in the URL and the histogram filters reviews', async () => {
  const list = await api('/products?pageSize=100&sortBy=popularity&sortOrder=desc');
  const p = list.data.products.find((x) => x.rating.count > 20);
  const detail = (await api(`/products/${p.id}`)).data;
  const page = await browser.page();
  await page.goto(`${APP_URL}/product/${p.id}`);
  await page.getByTestId('product-title').waitFor();
  assert.equal(plain(await page.getByTestId('product-title').textContent()), p.name);
  assert.match(plain(await page.getByTestId('breadcrumb').textContent()), new RegExp(detail.category.name));
  // The stub sends attribute keys as seed 003 does (`countryOfOrigin`); the page labels them.
  assert.ok('countryOfOrigin' in detail.attributes, Object.keys(detail.attributes).join(','));
  const specs = plain(await page.getByTestId('specs').innerText());
  for (const label of ['Бренд', 'Страна производства', 'Гарантия', 'Артикул производителя']) {
    assert.ok(specs.includes(label), `${label} not in ${specs}`);
  }
  for (const key of Object.keys(detail.attributes)) assert.ok(!specs.includes(key), `${key} in ${specs}`);
  if (detail.variants.length > 1) {
    await page.getByTestId('variant').nth(1).click();
    await page.waitForURL(new RegExp(`variant=${detail.variants[1].id}`));
  }
  const five = detail.rating.distribution['5'];
  await page.getByTestId('histogram-5').click();
  await page.waitForURL(/rating=5/);
  await page.getByTestId('rating-filter').waitFor();
  const ratings = await page.getByTestId('review-rating').evaluateAll((els) => els.map((e) => e.dataset.rating));
  assert.ok(ratings.length > 0 && ratings.length <= Math.min(10, five));
  assert.ok(ratings.every((r) => r === '5'), ratings.join(','));
  await page.getByTestId('rating-filter').click();
  await page.waitForURL((u) => !u.search.includes('rating='));
  await page.context().close();
});

test('unknown products and categories get a 404 page with a way back', async () => {
  const page = await browser.page();
  await page.goto(`${APP_URL}/product/00000000-0000-4000-a000-00000fffffff`);
  await page.getByTestId('not-found').waitFor();
  assert.match(plain(await page.getByTestId('not-found').textContent()), /Такого товара нет/);
  await page.goto(`${APP_URL}/category/00000000-0000-4000-c000-00000fffffff`);
  await page.getByTestId('not-found').waitFor();
  assert.match(plain(await page.getByTestId('not-found').textContent()), /Такой категории нет/);
  await page.getByRole('link', { name: 'Перейти в каталог' }).click();
  await page.getByTestId('product-card').first().waitFor();
  await page.context().close();
});
