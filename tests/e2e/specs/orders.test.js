// After the order, as a shopper follows it: the history with its filters in the URL, one
// order's timeline across the shop, the carrier, the delivery API and the express courier
// (with the courier's phone and the carrier's track link), the page following the order
// by itself while it moves, cancel and refund — each with a rule broken first — and the
// 404 of an order that is not the shopper's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, control, demoOrder, openDemoOrder, plain, signIn, signedIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const SHOPPER = '9990000001';
const number = demoOrder;

/// Signs the shopper in and opens demo order `i` from the history.
async function openOrder(page, i) {
  await signedIn(page, SHOPPER, '/account/orders');
  await openDemoOrder(page, i);
}

const rows = (page) => page.getByTestId('order-row');
const stage = async (page) => plain(await page.getByTestId('stage').textContent());

function isoDay(daysAgo) {
  return new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);
}

test('history: a guest signs in and comes back; filter by status and date, Back keeps the filter', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/account/orders`);
  await page.getByTestId('sign-in-required').getByRole('link', { name: 'Войти' }).click();
  await signIn(page, SHOPPER);
  await page.waitForURL(/\/account\/orders$/);
  await rows(page).first().waitFor();
  assert.equal(await rows(page).count(), 10, 'ten a page');
  assert.match(plain(await page.getByTestId('orders-count').textContent()), /Найдено заказов: 18/);
  const first = plain(await rows(page).first().textContent());
  assert.match(first, /Заказ ORD-2026-\d{8}/);
  assert.match(first, /\d+ товара? ?/);
  assert.match(first, /₽/);
  const pageOne = await page.getByTestId('order-row').allTextContents();
  await page.getByRole('navigation', { name: 'Страницы' }).getByRole('link', { name: 'Страница 2' }).click();
  await page.waitForURL(/page=2/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 8);
  const pageTwo = await page.getByTestId('order-row').allTextContents();
  assert.equal(new Set([...pageOne, ...pageTwo]).size, 18, 'page 2 goes on where page 1 stopped');
  assert.match(plain(pageTwo[pageTwo.length - 1]), new RegExp(number(8)), 'the oldest order last');

  await page.getByLabel('Статус').selectOption('DELIVERED');
  await page.waitForURL(/status=DELIVERED/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 4);
  assert.doesNotMatch(page.url(), /page=/, 'a new filter starts at page 1');
  for (const chip of await page.getByTestId('order-status').all()) assert.equal(plain(await chip.textContent()), 'Доставлен');

  await page.getByLabel('С даты').fill(isoDay(10));
  await page.getByLabel('С даты').dispatchEvent('change');
  await page.waitForURL(/from=/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 1);
  assert.match(plain(await rows(page).first().textContent()), new RegExp(number(5)));

  await page.goBack();
  await page.waitForURL((u) => u.search.includes('status=DELIVERED') && !u.search.includes('from='));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 4);
  assert.equal(await page.getByLabel('Статус').inputValue(), 'DELIVERED');

  await page.goto(`${APP_URL}/account/orders?status=CANCELLED&from=${isoDay(-30)}`);
  await page.getByTestId('orders-empty').waitFor();
  assert.match(plain(await page.getByTestId('orders-empty').textContent()), /Нет заказов с такими условиями/);
});

test('an order on its way: one timeline with the courier\'s phone; the stub moves it and the open page follows', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openOrder(page, 4); // a slot delivery, the courier on the way
  assert.equal(await stage(page), 'в пути');
  const courier = page.getByTestId('courier');
  assert.match(plain(await courier.textContent()), /^Курьер: .+, \+7 \d{3} \d{3}-\d{2}-\d{2}$/);
  assert.match(await courier.getByRole('link').getAttribute('href'), /^tel:\+7\d{10}$/);
  // The shop's four statuses and the delivery API's four, every one kept.
  const events = page.getByTestId('timeline-event');
  assert.equal(await events.count(), 8);
  assert.equal(await page.locator('[data-testid="timeline-event"][data-source="delivery"]').count(), 4);
  assert.match(plain(await page.getByTestId('timeline').textContent()), /курьер везёт заказ/);
  // Each system's status in words only: its wire code (`PENDING_PAYMENT`, `on_the_way`) is
  // no use to a shopper and is not in the text.
  const read = plain(await page.getByTestId('timeline').innerText());
  assert.doesNotMatch(read, /PENDING_PAYMENT|\bPAID\b|PROCESSING|on_the_way|assembling|confirmed/, read);
  const loads = [];
  page.on('framenavigated', () => loads.push(page.url()));

  await control(`orders/${number(4)}/advance`, {});
  await page.waitForFunction(() => document.querySelector('[data-testid="stage"]')?.textContent.trim() === 'доставлен', null, { timeout: 20000 });
  assert.equal(loads.length, 0, 'no reload');
  assert.equal(await events.count(), 10);
  assert.equal(plain(await page.getByTestId('order-status').textContent()), 'Доставлен');
});

test('an express order: the courier service\'s states in the same timeline; the courier shows once the order is ready', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openOrder(page, 2); // express, being packed
  assert.equal(await stage(page), 'собирается');
  assert.equal(await page.locator('[data-testid="timeline-event"][data-source="courier"]').count(), 2);
  assert.match(plain(await page.getByTestId('timeline').textContent()), /магазин собирает заказ — курьер назначен/);
  assert.equal(await page.getByTestId('courier').count(), 0, 'no courier to call before the order is ready');
  await control(`orders/${number(2)}/advance`, {});
  await page.getByTestId('courier').waitFor({ timeout: 20000 });
  assert.equal(await stage(page), 'передан в доставку');
  assert.match(await page.getByTestId('courier').getByRole('link').getAttribute('href'), /^tel:\+7\d{10}$/);
});

test('a carrier\'s track links to the carrier; an order not yet shipped says when to expect it; «Повторить заказ» fills the cart', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openOrder(page, 3); // Почта России, in transit
  assert.equal(await stage(page), 'в пути');
  const track = page.getByTestId('track').getByRole('link');
  assert.match(await track.getAttribute('href'), /^https:\/\/www\.pochta\.ru\/tracking#RA\d{9}RU$/);
  assert.match(plain(await page.getByTestId('track').textContent()), /^Почта России, трек-номер RA\d{9}RU$/);
  assert.match(plain(await page.getByTestId('timeline').textContent()), /Сортировочный центр Москва/);

  await page.goto(`${APP_URL}/account/orders`);
  await page.getByRole('link', { name: `Заказ ${number(0)}` }).click();
  await page.getByTestId('not-shipped').waitFor();
  assert.match(plain(await page.getByTestId('not-shipped').textContent()), /^Заказ ещё не передан в доставку\. Ожидаемая дата доставки — \d+ [а-я]+\.$/);
  assert.equal(await stage(page), 'принят');

  const names = await page.getByTestId('order-item').locator('.cart-line__name').allTextContents();
  await page.getByTestId('repeat-order').click();
  await page.waitForURL(/\/cart$/);
  for (const n of names) await page.getByText(n.trim(), { exact: false }).first().waitFor();
});

test('cancel: too late once shipped, explained; then an order not yet paid is cancelled', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openOrder(page, 1); // paid, a slot delivery: may be cancelled
  await page.getByTestId('cancel').waitFor();
  // Meanwhile the warehouse packs and ships it.
  await control(`orders/${number(1)}/advance`, {});
  await control(`orders/${number(1)}/advance`, {});
  await page.getByTestId('cancel-send').click();
  assert.equal(plain(await page.getByTestId('cancel-problem').textContent()), 'Напишите, почему отменяете заказ.');
  await page.getByLabel('Причина отмены').fill('Передумал');
  await page.getByTestId('cancel-send').click();
  await page.getByTestId('cancel-problem').getByText(/отменить его нельзя/).waitFor();
  assert.equal(await page.getByLabel('Причина отмены').inputValue(), 'Передумал', 'what was typed stays');

  await page.goto(`${APP_URL}/account/orders`);
  await page.getByRole('link', { name: `Заказ ${number(0)}` }).click();
  await page.getByLabel('Причина отмены').fill('Нашёл дешевле');
  const sent = [];
  page.on('request', (r) => { if (/\/cancel$/.test(r.url())) sent.push(r.url()); });
  await page.getByTestId('cancel-send').dblclick();
  await page.getByTestId('cancel-done').waitFor();
  assert.match(plain(await page.getByTestId('cancel-done').textContent()), new RegExp(`Заказ ${number(0)} отменён\\.`));
  assert.equal(sent.length, 1, 'one request for a double click');
  await page.waitForFunction(() => document.querySelector('[data-testid="stage"]')?.textContent.trim() === 'Заказ отменён');
  assert.equal(await page.getByTestId('cancel').count(), 0);
});

test('refund: items chosen, a request already made elsewhere explained; then made', async () => {
  const a = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openOrder(a, 5); // delivered two days ago
  await a.getByTestId('refund').waitFor();
  await a.getByTestId('refund-item').first().uncheck();
  await a.getByTestId('refund-item').nth(1).uncheck();
  await a.getByTestId('refund-send').click();
  assert.equal(plain(await a.getByTestId('refund-problem').textContent()), 'Отметьте товары, которые возвращаете.');
  await a.getByTestId('refund-item').nth(1).check();
  await a.getByTestId('refund-send').click();
  assert.equal(plain(await a.getByTestId('refund-problem').textContent()), 'Выберите причину возврата.');
  await a.getByLabel('Причина').selectOption('Брак или повреждение');
  await a.getByLabel(/Подробности/).fill('Треснул корпус');

  // The same order asked for from another tab first.
  // (A new tab signs in again: the token lives in the tab's own session storage.)
  const b = await a.context().newPage();
  await signedIn(b, SHOPPER, new URL(a.url()).pathname);
  await b.getByTestId('refund').waitFor();
  await b.getByLabel('Причина').selectOption('Не подошёл');
  await b.getByTestId('refund-send').click();
  await b.getByTestId('refund-done').waitFor();
  assert.match(plain(await b.getByTestId('refund-done').textContent()), /Заявка на возврат принята: .+ ₽ за \d+ товар/);

  await a.getByTestId('refund-send').click();
  await a.getByTestId('refund-problem').getByText('Заявка на возврат по этому заказу уже есть — мы сообщим, когда её рассмотрим.').waitFor();
  assert.equal(await a.getByLabel(/Подробности/).inputValue(), 'Треснул корпус', 'what was typed stays');
});

test('refund: the 14 days run out while the form is open — explained, what was typed kept', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openOrder(page, 12); // express, delivered almost 12 days ago
  await page.getByTestId('refund').waitFor();
  await page.getByLabel('Причина').selectOption('Не подошёл');
  await page.getByLabel(/Подробности/).fill('Не тот размер');
  await control(`orders/${number(12)}/age`, { days: 3 });
  await page.getByTestId('refund-send').click();
  await page.getByTestId('refund-problem').getByText('Срок возврата — 14 дней после получения — уже прошёл.').waitFor();
  assert.equal(await page.getByLabel(/Подробности/).inputValue(), 'Не тот размер', 'what was typed stays');
  assert.equal(await page.getByTestId('refund-done').count(), 0);
});

test('an order that is not the shopper\'s, or does not exist, is the 404 page', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await signedIn(page, SHOPPER, '/account/orders/00000000-0000-4000-e000-0000000000ff');
  await page.getByTestId('not-found').waitFor();
  assert.match(plain(await page.getByTestId('not-found').textContent()), /Такого заказа нет среди ваших/);
});
