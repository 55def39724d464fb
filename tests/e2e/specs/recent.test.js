// Issue 25, points 2 and 4: «Вы смотрели» (the last products opened on this device, on the
// front page and under a product, drawn from what was kept: no request of its own; cleared
// by the shopper and by sign-out) and the product page's «Поделиться» (the Web Share API,
// else the canonical URL copied with a toast). axe on a product page with its row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, STUB_URL, api, plain, signIn, specBrowser } from '../tools/harness.js';
import { seriousViolations, tally } from '../tools/axe.js';

const browser = specBrowser();
const SHOTS = process.env.SHOTS_DIR;
const pid = (n) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const VIEWED = [pid(1), pid(2), pid(3)];
const OTHER = pid(4);
const card = '[data-testid="product-card"]';

/// Every API request the page sends from now on, as `METHOD path?query` (sorted when read);
/// pictures (the stub's /media/) are files, not API calls: the row shows its thumbnails.
function apiLog(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = r.url().startsWith(STUB_URL) && r.url().slice(STUB_URL.length);
    if (path && !path.startsWith('/media/')) seen.push(`${r.method()} ${path}`);
  });
  return () => [...seen].sort();
}

async function openProduct(page, id) {
  await page.goto(`${APP_URL}/product/${id}`);
  await page.getByTestId('product-title').waitFor();
}

/// Opens a page and waits until it has drawn everything it asks the backends for.
async function settle(page, path, ready) {
  await page.goto(`${APP_URL}${path}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
}

const names = async () => Promise.all(VIEWED.map(async (id) => (await api(`/products/${id}`)).data.name));
const rowNames = async (page) =>
  (await page.getByTestId('recent').getByTestId('recent-item').locator('.related__name').allTextContents()).map(plain);

test('three products opened make «Вы смотрели», newest first, with no request of its own', async () => {
  const [a, b, c] = await names();
  // What the front page and a product page ask for on a device that has seen nothing.
  const fresh = await browser.page({ viewport: { width: 1280, height: 900 } });
  const freshLog = apiLog(fresh);
  await settle(fresh, '/', card);
  const homeBaseline = freshLog();
  assert.equal(await fresh.getByTestId('recent').count(), 0, 'no row before any product is opened');
  await fresh.context().close();

  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  for (const id of VIEWED) await openProduct(page, id);
  const log = apiLog(page);
  await settle(page, '/', card);
  const row = page.getByTestId('recent');
  await row.getByRole('heading', { name: 'Вы смотрели' }).waitFor();
  assert.deepEqual(await rowNames(page), [c, b, a]);
  assert.match(plain(await row.getByTestId('recent-item').first().textContent()), /₽/);
  assert.deepEqual(log(), homeBaseline, 'the row sent requests the front page does not send anyway');

  // Under a product the row leaves that product out; opening it again puts it first.
  await openProduct(page, VIEWED[0]);
  await row.waitFor();
  assert.deepEqual(await rowNames(page), [c, b]);
  await row.getByRole('link', { name: new RegExp(c) }).click();
  await page.getByRole('heading', { name: c, level: 1 }).waitFor();
  assert.deepEqual(await rowNames(page), [a, b]);
  await page.context().close();
});

test('a product page with its row asks the API for nothing more than one without', async () => {
  const fresh = await browser.page({ viewport: { width: 1280, height: 900 } });
  const freshLog = apiLog(fresh);
  await settle(fresh, `/product/${OTHER}`, '[data-testid="review"], [data-testid="reviews-empty"]');
  const baseline = freshLog();
  await fresh.context().close();

  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  for (const id of VIEWED) await openProduct(page, id);
  const log = apiLog(page);
  await settle(page, `/product/${OTHER}`, '[data-testid="review"], [data-testid="reviews-empty"]');
  assert.equal(await page.getByTestId('recent-item').count(), 3);
  assert.deepEqual(log(), baseline);
  await page.context().close();
});

test('copies kept from long ago are read again once the row is seen: today\'s price, a gone product leaves', async () => {
  // Products the front page does not read for itself (its selections), so that what the row
  // reads is told apart.
  const fresh = await browser.page({ viewport: { width: 1280, height: 500 } });
  const freshLog = apiLog(fresh);
  await settle(fresh, '/', card);
  const homeReads = freshLog().join(' ');
  await fresh.context().close();
  const ids = [];
  for (let n = 20; ids.length < 3; n++) if (!homeReads.includes(pid(n))) ids.push(pid(n));
  const [a, b, c] = await Promise.all(ids.map(async (id) => (await api(`/products/${id}`)).data.name));
  const today = (await api(`/products/${ids[1]}`)).data;
  const GONE = pid(999999);
  // A short window, so the row starts below the fold.
  const page = await browser.page({ viewport: { width: 1280, height: 500 } });
  for (const id of ids) await openProduct(page, id);
  // As a device that last saw them days ago: read long ago, one at an old price, and one
  // product the shop has since taken off.
  await page.evaluate((gone) => {
    const record = JSON.parse(localStorage.getItem('vitrina.recent'));
    for (const x of record.data) x.at = 1700000000;
    record.data[1].price = '1.00';
    record.data.push({ ...record.data[0], id: gone, name: 'Снятый товар', at: 1700000000 });
    localStorage.setItem('vitrina.recent', JSON.stringify(record));
  }, GONE);
  const log = apiLog(page);
  await settle(page, '/', card);
  const row = page.getByTestId('recent');
  await row.waitFor({ state: 'attached' });
  const box = await row.boundingBox();
  assert.ok(box.y > 500, `the row starts below the fold: ${box.y}`);
  assert.deepEqual(await rowNames(page), [c, b, a, 'Снятый товар'], 'drawn at once from what was kept');
  assert.match(plain(await row.getByTestId('recent-item').nth(1).textContent()), /1,00 ₽|1 ₽/, 'the old price, for now');
  // The front page reads products of its own (its selections); the row's are these.
  const onRow = [...ids, GONE].map((id) => `GET /commerce/api/v1/products/${id}`);
  const reads = () => log().filter((r) => onRow.includes(r));
  assert.deepEqual(reads(), [], 'nothing read before the row is seen');

  await row.scrollIntoViewIfNeeded();
  await page.getByTestId('recent-item').filter({ hasText: 'Снятый товар' }).waitFor({ state: 'detached' });
  assert.deepEqual(await rowNames(page), [c, b, a], 'the gone product has left the row');
  const price = plain(await row.getByTestId('recent-item').nth(1).locator('.related__price').textContent());
  assert.doesNotMatch(price, /^1(,00)? ₽$/, `today's price, not the kept one: ${price}`);
  const shown = Number(price.replace(/[^\d,]/g, '').replace(',', '.'));
  assert.equal(shown, Number(today.price), `the shop's price now: ${price}`);
  assert.deepEqual(reads(), [...onRow].sort(), 'each product on the row read once');
  // Kept as read: a reload asks for nothing (read less than ten minutes ago).
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vitrina.recent')).data);
  assert.equal(stored.length, 3);
  assert.ok(stored.every((x) => x.at > 1700000000), 'kept with the time they were read');
  const again = apiLog(page);
  await settle(page, '/', card);
  await page.getByTestId('recent').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  assert.deepEqual(again().filter((r) => onRow.includes(r)), [], 'read lately: not asked again');
  await page.context().close();
});

test('«Очистить» empties the row, and it stays empty after a reload', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  for (const id of VIEWED) await openProduct(page, id);
  await settle(page, '/', card);
  await page.getByTestId('recent').getByRole('button', { name: 'Очистить историю просмотров' }).click();
  await page.getByText('История просмотров очищена').waitFor();
  assert.equal(await page.getByTestId('recent').count(), 0);
  await settle(page, '/', card);
  assert.equal(await page.getByTestId('recent').count(), 0);
  await page.context().close();
});

test('sign-out forgets «Вы смотрели» (a shared computer shows the next person nothing)', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/signin?next=%2F`);
  await signIn(page, '9990000001');
  await page.waitForURL((u) => u.pathname === '/');
  for (const id of VIEWED) await openProduct(page, id);
  await settle(page, '/', card);
  assert.equal(await page.getByTestId('recent-item').count(), 3);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByTestId('recent').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.recent')), null);
  await settle(page, '/', card);
  assert.equal(await page.getByTestId('recent').count(), 0);
  await page.context().close();
});

test('«Поделиться» hands the Web Share API the product\'s own URL, nothing of the session', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await page.addInitScript(() => {
    window.__shared = [];
    navigator.share = async (data) => {
      window.__shared.push(data);
    };
  });
  await page.goto(`${APP_URL}/signin?next=%2F`);
  await signIn(page, '9990000001');
  await page.waitForURL((u) => u.pathname === '/');
  const detail = (await api(`/products/${OTHER}`)).data;
  await page.goto(`${APP_URL}/product/${OTHER}?reviews=2${detail.variants?.[0] ? `&variant=${detail.variants[0].id}` : ''}`);
  await page.getByTestId('product-title').waitFor();
  if (SHOTS) await page.locator('.product__info').screenshot({ path: `${SHOTS}/share-360.png` });
  await page.getByRole('button', { name: 'Поделиться' }).click();
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.url, `${APP_URL}/product/${OTHER}`);
  assert.equal(shared.title, detail.name);
  await page.context().close();
});

test('«Поделиться» without the Web Share API copies the canonical URL and says so', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_URL });
  await page.addInitScript(() => {
    delete Navigator.prototype.share;
    delete navigator.share;
  });
  await page.goto(`${APP_URL}/product/${OTHER}?reviews=2`);
  await page.getByTestId('product-title').waitFor();
  assert.equal(await page.evaluate(() => 'share' in navigator), false);
  await page.getByRole('button', { name: 'Поделиться' }).click();
  await page.getByText('Ссылка на товар скопирована').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${APP_URL}/product/${OTHER}`);
  await page.context().close();
});

for (const width of [360, 1280]) {
  test(`${width} px: a product page with «Вы смотрели» has no serious axe findings`, async () => {
    const page = await browser.page({ viewport: { width, height: 800 } });
    for (const id of VIEWED) await openProduct(page, id);
    await settle(page, `/product/${OTHER}`, '[data-testid="review"], [data-testid="reviews-empty"]');
    const row = page.getByTestId('recent');
    await row.waitFor();
    const v = await seriousViolations(page);
    assert.equal(v.length, 0, `${tally(v)}\n${v.flatMap((x) => x.nodes.slice(0, 3)).join('\n')}`);
    if (width === 360 && SHOTS) {
      await row.scrollIntoViewIfNeeded();
      await row.screenshot({ path: `${SHOTS}/recent-360.png` });
      await settle(page, '/', card);
      await page.getByTestId('recent').screenshot({ path: `${SHOTS}/recent-home-360.png` });
    }
    await page.context().close();
  });
}
