// Keyboard alone, from the catalog to a placed order: only Tab, Shift+Tab, arrows, Space,
// Enter and typing — no clicks, no focus() — and wherever the focus lands a ring shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, control, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

/// What has the focus, and whether it is drawn: an outline on it or on the label/choice
/// around it (the radio buttons are drawn by their labels).
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    let ring = false;
    for (let e = el, i = 0; e && i < 4 && !ring; e = e.parentElement, i++) {
      const s = getComputedStyle(e);
      ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    }
    return {
      tag: el?.tagName.toLowerCase(),
      name: (el?.getAttribute('aria-label') || el?.textContent || '').replace(/\s+/g, ' ').trim(),
      input: el?.getAttribute('name'),
      testid: el?.dataset.testid || el?.closest('[data-testid]')?.dataset.testid,
      ring,
    };
  });

/// Presses `key` until the focused element matches `want`, checking on the way that every
/// stop shows its focus; fails after `max` presses.
async function pressTo(page, want, { key = 'Tab', max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f.tag && f.tag !== 'body') assert.ok(f.ring, `no visible focus on ${JSON.stringify(f)}`);
    if (want(f)) return f;
  }
  assert.fail(`${key} ×${max} never reached the element`);
}

test('keyboard alone: a product from the catalog into the cart, signed in, checked out and placed', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog?inStock=1`);
  await page.getByTestId('product-card').first().waitFor();
  // The first card's «В корзину».
  await pressTo(page, (f) => f.testid === 'add-to-cart', { max: 120 });
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-badge').getByText('1').waitFor();
  // Back up to the header's cart link.
  await pressTo(page, (f) => /^Корзина 1/.test(f.name), { key: 'Shift+Tab', max: 120 });
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-line').first().waitFor();
  await pressTo(page, (f) => f.name === 'Войти и оформить');
  await page.keyboard.press('Enter');
  // Sign-in: the phone, the code, Enter.
  await pressTo(page, (f) => f.testid === 'phone');
  await page.keyboard.type('9990000001');
  await page.keyboard.press('Enter');
  await page.getByTestId('code').waitFor();
  if ((await focused(page)).testid !== 'code') await pressTo(page, (f) => f.testid === 'code');
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/checkout$/);
  await page.getByTestId('method').first().waitFor();
  // Shipping: into the methods, then the arrows to pickup and Tab to its first point.
  const method = await pressTo(page, (f) => f.input === 'method');
  assert.equal(method.tag, 'input');
  for (let i = 0; i < 8; i++) {
    if (await page.getByRole('radio', { name: /Самовывоз/ }).isChecked()) break;
    await page.keyboard.press('ArrowDown');
  }
  assert.ok(await page.getByRole('radio', { name: /Самовывоз/ }).isChecked());
  await page.getByTestId('pickup-point').first().waitFor();
  await pressTo(page, (f) => f.input === 'pickup', { max: 5 });
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('pickup-point').first().locator('input').isChecked());
  // Payment: bank transfer with the arrows, then «Оформить заказ» and Enter.
  await pressTo(page, (f) => f.testid === 'pay-card' || f.testid === 'pay-bank');
  for (let i = 0; i < 4 && !(await page.getByTestId('pay-bank').isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('pay-bank').isChecked());
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"] .summary')?.getAttribute('aria-busy') === 'false');
  await pressTo(page, (f) => f.testid === 'place-order');
  await page.keyboard.press('Enter');
  await page.getByTestId('bank-details').waitFor();
  const made = await control('counters', undefined, 'GET');
  assert.equal(Object.values(made.ordersCreated || {}).reduce((a, b) => a + b, 0), 1);
});
