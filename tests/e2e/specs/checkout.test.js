// Checkout as a shopper does it: a saved address or a new one checked beside its fields,
// courier with a time slot, pickup with today's hours, an express courier's quote, coupons,
// bank transfer and card with the payment page and the return page; and the order placed
// once whatever happens: double clicks, two tabs, a 429 with its countdown, an answer lost
// after the stub committed, a reload in the middle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, api, control, injectFault, plain, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const SHOPPER = '9990000001';

async function counters() {
  return control('counters', undefined, 'GET');
}

async function ordersCreated() {
  const c = await counters();
  return Object.values(c.ordersCreated || {}).reduce((a, b) => a + b, 0);
}

/// Signs in on the way to /checkout and waits for the saved address and the methods.
async function openCheckout(page) {
  await page.goto(`${APP_URL}/signin?next=%2Fcheckout`);
  await signIn(page, SHOPPER);
  await page.getByTestId('step-address').waitFor();
  await page.getByRole('radio', { name: /Тверская/ }).waitFor();
  await page.getByTestId('method').first().waitFor();
}

/// The summary has settled on the current choices.
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"] .summary')?.getAttribute('aria-busy') === 'false');
}

async function chooseSlotDelivery(page) {
  await page.getByRole('radio', { name: /Курьер магазина/ }).check();
  await page.getByTestId('slot').first().waitFor();
  await page.getByTestId('slot').first().locator('input').check();
}

/// Adds a new address through the form and saves it.
async function addAddress(page, city, index, street) {
  await page.getByTestId('address-new').check();
  await page.locator('#addr-recipient_name').fill('Ольга Новосёлова');
  await page.locator('#addr-recipient_phone').fill('+7 999 222-33-44');
  await page.locator('#addr-index').fill(index);
  await page.locator('#addr-city').fill(city);
  await page.locator('#addr-street').fill(street);
  await page.locator('#addr-building').fill('20');
  await page.getByTestId('address-save').click();
}

const total = async (page) => plain(await page.getByTestId('sum-total').locator('dd').textContent());

test('courier with a time slot, a coupon (and a bad one), paid by bank transfer', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await settled(page);
  // This cart is over the courier's free threshold.
  assert.equal(plain(await page.getByTestId('sum-shipping').locator('dd').textContent()), 'бесплатно');

  await page.getByLabel('Промокод').fill('nope');
  await page.getByTestId('coupon-apply').click();
  await page.getByTestId('coupon-problem').getByText('Промокод NOPE недействителен или истёк.').waitFor();
  assert.equal(await page.getByTestId('coupon').count(), 0, 'the refused coupon is not kept');

  await page.getByLabel('Промокод').fill('welcome10');
  await page.getByTestId('coupon-apply').click();
  await page.getByTestId('coupon').getByText('WELCOME10').waitFor();
  await page.getByTestId('sum-discount').waitFor();
  await settled(page);

  await page.getByTestId('pay-bank').check();
  await page.getByLabel(/Комментарий к заказу/).fill('Позвонить за час');
  await settled(page);
  const before = await total(page);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.match(plain(await page.getByTestId('bank-account').textContent()), /40702810900000012345/);
  assert.match(plain(await page.getByTestId('bank-deadline').textContent()), /до /);
  assert.match(plain(await page.getByTestId('order-placed').textContent()), /Заказ ORD-\d{4}-\d+ оформлен/);
  assert.ok(plain(await page.getByTestId('order-placed').textContent()).includes(before));
  assert.equal(await ordersCreated(), 1);
  // The draft and the attempt are gone with the order.
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.checkout-draft')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.checkout-attempt')), null);
});

test('pickup needs no address, shows today\'s hours; card goes to the payment page and back', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openCheckout(page);
  await page.getByRole('radio', { name: /Самовывоз/ }).check();
  await page.getByTestId('pickup-point').first().waitFor();
  assert.match(plain(await page.getByTestId('pickup-hours').first().textContent()), /^сегодня/);
  await page.getByTestId('pickup-point').first().locator('input').check();
  await page.getByTestId('pay-card').check();
  await settled(page);
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/pay\/pay_/);
  await page.getByRole('button', { name: 'Оплатить' }).click();
  await page.waitForURL(/\/checkout\/return\?orderId=/);
  await page.getByTestId('payment-paid').waitFor({ timeout: 15000 });
  assert.match(plain(await page.getByTestId('payment-paid').textContent()), /Заказ ORD-\d{4}-\d+ оплачен/);
});

test('express courier: the courier\'s final price and pickup times, by keyboard alone', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  const express = page.getByRole('radio', { name: /Экспресс-курьер/ });
  await express.focus();
  await page.keyboard.press('Space');
  await page.getByTestId('express-price').waitFor();
  assert.match(plain(await page.getByTestId('express-price').textContent()), /Итоговая цена курьера: \d+ ₽/);
  await page.getByTestId('pickup-time').first().locator('input').waitFor();
  assert.ok(await page.getByTestId('pickup-time').first().locator('input').isChecked());
  await page.getByTestId('pay-bank').focus();
  await page.keyboard.press('Space');
  await settled(page);
  await page.getByTestId('place-order').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('bank-details').waitFor();
  assert.equal(await ordersCreated(), 1);
});

test('a new address is checked beside its fields; where delivery is impossible pickup is offered', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openCheckout(page);
  await page.getByTestId('address-new').check();
  await page.getByTestId('address-save').click();
  await page.getByTestId('problem-index').getByText('Индекс — 6 цифр').waitFor();
  assert.equal(plain(await page.getByTestId('problem-city').textContent()), 'Укажите город');
  assert.equal(await page.locator('#addr-recipient_name').evaluate((e) => e === document.activeElement), true);
  await page.locator('#addr-recipient_name').fill('Пётр Чукотский');
  await page.locator('#addr-recipient_phone').fill('+7 999 123-45-67');
  await page.locator('#addr-index').fill('689000');
  await page.locator('#addr-city').fill('Анадырь');
  await page.locator('#addr-street').fill('ул. Отке');
  await page.locator('#addr-building').fill('4');
  await page.getByTestId('address-save').click();
  await page.getByRole('radio', { name: /Анадырь/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Анадырь/ }).isChecked());
  await page.getByTestId('not-deliverable').waitFor();
  await page.getByTestId('not-deliverable').getByRole('button', { name: 'Выбрать самовывоз' }).click();
  assert.ok(await page.getByRole('radio', { name: /Самовывоз/ }).isChecked());
  await page.getByTestId('pickup-point').first().waitFor();
});

test('a reload in the middle restores every choice; double click places one order', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  const slot = await page.getByTestId('slot').first().locator('input').getAttribute('value');
  await page.getByLabel('Промокод').fill('FREESHIP');
  await page.getByTestId('coupon-apply').click();
  await page.getByTestId('coupon').getByText('FREESHIP').waitFor();
  await page.getByTestId('pay-ewallet').check();
  await page.getByLabel(/Комментарий к заказу/).fill('Домофон не работает');
  await settled(page);
  await page.reload();
  await page.getByRole('radio', { name: /Курьер магазина/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Курьер магазина/ }).isChecked());
  await page.locator(`input[name="slot"][value="${slot}"]`).waitFor();
  assert.ok(await page.locator(`input[name="slot"][value="${slot}"]`).isChecked());
  assert.ok(await page.getByTestId('pay-ewallet').isChecked());
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'Домофон не работает');
  await page.getByTestId('coupon').getByText('FREESHIP').waitFor();
  await settled(page);
  assert.equal(plain(await page.getByTestId('sum-shipping').locator('dd').textContent()), 'бесплатно');

  await page.getByTestId('pay-bank').check();
  await settled(page);
  await page.getByTestId('place-order').dblclick();
  await page.getByTestId('bank-details').waitFor();
  const c = await counters();
  assert.equal(await ordersCreated(), 1);
  assert.equal(Object.values(c.checkoutAttempts).reduce((a, b) => a + b, 0), 1, 'one request for a double click');
});

test('two tabs placing the same cart at once make one order', async () => {
  const context = await (await browser.page()).context();
  const a = await context.newPage();
  await openCheckout(a);
  await chooseSlotDelivery(a);
  await a.getByTestId('pay-bank').check();
  await settled(a);
  const b = await context.newPage();
  await openCheckout(b);
  await b.getByRole('radio', { name: /Курьер магазина/ }).waitFor();
  await settled(b);
  await settled(a);
  // Both presses at the same moment: a real click waits for its button to hold still, and the
  // faster tab's lock replaces the other's button before that wait ends. Both buttons are
  // taken first: a locator's press would wait for a button the other tab's lock has already
  // replaced (this timed out once in a full run); a press on a replaced button does nothing.
  const [pa, pb] = await Promise.all([a.getByTestId('place-order').elementHandle(), b.getByTestId('place-order').elementHandle()]);
  await Promise.all([pa.dispatchEvent('click'), pb.dispatchEvent('click')]);
  // One tab shows the order (placed, or found after the other tab placed it); the other is
  // told the order is being placed elsewhere, shows it too, or — once the other tab is done —
  // reads the cart again and finds it empty.
  const outcome = (p) =>
    p.getByTestId('order-placed').or(p.getByTestId('other-tab')).or(p.getByTestId('checkout-empty')).first();
  await outcome(a).waitFor();
  await outcome(b).waitFor();
  assert.ok((await a.getByTestId('order-placed').count()) + (await b.getByTestId('order-placed').count()) >= 1);
  // The tab that shows the order says nothing of an empty cart. (The other tab, whose press
  // came after the order was placed, may: its own attempt's reference proves no order, and
  // its cart is empty — it then reads the cart again and says so as a whole.)
  for (const p of [a, b]) {
    if (await p.getByTestId('order-placed').count()) {
      assert.equal(await p.getByTestId('cart-problem').count(), 0, 'no «cart is empty» for an order just placed');
    }
  }
  assert.equal(await ordersCreated(), 1);
});

test('an answer lost after the stub committed: the app finds the order instead of ordering again', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await settled(page);
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, dropAfterCommit: true });
  await page.getByTestId('place-order').click();
  await page.locator('[data-testid="order-placed"][data-found="true"]').waitFor();
  assert.match(plain(await page.getByTestId('order-placed').textContent()), /заказ создан/);
  assert.equal(await ordersCreated(), 1);
});

test('an answer dropped after commit while another order of the same total is placed a second later: this attempt\'s order, never the neighbour, and on to its payment', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await page.getByRole('radio', { name: /Самовывоз/ }).check();
  await page.getByTestId('pickup-point').first().waitFor();
  await page.getByTestId('pickup-point').first().locator('input').check();
  await page.getByTestId('pay-card').check();
  await page.getByLabel(/Комментарий к заказу/).fill('Позвонить за час');
  await settled(page);
  // The stub commits this order, places another of the same total a second later (another
  // device of the same shopper), and the answer to this one never arrives.
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, dropAfterCommit: true, neighbourAfterCommit: true });
  await page.getByTestId('place-order').click();
  const found = page.locator('[data-testid="order-placed"][data-found="true"]');
  await found.waitFor();
  const { neighbourOrders } = await counters();
  assert.equal(neighbourOrders.length, 1, 'the neighbour was placed');
  const href = await page.getByTestId('found-order-link').getAttribute('href');
  const id = href.split('/').pop();
  assert.notEqual(id, neighbourOrders[0], 'the neighbour is never shown as this order');
  assert.equal(await ordersCreated(), 1);
  // It leads to payment: the card payment's page of this order.
  await page.getByTestId('pay-link').click();
  await page.waitForURL(/\/pay\/pay_/);
  await page.getByRole('button', { name: 'Оплатить' }).click();
  await page.waitForURL(/\/checkout\/return/);
  assert.match(page.url(), new RegExp(`orderId=${id}`));
  await page.getByTestId('payment-paid').waitFor({ timeout: 15000 });
  // The order is this attempt's: the shopper's comment and the reference line are in it.
  await page.goto(`${APP_URL}${href}`);
  await page.getByTestId('order').waitFor();
  const text = plain(await page.getByTestId('order').textContent());
  assert.match(text, /Позвонить за час Ссылка витрины: [0-9a-f]{12}/);
});

test('an answer dropped after commit and the orders not readable: said plainly with the order list, never «оформлен»; looked at again, this order', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await settled(page);
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, dropAfterCommit: true, neighbourAfterCommit: true });
  // Every order's detail fails: nothing proves which of the two is this attempt's.
  await injectFault({ method: 'GET', path: '/commerce/api/v1/orders/', count: 50, status: 503 });
  await page.getByTestId('place-order').click();
  await page.getByTestId('unproven').waitFor();
  assert.match(plain(await page.getByTestId('unproven').textContent()), /проверить, создан ли заказ, не удалось/);
  assert.equal(await page.getByTestId('unproven').getByRole('link', { name: 'список заказов' }).getAttribute('href'), '/account/orders');
  assert.doesNotMatch(plain(await page.locator('main').textContent()), /Заказ \S+ оформлен/);
  assert.equal(await page.getByTestId('order-placed').count(), 0);
  assert.equal(await page.getByTestId('place-order').textContent(), 'Проверить ещё раз');
  // The details answer again: the next look finds this attempt's order, not the neighbour,
  // and nothing was sent again.
  await control('faults', undefined, 'DELETE');
  await page.getByTestId('place-order').click();
  await page.locator('[data-testid="order-placed"][data-found="true"]').waitFor();
  const { neighbourOrders } = await counters();
  const href = await page.getByTestId('found-order-link').getAttribute('href');
  assert.notEqual(href.split('/').pop(), neighbourOrders[0]);
  // Bank transfer: the details to pay it, from the order itself.
  await page.getByTestId('bank-details').waitFor();
  assert.match(plain(await page.getByTestId('bank-purpose').textContent()), /Оплата заказа ORD-/);
  assert.equal(await ordersCreated(), 1);
  const c = await counters();
  assert.equal(Object.values(c.checkoutAttempts).reduce((a, b) => a + b, 0), 1, 'one checkout request');
});

test('an injected 429 with Retry-After: a countdown, the form intact, nothing sent before the reset', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await page.getByLabel(/Комментарий к заказу/).fill('Третья попытка');
  await settled(page);
  // Two checkouts already this minute (another device of the same shopper).
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, count: 1, status: 429, headers: { 'Retry-After': '6', 'X-RateLimit-Remaining': '0' } });
  const sent = [];
  page.on('request', (r) => { if (/\/cart\/checkout$/.test(r.url())) sent.push(Date.now()); });
  await page.getByTestId('place-order').click();
  await page.getByTestId('rate-wait').waitFor();
  assert.match(plain(await page.getByTestId('rate-wait').textContent()), /Повторить можно через \d+ с/);
  assert.match(plain(await page.getByTestId('announce').textContent()), /кнопка вернётся в \d\d:\d\d:\d\d/);
  assert.ok(await page.getByTestId('place-order').isDisabled());
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'Третья попытка');
  await page.getByTestId('place-order').click({ force: true }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[data-testid="place-order"]').disabled, null, { timeout: 15000 });
  assert.equal(sent.length, 1, 'nothing was sent during the countdown');
  assert.match(plain(await page.getByTestId('announce').textContent()), /Можно оформить заказ снова/);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(sent.length, 2);
  assert.equal(await ordersCreated(), 1);
});

test('a reload in the middle of a 429 wait: the countdown goes on and nothing is sent before it ends', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await page.getByLabel(/Комментарий к заказу/).fill('После перезагрузки');
  await settled(page);
  // Long enough to reload inside it; only the first answer is a 429.
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, count: 1, status: 429, headers: { 'Retry-After': '15', 'X-RateLimit-Remaining': '0' } });
  const sent = [];
  page.on('request', (r) => { if (/\/cart\/checkout$/.test(r.url())) sent.push(Date.now()); });
  await page.getByTestId('place-order').click();
  await page.getByTestId('rate-wait').waitFor();
  await page.reload();
  await page.getByRole('radio', { name: /Курьер магазина/ }).waitFor();
  await settled(page);
  assert.equal(await page.getByTestId('rate-wait').count(), 1, 'the countdown goes on after the reload');
  assert.match(plain(await page.getByTestId('rate-wait').textContent()), /Повторить можно через \d+ с/);
  assert.ok(await page.getByTestId('place-order').isDisabled(), 'the button waits too');
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'После перезагрузки');
  await page.getByTestId('place-order').click({ force: true }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[data-testid="place-order"]').disabled, null, { timeout: 20000 });
  assert.equal(sent.length, 1, 'nothing was sent during the countdown, before or after the reload');
  assert.equal((await counters()).requests['POST /commerce/api/v1/cart/checkout'], 1, 'the stub met one checkout request');
  assert.match(plain(await page.getByTestId('announce').textContent()), /Можно оформить заказ снова/);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(sent.length, 2);
  assert.equal(await ordersCreated(), 1);
});

test('a restored draft shows no error the shopper has not caused, even pressed while its choices load', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await settled(page);
  const sent = [];
  page.on('request', (r) => { if (/\/cart\/checkout$/.test(r.url())) sent.push(Date.now()); });
  // The methods come slowly after the reload (every request for them); the shopper presses at once.
  await injectFault({ method: 'GET', path: '/commerce/api/v1/shipping/methods', count: 5, delayMs: 3000 });
  await page.reload();
  await page.getByTestId('place-order').waitFor();
  await page.getByTestId('place-order').click({ force: true, timeout: 2000 }).catch(() => {});
  await page.getByRole('radio', { name: /Курьер магазина/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Курьер магазина/ }).isChecked());
  await page.getByTestId('slot').first().waitFor();
  await settled(page);
  const alerts = (await page.locator('[role="alert"], .form-error, .field__problem').allTextContents()).map(plain).filter(Boolean);
  assert.deepEqual(alerts, [], 'no error on the restored form');
  assert.equal(sent.length, 0, 'a press before the choices were in sends nothing');
  // Once they are in, the same press places the order.
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(await ordersCreated(), 1);
});

test('another address: the previous method\'s price leaves the summary until a method is chosen for it', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  // The express courier's price for the saved Moscow address.
  await page.getByRole('radio', { name: /Экспресс-курьер/ }).check();
  await page.getByTestId('express-price').waitFor();
  await settled(page);
  const shipping = () => page.getByTestId('sum-shipping').locator('dd').textContent().then(plain);
  assert.match(await shipping(), /^\d[\d ]* ₽$/, 'the express price is in the summary');
  await addAddress(page, 'Санкт-Петербург', '191025', 'Невский пр.');
  await page.getByRole('radio', { name: /Невский/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Невский/ }).isChecked());
  assert.equal(await shipping(), 'выберите способ', 'the old method\'s price is gone at once');
  await settled(page);
  assert.equal(await shipping(), 'выберите способ', 'and stays gone once recalculated');
  assert.equal(await page.locator('input[name="method"]:checked').count(), 0, 'no method is chosen for the new address');
  const money = (id) => page.getByTestId(id).locator('dd').textContent().then(roubles);
  assert.equal(Math.round((await money('sum-subtotal')) * 100 + (await money('sum-tax')) * 100), Math.round((await money('sum-total')) * 100), 'the total is the goods and VAT, no shipping');
  // A method for this address: its own price.
  await page.getByRole('radio', { name: /СДЭК/ }).check();
  await settled(page);
  assert.equal(await shipping(), 'бесплатно');
});

test('pickup points of the new address\'s city come first; the address is sent without empty or null fields', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const saved = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/addresses$/.test(r.url())) saved.push(r.postDataJSON()); });
  await openCheckout(page);
  // Without an address of another city the Moscow shops come first (the saved address).
  await page.getByRole('radio', { name: /Самовывоз/ }).check();
  await page.getByTestId('pickup-point').first().waitFor();
  assert.match(plain(await page.getByTestId('pickup-point').first().textContent()), /Москва/);
  await addAddress(page, 'Казань', '420111', 'ул. Баумана');
  await page.getByRole('radio', { name: /ул\. Баумана, д\. 20/ }).waitFor();
  // The browser's position is not known: the address's city first.
  assert.ok(await page.getByRole('radio', { name: /Самовывоз/ }).isChecked(), 'pickup stays chosen: it does not depend on the address');
  await page.getByTestId('pickup-point').first().waitFor();
  assert.match(plain(await page.getByTestId('pickup-point').first().textContent()), /Магазин в Казани/);
  assert.equal(saved.length, 1);
  assert.deepEqual(Object.entries(saved[0]).filter(([, v]) => v === null || v === ''), [], `sent: ${JSON.stringify(saved[0])}`);
  assert.ok(!('id' in saved[0]), 'no id for an address not saved yet');
});

test('the real limiter: the third checkout inside the window is refused, counted down and then placed', async () => {
  // The stub's checkout window shortened to 10 s for this test (2 checkouts per window).
  await control('rate-window', { bucket: 'checkout', secs: 10 });
  const shopper = (await control('users', undefined, 'GET')).users[0].id;
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const sent = [];
  page.on('request', (r) => { if (/\/cart\/checkout$/.test(r.url())) sent.push(Date.now()); });
  await openCheckout(page);
  for (let n = 1; n <= 2; n++) {
    if (n > 1) {
      await control(`carts/${shopper}/fill`, {});
      await page.goto(`${APP_URL}/checkout`);
      await page.getByTestId('method').first().waitFor();
    }
    await chooseSlotDelivery(page);
    await page.getByTestId('pay-bank').check();
    await settled(page);
    await page.getByTestId('place-order').click();
    await page.getByTestId('bank-details').waitFor();
  }
  await control(`carts/${shopper}/fill`, {});
  await page.goto(`${APP_URL}/checkout`);
  await page.getByTestId('method').first().waitFor();
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await page.getByLabel(/Комментарий к заказу/).fill('Третий за минуту');
  await settled(page);
  await page.getByTestId('place-order').click();
  await page.getByTestId('rate-wait').waitFor();
  assert.equal(sent.length, 3);
  assert.ok(await page.getByTestId('place-order').isDisabled());
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'Третий за минуту');
  await page.waitForFunction(() => !document.querySelector('[data-testid="place-order"]').disabled, null, { timeout: 20000 });
  assert.equal(sent.length, 3, 'nothing was sent before the window reset');
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(sent.length, 4);
  assert.equal(await ordersCreated(), 3);
});

test('keyboard alone: courier with a slot, a coupon, bank transfer, placed with Enter', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  // Shipping: focus the first method and move with the arrow keys, as radio groups work.
  await page.getByRole('radio', { name: /Почта России/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: /Курьер магазина/ }).isChecked());
  await page.getByTestId('slot').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'slot');
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('slot').first().locator('input').isChecked());
  // The coupon: typed and applied with Enter.
  await page.getByLabel('Промокод').focus();
  await page.keyboard.type('WELCOME10');
  await page.keyboard.press('Enter');
  await page.getByTestId('coupon').getByText('WELCOME10').waitFor();
  // Payment: arrows from the first method to bank transfer.
  await page.getByTestId('pay-card').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('pay-bank').isChecked());
  await settled(page);
  await page.getByTestId('place-order').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('bank-details').waitFor();
  assert.equal(await ordersCreated(), 1);
});

test('keyboard alone: a new address, pickup, card; the payment refused, the return page says so', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await openCheckout(page);
  // A new address: from the saved one to «Новый адрес» with an arrow, then typed field by field.
  await page.getByRole('radio', { name: /Тверская/ }).focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('address-new').isChecked());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'addr-recipient_name');
  for (const [value, field] of [
    ['Мария Клавиатурная', 'recipient_phone'],
    ['+7 999 765-43-21', 'index'],
    ['101000', 'region'],
    ['', 'city'],
    ['Москва', 'street'],
    ['ул. Арбат', 'building'],
  ]) {
    if (value) await page.keyboard.type(value);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), `addr-${field}`);
  }
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: /Арбат/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Арбат/ }).isChecked());
  // Pickup: arrows through the methods until «Самовывоз», then the first point with Space.
  await page.getByRole('radio', { name: /Почта России/ }).focus();
  const pickup = page.getByRole('radio', { name: /Самовывоз/ });
  for (let i = 0; i < 8 && !(await pickup.isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await pickup.isChecked());
  await page.getByTestId('pickup-point').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'pickup');
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('pickup-point').first().locator('input').isChecked());
  await page.getByTestId('pay-card').focus();
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('pay-card').isChecked());
  await settled(page);
  await page.getByTestId('place-order').focus();
  await page.keyboard.press('Enter');
  // The payment page, by keyboard too: Tab to «Отказаться», Enter.
  await page.waitForURL(/\/pay\/pay_/);
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Отказаться') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/checkout\/return\?orderId=/);
  await page.getByTestId('payment-failed').waitFor({ timeout: 15000 });
  assert.match(plain(await page.getByTestId('payment-return').textContent()), /Деньги не списаны/);
  assert.equal(await ordersCreated(), 1);
});

test('refusals where they belong: too few in stock names the line, and once stock is back the same order goes through', async () => {
  const shopper = (await control('users', undefined, 'GET')).users[0].id;
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  await page.getByTestId('pay-bank').check();
  await settled(page);
  // The warehouse sells out of the line of 2 while the shopper is choosing.
  const line = (await control(`carts/${shopper}`, undefined, 'GET')).lines.find((l) => l.quantity === 2);
  await control('stock', { productId: line.productId, stock: 1 });
  await page.getByTestId('place-order').click();
  await page.getByTestId('cart-problem').waitFor();
  assert.match(plain(await page.getByTestId('cart-problem').textContent()), /Столько нет на складе: «.+» — осталось 1 шт\./);
  assert.equal(await ordersCreated(), 0);
  // Stock comes back; the same choices, pressed again, make the order — not the old refusal replayed.
  await control('stock', { productId: line.productId, stock: null });
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(await ordersCreated(), 1);
});

test('a 401 at the last step: sign in again, come back to the same choices, the order is placed once', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await openCheckout(page);
  await chooseSlotDelivery(page);
  const slot = await page.getByTestId('slot').first().locator('input').getAttribute('value');
  await page.getByTestId('pay-bank').check();
  await page.getByLabel(/Комментарий к заказу/).fill('После входа');
  await settled(page);
  await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, count: 1, status: 401 });
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/signin\?/);
  assert.equal(await ordersCreated(), 0);
  await signIn(page, SHOPPER);
  await page.waitForURL(/\/checkout$/);
  await page.locator(`input[name="slot"][value="${slot}"]`).waitFor();
  assert.ok(await page.locator(`input[name="slot"][value="${slot}"]`).isChecked());
  assert.ok(await page.getByTestId('pay-bank').isChecked());
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'После входа');
  await settled(page);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(await ordersCreated(), 1);
});

/// «36 000,50 ₽» → 36000.5
const roubles = (text) => Number(plain(text).replace(/[^\d,]/g, '').replace(',', '.'));

test('a partner: bonuses pay part of the order; over the KYC limit the payment step says what to do', async () => {
  const mounter = (await control('users', undefined, 'GET')).users.find((u) => u.phone === '+79990000002');
  // An expensive product without variants; five of them come to more than 100 000 ₽.
  const list = (await api('/products?status=ACTIVE&minPrice=30000&pageSize=50')).data.products;
  let product;
  for (const p of list) {
    if ((await api(`/products/${p.id}`)).data.variants.length === 0) { product = p; break; }
  }
  assert.ok(product, 'a product over 30 000 ₽ without variants');
  await control('stock', { productId: product.id, stock: 50 });
  await control(`carts/${mounter.id}/fill`, { productId: product.id, quantity: 5 });
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/signin?next=%2Fcheckout`);
  await signIn(page, '9990000002');
  await page.getByRole('radio', { name: /Самовывоз/ }).check();
  await page.getByTestId('pickup-point').first().locator('input').check();
  await page.getByTestId('payment-problem').waitFor();
  assert.match(plain(await page.getByTestId('payment-problem').textContent()), /проверка личности \(KYC\)\. Пройдите её в кабинете партнёра/);

  // One of them instead: under the limit, and the bonus balance offered.
  await control(`carts/${mounter.id}/fill`, { productId: product.id, quantity: 1 });
  await page.reload();
  await page.getByTestId('use-balance').waitFor();
  assert.equal(await page.getByTestId('payment-problem').count(), 0);
  assert.equal(plain(await page.getByTestId('use-balance').textContent()), 'Списать бонусы партнёра — доступно 10 000 ₽');
  await settled(page);
  const whole = roubles(await page.getByTestId('sum-total').locator('dd').textContent());
  await page.getByTestId('use-balance').locator('input').check();
  await page.getByTestId('sum-balance').waitFor();
  assert.equal(plain(await page.getByTestId('sum-balance').locator('dd').textContent()), '−10 000 ₽');
  await settled(page);
  const rest = roubles(await page.getByTestId('sum-total').locator('dd').textContent());
  assert.equal(Math.round((whole - rest) * 100), 1000000, 'the total falls by the 10 000 ₽ of bonuses');
  await page.getByTestId('pay-bank').check();
  await settled(page);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  assert.equal(Number(plain(await page.getByTestId('bank-amount').locator('.bank-row__value').textContent())), rest, 'the bank is asked for the rest');
  assert.equal(await ordersCreated(), 1);
});
