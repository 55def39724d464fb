// The cart: a guest cart that survives reloads and follows other tabs, merged into the
// account at sign-in with refusals shown on their lines, instant steppers that send only
// the final quantity, removal, sign-out that leaves nothing personal, corrupted storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, COMMERCE, control, plain, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

const waitBadge = (page, n) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="cart-badge"]')?.textContent.trim() === String(n),
    n,
  );

/// Adds the first `n` cards of an in-stock catalog page; returns their product ids and names.
async function addFromCatalog(page, n) {
  await page.goto(`${APP_URL}/catalog?inStock=1&sort=price-asc`);
  const cards = page.getByTestId('product-card');
  await cards.nth(n - 1).waitFor();
  const picked = [];
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    const href = await card.locator('a').first().getAttribute('href');
    picked.push({ id: href.split('/product/')[1], name: plain(await card.getByTestId('product-name').textContent()) });
    await card.getByTestId('add-to-cart').click();
    await card.getByText('В корзине ✓').waitFor();
    await waitBadge(page, i + 1);
  }
  return picked;
}

const storedCart = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('vitrina.cart') || 'null'));


async function users() {
  return (await control('users', undefined, 'GET')).users;
}

async function serverLines(userId) {
  return (await control(`carts/${userId}`, undefined, 'GET')).lines;
}

async function requestCount(pattern) {
  const c = await control('counters', undefined, 'GET');
  return c.requests[pattern] || 0;
}

test('a guest cart survives a reload, follows into a second tab and adds the chosen variant', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const picked = await addFromCatalog(page, 3);

  // Stored as a versioned record.
  const rec = await storedCart(page);
  assert.equal(rec.v, 2);
  assert.ok(rec.savedAt > 1_700_000_000);
  assert.deepEqual(rec.lines.map((l) => l.productId).sort(), picked.map((p) => p.id).sort());

  await page.reload();
  await waitBadge(page, 3);
  await page.goto(`${APP_URL}/cart`);
  await page.getByTestId('cart-line').nth(2).waitFor();
  const names = (await page.getByTestId('cart-line-name').allTextContents()).map(plain);
  assert.deepEqual(names.sort(), picked.map((p) => p.name).sort());
  assert.match(plain(await page.getByTestId('sum-subtotal').textContent()), /₽$/);

  // A second tab sees the cart, and a change there reaches the first tab.
  const second = await page.context().newPage();
  await second.goto(`${APP_URL}/cart`);
  await second.getByTestId('cart-line').nth(2).waitFor();
  await second.getByTestId('qty-plus').first().click();
  await waitBadge(second, 4);
  await waitBadge(page, 4);
  assert.equal(await page.getByTestId('qty').first().inputValue(), '2');

  // The product page adds the variant the shopper picked, and the cart names it.
  let withVariants;
  for (let p = 1; !withVariants && p < 10; p++) {
    const list = await (await fetch(`${COMMERCE}/products?page=${p}&pageSize=50&status=ACTIVE`)).json();
    for (const item of list.data.products) {
      const d = (await (await fetch(`${COMMERCE}/products/${item.id}`)).json()).data;
      if (d.variants.filter((v) => v.stockQuantity > 0).length >= 2) {
        withVariants = d;
        break;
      }
    }
  }
  const variant = withVariants.variants.filter((v) => v.stockQuantity > 0)[1];
  await page.goto(`${APP_URL}/product/${withVariants.id}`);
  await page.getByTestId('variant').nth(1).waitFor();
  await page.getByTestId('variant').filter({ hasText: variant.name }).click();
  await page.waitForURL(new RegExp(`variant=${variant.id}`));
  await page.getByTestId('add-to-cart').click();
  await page.getByTestId('in-cart').waitFor();
  assert.match(plain(await page.getByTestId('in-cart').textContent()), /В корзине 1 шт/);
  await waitBadge(page, 5);
  await page.getByTestId('in-cart').click();
  const line = page.getByTestId('cart-line').filter({ hasText: withVariants.name });
  // The stub sends seed 003's kind of keys (`color`): the line names them in Russian.
  const [key, value] = Object.entries(variant.attributes)[0];
  const said = plain(await line.textContent());
  assert.match(key, /^[a-z][A-Za-z]*$/, 'the stub sends camelCase English keys');
  assert.match(said, new RegExp(`[А-ЯЁ][а-яё ]*: ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), said);
  assert.ok(!said.includes(`${key}:`), `the wire key «${key}» shown: ${said}`);
  await page.context().close();
});

test('signing in merges the guest cart, shows a refused line, steppers send one request, sign-out leaves nothing', async () => {
  const anna = (await users()).find((u) => u.phone === '+79990000001');
  const before = await serverLines(anna.id);
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const picked = await addFromCatalog(page, 3);
  // While the guest was deciding, the third product sold out.
  await control('stock', { productId: picked[2].id, stock: 0 });

  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/cart')}`);
  await signIn(page, '9990000001');
  await page.waitForURL(/\/cart$/);
  const refused = page.getByTestId('refused-line');
  await refused.waitFor();
  assert.equal(await refused.count(), 1);
  assert.ok(plain(await refused.textContent()).includes(picked[2].name));
  assert.match(plain(await page.getByTestId('refused-reason').textContent()), /Недостаточно товара на складе: доступно 0 шт/);

  // The account cart now holds its own lines and the two that were accepted.
  const merged = await serverLines(anna.id);
  for (const p of picked.slice(0, 2)) assert.ok(merged.some((l) => l.productId === p.id));
  assert.equal(
    merged.some((l) => l.productId === picked[2].id),
    before.some((l) => l.productId === picked[2].id),
  );
  assert.ok(merged.length >= before.length + 1);
  await page.getByTestId('cart-line').nth(merged.length - 1).waitFor();
  const units = merged.reduce((n, l) => n + l.quantity, 0);
  await waitBadge(page, units);
  // Settled on the server's figures: subtotal, tax and total add up.
  const answer = await page.evaluate(async (url) => {
    const s = JSON.parse(sessionStorage.getItem('vitrina.session'));
    const r = await fetch(`${url}/cart`, { headers: { authorization: `Bearer ${s.token}` } });
    return { status: r.status, body: await r.json() };
  }, COMMERCE);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const cart = answer.body.data;
  const rub = (n) => new Intl.NumberFormat('ru-RU', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2 }).format(n);
  await page.waitForFunction(
    (t) => (document.querySelector('[data-testid="sum-total"]')?.textContent || '').replace(/\s/g, ' ').includes(t),
    `${rub(cart.summary.total).replace(/\s/g, ' ')} ₽`,
  );

  // Four quick clicks: the badge follows each at once, the server gets one change.
  const patch = 'PATCH /commerce/api/v1/cart/items/:id';
  const patchesBefore = await requestCount(patch);
  const line = page.getByTestId('cart-line').filter({ hasText: picked[0].name });
  const startQty = Number(await line.getByTestId('qty').inputValue());
  // Clicked in the page 50 ms apart, as a quick thumb does, so a slow test machine
  // cannot stretch the gaps past the stepper's quiet time.
  await line.evaluate(async (el) => {
    const plus = el.querySelector('[data-testid=qty-plus]');
    const minus = el.querySelector('[data-testid=qty-minus]');
    for (const b of [plus, plus, plus, minus]) {
      b.click();
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await waitBadge(page, units + 2);
  await page.waitForFunction(
    async ([id, pid, q]) => {
      const r = await fetch(`http://127.0.0.1:18081/__control/carts/${id}`);
      const l = (await r.json()).lines.find((x) => x.productId === pid);
      return l && l.quantity === q;
    },
    [anna.id, picked[0].id, startQty + 2],
  );
  await page.waitForTimeout(600);
  assert.equal((await requestCount(patch)) - patchesBefore, 1);

  // A change the server refuses rolls back with the reason on the line.
  await control('stock', { productId: picked[0].id, stock: startQty + 2 });
  await line.getByTestId('qty-plus').click();
  await line.getByTestId('line-error').waitFor();
  assert.match(plain(await line.getByTestId('line-error').textContent()), /Недостаточно товара на складе: доступно \d+ шт/);
  assert.equal(await line.getByTestId('qty').inputValue(), String(startQty + 2));
  await waitBadge(page, units + 2);

  // Removal.
  await line.getByTestId('remove-line').click();
  await page.waitForFunction(
    async ([id, pid]) => {
      const r = await fetch(`http://127.0.0.1:18081/__control/carts/${id}`);
      return !(await r.json()).lines.some((x) => x.productId === pid);
    },
    [anna.id, picked[0].id],
  );
  assert.equal(await page.getByTestId('cart-line').filter({ hasText: picked[0].name }).count(), 0);

  // Sign-out: no token, no name, no cart left in either storage.
  await page.getByTestId('sign-out').click();
  await waitBadge(page, 0);
  const stored = await page.evaluate(() => {
    const all = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    return [...all(localStorage), ...all(sessionStorage)].join('\n');
  });
  assert.ok(!stored.includes('vitrina.session'), stored);
  assert.ok(!stored.includes('vitrina.cart'), stored);
  assert.ok(!stored.includes(anna.name), stored);
  assert.ok(!stored.includes('+79990000001'), stored);
  await page.getByTestId('cart-empty').waitFor();
  await page.context().close();
});

test('a corrupted or unknown stored cart is dropped with a notice and the cart still works', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 780 } });
  await page.goto(`${APP_URL}/cart`);
  await page.getByTestId('cart-empty').waitFor();
  for (const bad of ['{"v":2,"lines":[{"productId":', '{"v":99,"savedAt":1,"lines":[]}']) {
    await page.evaluate((raw) => localStorage.setItem('vitrina.cart', raw), bad);
    await page.reload();
    await page.getByTestId('cart-notice').waitFor();
    assert.match(plain(await page.getByTestId('cart-notice').textContent()), /очищена/);
    assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.cart')), null);
  }
  await page.getByRole('link', { name: 'Перейти в каталог' }).click();
  await page.getByTestId('add-to-cart').first().waitFor();
  const card = page.getByTestId('product-card').filter({ has: page.locator('[data-testid="add-to-cart"]:not([disabled])') }).first();
  await card.getByTestId('add-to-cart').click();
  await waitBadge(page, 1);
  assert.equal((await storedCart(page)).lines.length, 1);
  await page.context().close();
});

test('a full storage keeps the cart working in memory with a warning', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'vitrina.cart') throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await addFromCatalog(page, 2);
  await page.getByText('Память браузера заполнена').first().waitFor();
  await page.getByRole('link', { name: /^Корзина \d+ товар/ }).click();
  await page.getByTestId('cart-line').nth(1).waitFor();
  await page.context().close();
});

test('when the sign-in runs out the shopper signs in again and returns to the same cart', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/cart')}`);
  await signIn(page, '9990000001');
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('cart-line').first().waitFor();
  const names = (await page.getByTestId('cart-line-name').allTextContents()).map(plain);
  // The token has two seconds left.
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('vitrina.session'));
    s.expiresAt = Math.floor(Date.now() / 1000) + 2;
    sessionStorage.setItem('vitrina.session', JSON.stringify(s));
  });
  await page.reload();
  await page.getByTestId('cart-line').first().waitFor();
  await page.waitForURL(/\/signin\?next=%2Fcart&reason=expired/, { timeout: 6000 });
  await page.getByText('Сеанс истёк').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('vitrina.session')), null);
  await signIn(page, '9990000001');
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('cart-line').nth(names.length - 1).waitFor();
  assert.deepEqual((await page.getByTestId('cart-line-name').allTextContents()).map(plain), names);
  await page.context().close();
});

test('a partner sees the estimated commission; clearing asks first and empties the account cart', async () => {
  const ivan = (await users()).find((u) => u.partnerId);
  const page = await browser.page({ viewport: { width: 360, height: 780 } });
  await addFromCatalog(page, 2);
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/cart')}`);
  await signIn(page, ivan.phone.slice(2));
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('cart-commission').waitFor();
  const cart = (await page.evaluate(async (url) => {
    const s = JSON.parse(sessionStorage.getItem('vitrina.session'));
    return (await fetch(`${url}/cart`, { headers: { authorization: `Bearer ${s.token}` } })).json();
  }, COMMERCE)).data;
  const money = plain(new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2 }).format(cart.estimatedCommission));
  assert.ok(plain(await page.getByTestId('cart-commission').textContent()).includes(money.replace(/,00$/, '')));
  // «Очистить» asks; «Отмена» keeps everything.
  await page.getByTestId('clear-cart').click();
  await page.getByRole('button', { name: 'Отмена' }).click();
  assert.equal(await page.getByTestId('cart-line').count(), cart.items.length);
  await page.getByTestId('clear-cart').click();
  await page.getByTestId('clear-confirm').click();
  await page.getByTestId('cart-empty').waitFor();
  await waitBadge(page, 0);
  await page.waitForFunction(async (id) => (await (await fetch(`http://127.0.0.1:18081/__control/carts/${id}`)).json()).lines.length === 0, ivan.id);
  await page.getByRole('link', { name: 'Перейти в каталог' }).waitFor();
  await page.context().close();
});

test('a line the shop could not take at sign-in is shown, kept, and sent again on reload — once', async () => {
  const ivan = (await users()).find((u) => u.phone === '+79990000002');
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const picked = await addFromCatalog(page, 2);
  const stored = await storedCart(page);
  assert.ok(stored.lines.every((l) => typeof l.mergeKey === 'string' && l.mergeKey.length >= 32));
  // The shop is briefly down for the first line. (A lost answer is healed below the app:
  // Chromium resends a POST whose connection died, with the same Idempotency-Key, and the
  // stub replays; the stored key covers a tab closed mid-merge the same way.)
  await control('faults', { method: 'POST', path: '/commerce/api/v1/cart/items', status: 503, count: 1 });
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/cart')}`);
  await signIn(page, '9990000002');
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('refused-line').waitFor();
  assert.match(plain(await page.getByTestId('refused-reason').textContent()), /Нет связи с магазином/);
  const kept = await storedCart(page);
  assert.equal(kept.lines.length, 1);
  // The key it was first sent with is the key it will be sent with again.
  assert.equal(kept.lines[0].mergeKey, stored.lines.find((l) => l.productId === kept.lines[0].productId).mergeKey);
  // Reload: the kept line is sent again.
  await page.reload();
  await page.getByTestId('cart-line').nth(1).waitFor();
  await page.waitForFunction(() => localStorage.getItem('vitrina.cart') === null);
  const lines = await serverLines(ivan.id);
  for (const p of picked) {
    const qty = lines.filter((l) => l.productId === p.id).reduce((n, l) => n + l.quantity, 0);
    assert.equal(qty, 1, `${p.name}: ${qty}`);
  }
  assert.equal(await page.getByTestId('refused-line').count(), 0);
  await page.context().close();
});

test('an old (v1) stored cart is upgraded: its lines get names and prices from the catalog', async () => {
  const list = (await (await fetch(`${COMMERCE}/products?status=ACTIVE&pageSize=2`)).json()).data.products;
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/cart`);
  await page.getByTestId('cart-empty').waitFor();
  await page.evaluate(
    (ids) => localStorage.setItem('vitrina.cart', JSON.stringify({ v: 1, savedAt: 1, lines: ids.map((productId) => ({ productId, quantity: 2 })) })),
    list.map((p) => p.id),
  );
  await page.reload();
  await waitBadge(page, 4);
  for (const p of list) {
    await page.getByTestId('cart-line-name').filter({ hasText: p.name }).waitFor();
  }
  assert.equal(await page.getByTestId('cart-notice').count(), 0);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('vitrina.cart')).lines.every((l) => l.name));
  const rec = await storedCart(page);
  assert.equal(rec.v, 2);
  assert.deepEqual(rec.lines.map((l) => l.quantity), [2, 2]);
  await page.context().close();
});

test('a removed line can be brought back from the toast', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 780 } });
  const picked = await addFromCatalog(page, 2);
  await page.goto(`${APP_URL}/cart`);
  const line = page.getByTestId('cart-line').filter({ hasText: picked[1].name });
  await line.getByTestId('qty-plus').click();
  await waitBadge(page, 3);
  await line.getByTestId('remove-line').click();
  await waitBadge(page, 1);
  const undo = page.getByTestId('toast').filter({ hasText: 'удалён из корзины' });
  assert.ok(plain(await undo.textContent()).includes(picked[1].name));
  await undo.getByTestId('toast-action').click();
  await waitBadge(page, 3);
  await page.getByTestId('cart-line').filter({ hasText: picked[1].name }).waitFor();
  assert.equal(await page.getByTestId('toast').filter({ hasText: 'удалён из корзины' }).count(), 0);
  const rec = await storedCart(page);
  assert.equal(rec.lines.find((l) => l.productId === picked[1].id).quantity, 2);
  await page.context().close();
});

test('when the account cart cannot be read after sign-in the page says so and «Повторить» loads it', async () => {
  const anna = (await users()).find((u) => u.phone === '+79990000001');
  const lines = await serverLines(anna.id);
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/cart')}`);
  await control('faults', { method: 'GET', path: '/commerce/api/v1/cart', status: 503, count: 1 });
  await signIn(page, '9990000001');
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('cart-load-failed').waitFor();
  await page.getByTestId('cart-retry').click();
  await page.getByTestId('cart-line').nth(lines.length - 1).waitFor();
  assert.equal(await page.getByTestId('cart-load-failed').count(), 0);
  await waitBadge(page, lines.reduce((n, l) => n + l.quantity, 0));
  await page.context().close();
});
