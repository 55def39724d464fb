// Accessibility: axe-core (serious and critical, experimental rules included) on every
// page at 360 and 1280 px, signed out, as a shopper and as a partner, and in the error,
// empty, loading, 429 and offline states. Each test visits its pages in turn and fails
// with the list of what axe found where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, api, control, injectFault, openDemoOrder, signedIn, specBrowser } from '../tools/harness.js';
import { seriousViolations, tally } from '../tools/axe.js';

const browser = specBrowser();
const WIDTHS = [360, 1280];
const SHOPPER = '9990000001';
const MOUNTER = '9990000002';
const card = '[data-testid="product-card"]';

/// Visits each `[name, go]` (go opens the page and waits for what it must show), runs
/// axe, and fails once with every finding.
async function audit(page, visits) {
  const found = [];
  for (const [name, go] of visits) {
    await go();
    const v = await seriousViolations(page);
    if (v.length) found.push(`${name}: ${tally(v)}\n    ${v.flatMap((x) => x.nodes.slice(0, 3)).join('\n    ')}`);
  }
  if (found.length) assert.fail(`serious or critical axe findings:\n${found.join('\n')}`);
}

const open = (page, path, ready) => async () => {
  await page.goto(`${APP_URL}${path}`);
  await page.locator(ready).first().waitFor();
};

for (const width of WIDTHS) {
  const viewport = { width, height: 800 };

  test(`${width} px: the pages a visitor opens have no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    const cats = (await api('/categories')).data.categories;
    const product = '00000000-0000-4000-a000-000000000001';
    await audit(page, [
      ['главная', open(page, '/', card)],
      ['каталог', open(page, '/catalog', card)],
      ['категории', open(page, '/categories', '[data-testid="category-map"]')],
      ['категория', open(page, `/category/${cats[0].id}`, card)],
      ['товар', open(page, `/product/${product}`, '[data-testid="review"], [data-testid="reviews-empty"]')],
      ['пустая корзина', open(page, '/cart', '[data-testid="cart-empty"]')],
      ['вход', open(page, '/signin', '[data-testid="phone"]')],
      ['вход: код', async () => {
        await page.getByTestId('phone').pressSequentially('9990000001');
        await page.getByRole('button', { name: 'Получить код' }).click();
        await page.getByTestId('code').waitFor();
      }],
      ['нет такой страницы', open(page, '/nowhere', '[data-testid="not-found"]')],
      ['поиск без результатов', open(page, '/catalog?q=щщщщщщ', '[data-testid="empty-state"]')],
    ]);
  });

  test(`${width} px: the catalog reads by landmarks and headings: categories, filters, the grid, each product`, async () => {
    const page = await browser.page({ viewport });
    await open(page, '/catalog', card)();
    await page.getByRole('main').waitFor();
    await page.getByRole('navigation', { name: 'Категории' }).waitFor({ state: 'attached' });
    const filters = page.getByRole('complementary', { name: 'Фильтры' });
    await filters.waitFor({ state: 'attached' });
    // On a phone the panel opens from its button, which says whether it is open.
    const toggle = filters.getByRole('button', { name: /^Фильтры/ });
    if (await toggle.isVisible()) {
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    }
    assert.ok(await filters.getByRole('checkbox', { name: /наличии/ }).isVisible(), 'the filters are controls a screen reader names');
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    await page.getByRole('heading', { level: 2, name: 'Товары' }).waitFor({ state: 'attached' });
    const grid = page.getByRole('list', { name: 'Товары' });
    const cards = await grid.getByRole('listitem').count();
    assert.ok(cards > 0);
    assert.equal(await grid.getByRole('heading', { level: 3 }).count(), cards, 'each product is a heading under «Товары»');
  });

  test(`${width} px: error, loading, 429 and offline states have no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    const products = { method: 'GET', path: '/commerce/api/v1/products', count: 1 };
    await audit(page, [
      ['каталог: ошибка сервера', async () => {
        await injectFault({ ...products, status: 500 });
        await open(page, '/catalog', '[data-testid="error-panel"]')();
      }],
      ['каталог: 429', async () => {
        await injectFault({ ...products, status: 429, headers: { 'Retry-After': '30' } });
        await open(page, '/catalog', '[data-testid="retry-at"]')();
      }],
      ['каталог: загружается', async () => {
        await injectFault({ ...products, delayMs: 4000 });
        await open(page, '/catalog', '.skeleton')();
      }],
      ['каталог: нет сети', async () => {
        await open(page, '/catalog', card)();
        await page.context().setOffline(true);
        await page.getByTestId('offline-banner').waitFor();
        await page.locator(card).first().getByRole('link').first().click();
        await page.getByTestId('error-panel').waitFor();
      }],
    ]);
    await page.context().setOffline(false);
  });

  test(`${width} px: a shopper's cart, checkout and orders have no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    await signedIn(page, SHOPPER, '/cart');
    await audit(page, [
      ['корзина', async () => page.getByTestId('cart-line').first().waitFor()],
      ['оформление', open(page, '/checkout', '[data-testid="method"]')],
      ['оформление: 429', async () => {
        await page.getByRole('radio', { name: /Самовывоз/ }).check();
        await page.getByTestId('pickup-point').first().locator('input').check();
        await injectFault({ method: 'POST', path: '/commerce/api/v1/cart/checkout', exact: true, status: 429, headers: { 'Retry-After': '40' } });
        await page.getByTestId('place-order').click();
        await page.getByTestId('rate-wait').waitFor();
      }],
      ['заказы', open(page, '/account/orders', '[data-testid="order-row"]')],
      ['заказы: ничего не найдено', open(page, '/account/orders?from=2001-01-01&to=2001-01-02', '[data-testid="orders-empty"]')],
      ['заказ', async () => {
        await open(page, '/account/orders', '[data-testid="order-row"]')();
        await page.getByTestId('order-row').first().getByRole('link').first().click();
        await page.getByTestId('order-total').waitFor();
      }],
    ]);
  });

  test(`${width} px: an order placed and the payment's return page have no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    await signedIn(page, SHOPPER, '/cart');
    await page.getByTestId('cart-line').first().waitFor();
    await audit(page, [
      ['оформлено: реквизиты', async () => {
        await page.goto(`${APP_URL}/checkout`);
        await page.getByTestId('method').first().waitFor();
        await page.getByRole('radio', { name: /Самовывоз/ }).check();
        await page.getByTestId('pickup-point').first().locator('input').check();
        await page.getByTestId('pay-bank').check();
        await page.waitForFunction(() => document.querySelector('[data-testid="summary"] .summary')?.getAttribute('aria-busy') === 'false');
        await page.getByTestId('place-order').click();
        await page.getByTestId('bank-details').waitFor();
      }],
      ['оплата: страница возврата', async () => {
        // The order just placed, waiting for its bank transfer.
        const order = await page.getByRole('link', { name: 'Открыть заказ' }).getAttribute('href');
        const orderId = decodeURIComponent(order.split('/').pop());
        await open(page, `/checkout/return?orderId=${encodeURIComponent(orderId)}`, '[data-testid="payment-return"]')();
        await page.waitForTimeout(500);
      }],
    ]);
  });

  test(`${width} px: forms open with their errors — a review, cancelling and returning an order — have no serious axe findings`, async () => {
    const anna = (await control('users', undefined, 'GET')).users.find((u) => u.phone === '+79990000001');
    const page = await browser.page({ viewport });
    page.on('dialog', (d) => d.dismiss());
    await signedIn(page, SHOPPER, '/account/orders');
    const openOrder = async (i) => {
      await page.goto(`${APP_URL}/account/orders`);
      await openDemoOrder(page, i);
    };
    await audit(page, [
      ['отзыв: ошибки в форме', async () => {
        await open(page, `/product/${anna.purchased[0]}`, '[data-testid="product-title"]')();
        await page.getByTestId('write-review').click();
        await page.getByTestId('review-content').fill('Коротко');
        await page.getByTestId('review-submit').click();
        await page.getByTestId('problem-rating').waitFor();
      }],
      ['заказ: отмена без причины', async () => {
        await openOrder(1);
        await page.getByTestId('cancel-send').click();
        await page.getByTestId('cancel-problem').waitFor();
      }],
      ['заказ: возврат без товаров', async () => {
        await openOrder(5);
        await page.getByTestId('refund').waitFor();
        for (const item of await page.getByTestId('refund-item').all()) await item.uncheck();
        await page.getByTestId('refund-send').click();
        await page.getByTestId('refund-problem').waitFor();
      }],
    ]);
  });

  test(`${width} px: a withdrawal refused for a broken account has no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    await signedIn(page, MOUNTER, '/partner/withdrawals');
    await audit(page, [
      ['вывод: ошибка в счёте', async () => {
        await page.getByTestId('withdrawal').first().waitFor();
        for (const [label, value] of [['Сумма, ₽', '1 500,50'], ['ФИО', 'Петров Иван Сергеевич'], ['Дата рождения', '1985-04-12'],
          ['Серия и номер паспорта', '4510 123456'], ['Код подразделения', '770-001'], ['ИНН получателя', '500100732259'],
          ['БИК банка', '044525225'], ['Расчётный счёт', '40702810938000000002']]) {
          await page.getByLabel(label).fill(value);
        }
        await page.getByTestId('withdraw-send').click();
        await page.getByTestId('problem-account').waitFor();
      }],
    ]);
  });

  test(`${width} px: a dealer's cabinet (support, organizations, the form) has no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    await signedIn(page, '9990000003', '/partner');
    await audit(page, [
      ['кабинет дилера', async () => page.getByTestId('organization').first().waitFor()],
    ]);
  });

  test(`${width} px: the partner cabinet has no serious axe findings`, async () => {
    const page = await browser.page({ viewport });
    await signedIn(page, MOUNTER, '/partner');
    await audit(page, [
      ['кабинет', async () => page.getByTestId('level-progress').waitFor()],
      ['история', open(page, '/partner/history', '[data-testid="chart-point"]')],
      ['история: пусто', open(page, '/partner/history?from=2001-01-01&to=2001-01-02', '[data-testid="history-empty"]')],
      ['выводы', open(page, '/partner/withdrawals', '[data-testid="withdrawal"]')],
    ]);
  });
}
