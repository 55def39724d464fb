// Issue 25, point 3: the header search suggests. Up to five products and the matching
// categories with the typed part marked, by keyboard (combobox pattern), asked once the
// typing pauses (counted at the stub), quiet on a 429 while Enter still searches, the last
// searches on focus and cleared. axe with the list open at 360 and 1280.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, control, injectFault, plain, signIn, specBrowser } from '../tools/harness.js';
import { seriousViolations, tally } from '../tools/axe.js';

const browser = specBrowser();
const SHOTS = process.env.SHOTS_DIR;
const card = '[data-testid="product-card"]';
const LISTING = 'GET /commerce/api/v1/products';

/// The suggestion requests the page sends from now on (they ask for 5 cards; the catalog 24).
function suggestionLog(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.url().includes('/products?') && /[?&]pageSize=5(&|$)/.test(r.url())) seen.push(r.url());
  });
  return seen;
}

const listings = async () => (await control('counters', undefined, 'GET')).requests[LISTING] || 0;

/// The catalog, settled: nothing of its own still asked for.
async function catalog(width = 1280) {
  const page = await browser.page({ viewport: { width, height: 800 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.locator(card).first().waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

const box = (page) => page.getByRole('combobox', { name: 'Поиск по магазину' });
const options = (page) => page.getByRole('listbox').getByRole('option');

/// Types `text` into the search a key at a time, `perSecond` characters a second.
async function typeAt(page, text, perSecond) {
  await page.locator('#site-search').focus();
  await box(page).waitFor();
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(1000 / perSecond);
  }
}

test('typing suggests products and categories with the typed part marked; arrows and Enter open one', async () => {
  const page = await catalog();
  await typeAt(page, 'газов', 8);
  const list = page.getByRole('listbox');
  // The category comes from the tree the page holds; the products once their answer is in.
  await list.getByRole('option').filter({ hasText: '₽' }).first().waitFor();
  const input = box(page);
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-controls'), await list.getAttribute('id'));
  const names = (await options(page).allTextContents()).map(plain);
  const products = names.filter((n) => /₽/.test(n));
  assert.ok(products.length >= 1 && products.length <= 5, `1..5 products: ${names.join(' | ')}`);
  assert.ok(names.some((n) => /Газовые котлы.*Категория/.test(n)), `a category: ${names.join(' | ')}`);
  for (const m of await list.locator('mark').allTextContents()) assert.equal(m.toLowerCase(), 'газов');
  assert.ok((await list.locator('mark').count()) >= products.length);
  await page.getByTestId('suggest-status').filter({ hasText: /\d+ подсказ/ }).waitFor();

  // Down twice, up once: the first option is the active one.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const first = options(page).first();
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  assert.equal(await input.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
  const name = plain(await first.locator('.suggest__name').textContent());
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/product\//);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  // The header's catalog follow did not take the shopper back.
  await page.waitForTimeout(600);
  assert.match(page.url(), /\/product\//);
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await page.context().close();
});

test('Escape closes the list and leaves the text; Enter with nothing picked searches in full', async () => {
  const page = await catalog();
  await typeAt(page, 'газов', 8);
  await options(page).first().waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
  assert.equal(await box(page).getAttribute('aria-expanded'), 'false');
  assert.equal(await box(page).inputValue(), 'газов');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'газов');
  await page.locator(card).first().waitFor();
  await page.context().close();
});

test('typing «протеин» at 8 characters a second sends at most 2 listing requests', async () => {
  const page = await catalog();
  const before = await listings();
  await typeAt(page, 'протеин', 8);
  // Past the suggestion pause and the catalog's own.
  await page.waitForTimeout(1200);
  await page.waitForLoadState('networkidle');
  const sent = (await listings()) - before;
  console.log(`# listing requests while typing «протеин» at 8 chars/s: ${sent}`);
  assert.ok(sent >= 1 && sent <= 2, `${sent} requests`);
  await page.context().close();
});

test('a new letter aborts the suggestion under way', async () => {
  const page = await catalog();
  const aborted = [];
  page.on('requestfailed', (r) => {
    if (/[?&]pageSize=5(&|$)/.test(r.url())) aborted.push(decodeURIComponent(new URL(r.url()).searchParams.get('search')));
  });
  // The first listing request (the suggestion for «газ», 250 ms after the typing) is slow.
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, delayMs: 3000 });
  await typeAt(page, 'газ', 8);
  await page.waitForTimeout(450);
  await page.keyboard.type('о');
  await options(page).filter({ hasText: '₽' }).first().waitFor();
  assert.deepEqual(aborted, ['газ']);
  for (const m of await page.getByRole('listbox').locator('mark').allTextContents()) assert.equal(m.toLowerCase(), 'газо');
  await page.context().close();
});

test('after a 429 the suggestions go quiet and Enter still gives the full results', async () => {
  const page = await catalog();
  await injectFault({ method: 'GET', path: '/commerce/api/v1/products', count: 1, status: 429, headers: { 'Retry-After': '60' } });
  await typeAt(page, 'газов', 8);
  await page.waitForTimeout(600);
  await page.waitForLoadState('networkidle');
  const before = await listings();
  const asked = suggestionLog(page);
  // Another query: nothing asked, no product suggested, no error shown.
  await page.keyboard.type('ый');
  await page.waitForTimeout(700);
  assert.deepEqual(asked, [], 'a suggestion asked for while quiet');
  assert.equal(await options(page).filter({ hasText: '₽' }).count(), 0, 'no product suggested');
  assert.equal(await page.getByTestId('error-panel').count(), 0);
  assert.doesNotMatch(plain(await page.getByTestId('suggest-status').textContent()), /Подсказок нет/, 'quiet says nothing');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'газовый');
  await page.locator(card).first().waitFor();
  await page.waitForLoadState('networkidle');
  const after = await listings();
  assert.ok(after - before <= 2, `the catalog's own requests only: ${after - before}`);
  await page.context().close();
});

test('a query with nothing to suggest says so once its answer is in; Enter still searches', async () => {
  const page = await catalog();
  await typeAt(page, 'щщжжъ', 8);
  const status = page.getByTestId('suggest-status');
  await status.filter({ hasText: 'Подсказок нет' }).waitFor();
  assert.equal(await options(page).count(), 0);
  assert.equal(await box(page).getAttribute('aria-expanded'), 'false', 'no empty list shown');
  // A letter more: said again only once that query's answer is in.
  await page.keyboard.type('ы');
  assert.equal(plain(await status.textContent()), '', 'nothing said while the new answer is on its way');
  await status.filter({ hasText: 'Подсказок нет' }).waitFor();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'щщжжъы');
  await page.context().close();
});

test('suggestion code that failed to load is asked for again on the next focus', async () => {
  const page = await catalog();
  let refused = 0;
  await page.route(/\/split_suggest-[^/]*\.wasm$/, (route) => {
    refused++;
    return route.abort('internetdisconnected');
  });
  const failed = page.waitForEvent('requestfailed', (r) => /\/split_suggest-/.test(r.url()));
  await page.locator('#site-search').focus();
  await failed;
  await page.waitForTimeout(300);
  assert.equal(refused, 1, 'the chunk was asked for once on focus');
  assert.equal(await page.locator('#site-search').getAttribute('role'), null, 'a plain search box meanwhile');
  assert.equal(await page.getByTestId('error-panel').count(), 0, 'no error for what only helps');
  await page.locator('h1').first().click();
  await page.unroute(/\/split_suggest-[^/]*\.wasm$/);
  await typeAt(page, 'газов', 8);
  await options(page).filter({ hasText: '₽' }).first().waitFor();
  await page.context().close();
});

test('the last searches are offered on focus and can be cleared', async () => {
  const page = await catalog();
  for (const q of ['котёл', 'насос', 'бойлер', 'радиатор', 'кран', 'фильтр']) {
    await page.locator('#site-search').fill(q);
    await page.locator('#site-search').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === q);
  }
  await page.locator('#site-search').fill('');
  await page.locator('#site-search').blur();
  await page.locator('#site-search').focus();
  await options(page).first().waitFor();
  assert.deepEqual((await options(page).allTextContents()).map((s) => plain(s).replace(/^↺\s*/, '')),
    ['фильтр', 'кран', 'радиатор', 'бойлер', 'насос', 'Очистить историю поиска']);
  await page.getByTestId('suggest-status').filter({ hasText: 'Недавние запросы: 5' }).waitFor();
  // Picking one searches for it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'кран');
  await page.reload();
  await page.locator('#site-search').focus();
  await page.locator('#site-search').fill('');
  await options(page).first().waitFor();
  assert.match(plain(await options(page).first().textContent()), /кран/);
  await page.getByRole('option', { name: 'Очистить историю поиска' }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.searches')), null);
  await page.context().close();
});

test('sign-out forgets the last searches (a shared computer shows the next person nothing)', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/signin?next=%2Fcatalog`);
  await signIn(page, '9990000001');
  await page.waitForURL((u) => u.pathname === '/catalog');
  await page.locator('#site-search').fill('насос');
  await box(page).waitFor();
  await page.locator('#site-search').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'насос');
  await page.waitForFunction(() => localStorage.getItem('vitrina.searches') !== null);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.waitForFunction(() => localStorage.getItem('vitrina.searches') === null);
  await page.context().close();
});

for (const width of [360, 1280]) {
  test(`${width} px: the open suggestion list has no serious axe findings`, async () => {
    const page = await catalog(width);
    await typeAt(page, 'газов', 8);
    await options(page).first().waitFor();
    await page.keyboard.press('ArrowDown');
    const v = await seriousViolations(page);
    assert.equal(v.length, 0, `${tally(v)}\n${v.flatMap((x) => x.nodes.slice(0, 3)).join('\n')}`);
    if (width === 360 && SHOTS) await page.screenshot({ path: `${SHOTS}/suggest-360.png` });
    await page.context().close();
  });
}
