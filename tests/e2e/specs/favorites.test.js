// Issue 25, point 1: «Избранное». A heart on every card and on the product page (a toggle
// button whose name says its state, by keyboard too), the header's count, two tabs in step,
// sign-in and sign-out keeping the list, /favorites with current price and stock read in
// batches (a product gone and one out of stock said in words), «Удалить», and «Всё в
// корзину» adding what is in stock once, however often it is pressed. axe at 360 and 1280.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, STUB_URL, api, plain, signIn, specBrowser } from '../tools/harness.js';
import { seriousViolations, tally } from '../tools/axe.js';

const browser = specBrowser();
const SHOTS = process.env.SHOTS_DIR;
const card = '[data-testid="product-card"]';
const KEY = 'vitrina.favorites';
// Beyond the stub's 300 products: the catalog answers 404.
const GONE = '00000000-0000-4000-a000-0000000fffff';

/// Products of the stub by status: the catalog's own answer, so names and stock are real.
async function products(status, n) {
  const body = await api(`/products?status=${status}&pageSize=${n}&sortBy=name&sortOrder=asc`);
  return body.data.products.slice(0, n).map((p) => ({ id: p.id, name: p.name }));
}

/// A page whose device already has `favs` (newest first) in the stored record.
async function pageWith(favs, viewport = { width: 1280, height: 900 }) {
  const page = await browser.page({ viewport });
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('fav-seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('fav-seeded', '1');
      }
    },
    [KEY, JSON.stringify({ v: 1, data: favs })],
  );
  return page;
}

const badge = (page) => page.getByTestId('favorites-badge');
async function waitBadge(page, n) {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="favorites-badge"]')?.textContent.trim() === String(want),
    n,
  );
}
const cartBadge = async (page) => plain(await page.getByTestId('cart-badge').textContent());

/// Every product read the page sends from now on (GET /products/:id), with how many were
/// on their way at once at most.
function productReads(page) {
  let now = 0;
  const log = { ids: [], most: 0 };
  const mine = (r) => r.url().startsWith(STUB_URL) && /\/products\/[^/?]+$/.test(new URL(r.url()).pathname);
  page.on('request', (r) => {
    if (!mine(r)) return;
    log.ids.push(new URL(r.url()).pathname.split('/').pop());
    now += 1;
    log.most = Math.max(log.most, now);
  });
  const done = (r) => {
    if (mine(r)) now -= 1;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return log;
}

test('a heart pressed in one tab shows in the other tab and the header, and survives a reload', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog`);
  const first = page.locator(card).first();
  await first.waitFor();
  const name = plain(await first.getByTestId('product-name').textContent());
  await waitBadge(page, 0);

  const other = await page.context().newPage();
  await other.goto(`${APP_URL}/catalog`);
  await other.locator(card).first().waitFor();
  await waitBadge(other, 0);

  const heart = first.getByRole('button', { name: `Добавить в избранное: ${name}` });
  assert.equal(await heart.getAttribute('aria-pressed'), 'false');
  await heart.click();
  const pressed = first.getByRole('button', { name: `Убрать из избранного: ${name}` });
  assert.equal(await pressed.getAttribute('aria-pressed'), 'true');
  await waitBadge(page, 1);
  assert.match(await page.getByRole('link', { name: /^Избранное 1 товар$/ }).getAttribute('href'), /\/favorites$/);

  // The other tab follows through the storage event, without a reload.
  await waitBadge(other, 1);
  await other.locator(card).first().getByRole('button', { name: `Убрать из избранного: ${name}` }).waitFor();
  // And unmarking there reaches the first tab.
  await other.locator(card).first().getByRole('button', { name: `Убрать из избранного: ${name}` }).click();
  await waitBadge(page, 0);
  await heart.waitFor();

  await heart.click();
  await page.reload();
  await page.locator(card).first().getByRole('button', { name: `Убрать из избранного: ${name}` }).waitFor();
  await waitBadge(page, 1);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.equal(stored.v, 1);
  assert.deepEqual(stored.data.map((f) => f.id), [await first.locator('a.card__link').getAttribute('href').then((h) => h.split('/').pop())]);
  await page.context().close();
});

test('the heart works by keyboard alone, on a card and on the product page', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog`);
  const first = page.locator(card).first();
  await first.waitFor();
  const name = plain(await first.getByTestId('product-name').textContent());
  // The card's link, then Tab: the heart is the next stop.
  await first.locator('a.card__link').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert.equal(focused, `Добавить в избранное: ${name}`);
  await page.keyboard.press('Space');
  await waitBadge(page, 1);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed')), 'true');
  await page.keyboard.press('Enter');
  await waitBadge(page, 0);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed')), 'false');

  const href = await first.locator('a.card__link').getAttribute('href');
  await page.goto(`${APP_URL}${new URL(href, APP_URL).pathname}`);
  await page.getByTestId('product-title').waitFor();
  const big = page.locator('.product__info').getByRole('button', { name: `Добавить в избранное: ${name}` });
  await big.focus();
  await page.keyboard.press('Enter');
  await page.locator('.product__info').getByRole('button', { name: `Убрать из избранного: ${name}` }).waitFor();
  await waitBadge(page, 1);
  await page.context().close();
});

test('sign-in and sign-out keep the favorites (they are not the account\'s personal data)', async () => {
  const [a] = await products('ACTIVE', 1);
  const page = await pageWith([a]);
  await page.goto(`${APP_URL}/signin?next=%2Fcatalog`);
  await waitBadge(page, 1);
  await signIn(page, '9990000001');
  await page.waitForURL((u) => u.pathname === '/catalog');
  await waitBadge(page, 1);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).waitFor();
  await waitBadge(page, 1);
  assert.notEqual(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  await page.context().close();
});

test('/favorites: current price and stock, a product gone and one out of stock said plainly, «Удалить»', async () => {
  const [a] = await products('ACTIVE', 1);
  const [out] = await products('OUT_OF_STOCK', 1);
  const priceOf = async (id) => (await api(`/products/${id}`)).data.price;
  // A stale name stored for `a`: the page shows the catalog's current one.
  const page = await pageWith([
    { id: a.id, name: 'Старое имя' },
    { id: GONE, name: 'Снятый с продажи кран' },
    out,
  ]);
  const reads = productReads(page);
  await page.goto(`${APP_URL}/favorites`);
  await page.getByRole('heading', { name: 'Избранное', level: 1 }).waitFor();
  const items = page.getByTestId('favorite-item');
  await page.waitForFunction(() => !document.body.textContent.includes('Загружаем цену'));
  assert.equal(await items.count(), 3);
  assert.equal(plain(await page.getByTestId('favorites-count').textContent()), '3 товара');

  const row = (id) => page.locator(`[data-testid="favorite-item"][data-id="${id}"]`);
  assert.equal(plain(await row(a.id).locator('.fav-item__name').textContent()), a.name);
  assert.equal(plain(await row(a.id).getByTestId('favorite-stock').textContent()), 'В наличии');
  const price = plain(await row(a.id).locator('.price').textContent());
  const [rub] = String(await priceOf(a.id)).split('.');
  assert.ok(price.replace(/\s/g, '').includes(rub), `${price} vs ${rub}`);
  assert.equal(plain(await row(GONE).getByTestId('favorite-stock').textContent()), 'Этого товара больше нет в магазине');
  assert.equal(plain(await row(GONE).locator('.fav-item__name').textContent()), 'Снятый с продажи кран');
  assert.equal(plain(await row(out.id).getByTestId('favorite-stock').textContent()), 'Нет в наличии');
  assert.deepEqual([...reads.ids].sort(), [a.id, GONE, out.id].sort(), 'one read per favorite, none twice');

  // «Удалить» beside the gone one: it leaves the page, the header and the storage.
  await row(GONE).getByRole('button', { name: 'Удалить из избранного: Снятый с продажи кран' }).click();
  await row(GONE).waitFor({ state: 'detached' });
  // The focus is not lost: it is on the «Удалить» now in that place.
  await page.waitForFunction(
    (want) => document.activeElement?.getAttribute('aria-label') === want,
    `Удалить из избранного: ${out.name}`,
  );
  await waitBadge(page, 2);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).data.map((f) => f.id), KEY);
  assert.deepEqual(stored, [a.id, out.id]);
  assert.equal(reads.ids.length, 3, 'removing one reads nothing again');
  await page.context().close();
});

test('«Всё в корзину» adds what is in stock, skips one out of stock and says so, and a second press adds nothing', async () => {
  const inStock = await products('ACTIVE', 2);
  const [out] = await products('OUT_OF_STOCK', 1);
  const page = await pageWith([inStock[0], out, inStock[1]]);
  await page.goto(`${APP_URL}/favorites`);
  await page.waitForFunction(() => !document.body.textContent.includes('Загружаем цену'));
  assert.equal(await cartBadge(page), '0');
  const press = page.getByRole('button', { name: 'Всё в корзину' });
  await press.click();
  const outcome = page.getByTestId('favorites-outcome');
  await page.waitForFunction(() => document.querySelector('[data-testid="favorites-outcome"]').textContent.includes('.'));
  assert.equal(
    plain(await outcome.textContent()),
    `В корзину добавлено 2 товара. Пропущено: «${out.name}» — нет в наличии. Открыть корзину`,
  );
  assert.equal(await cartBadge(page), '2');

  // Again: nothing doubles; each in-stock one is said to be in the cart already.
  await press.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="favorites-outcome"]').textContent.startsWith('Ничего'));
  assert.match(plain(await outcome.textContent()), new RegExp(`«${inStock[0].name}» — уже в корзине`));
  assert.equal(await cartBadge(page), '2');
  const lines = await page.evaluate(() => JSON.parse(localStorage.getItem('vitrina.cart')).lines);
  assert.deepEqual(lines.map((l) => l.quantity ?? l.qty), [1, 1]);
  await page.context().close();
});

test('thirty favorites: 24 read at first, never more than six at once; «Показать ещё» reads the rest', async () => {
  const many = await products('ACTIVE', 30);
  const page = await pageWith(many);
  const reads = productReads(page);
  await page.goto(`${APP_URL}/favorites`);
  await page.getByTestId('favorite-item').nth(23).waitFor();
  await page.waitForFunction(() => !document.body.textContent.includes('Загружаем цену'));
  assert.equal(await page.getByTestId('favorite-item').count(), 24);
  assert.equal(reads.ids.length, 24);
  assert.ok(reads.most <= 6, `at most 6 at once, saw ${reads.most}`);
  await page.getByRole('button', { name: /Показать ещё/ }).click();
  await page.getByTestId('favorite-item').nth(29).waitFor();
  await page.waitForFunction(() => !document.body.textContent.includes('Загружаем цену'));
  assert.equal(reads.ids.length, 30);
  assert.equal(new Set(reads.ids).size, 30);
  await page.context().close();
});

for (const width of [360, 1280]) {
  test(`${width} px: /favorites has no serious axe findings`, async () => {
    const [a, b] = await products('ACTIVE', 2);
    const [out] = await products('OUT_OF_STOCK', 1);
    const page = await pageWith([a, { id: GONE, name: 'Снятый с продажи кран' }, out, b], { width, height: 900 });
    await page.goto(`${APP_URL}/favorites`);
    await page.waitForFunction(() => !document.body.textContent.includes('Загружаем цену'));
    await page.getByRole('button', { name: 'Всё в корзину' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="favorites-outcome"]').textContent.includes('.'));
    const v = await seriousViolations(page);
    assert.equal(v.length, 0, `${tally(v)}\n${v.flatMap((x) => x.nodes.slice(0, 3)).join('\n')}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `nothing wider than the screen (${wide})`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/favorites-${width}.png`, fullPage: true });
    if (SHOTS) {
      await page.goto(`${APP_URL}/catalog`);
      const heart = page.locator(card).first().getByTestId('favorite');
      if ((await heart.getAttribute('aria-pressed')) === 'false') await heart.click();
      await page.locator(card).first().getByRole('button', { name: /Убрать из избранного/ }).waitFor();
      await page.screenshot({ path: `${SHOTS}/catalog-hearts-${width}.png` });
    }
    await page.context().close();
  });
}
