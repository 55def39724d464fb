// Front page selections and categories, header search as you type, the category tree,
// the product page's partner/delivery extras, and writing a review (sign-in, rules, XSS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, STUB_URL, api, control, plain, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

const partner = async (path, body = {}) =>
  (await fetch(`${STUB_URL}/partner${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })).json();

test('the front page shows the three selections in order and the top categories with counts', async () => {
  const selections = (await partner('/product-selections')).data;
  const hit = selections.find((s) => s.type === 'HIT');
  const hitFirst = (await partner(`/product-selections/${hit.id}/products`, { limit: 8 })).data[0];
  const cats = (await api('/categories?includeProducts=true')).data.categories;

  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/`);
  await page.getByTestId('selection').nth(2).waitFor();
  const titles = (await page.getByTestId('selection').locator('h2').allTextContents()).map(plain);
  assert.deepEqual(titles, ['Новинки', 'Хиты продаж', 'Лучшие цены']);
  const hitRow = page.getByTestId('selection').nth(1);
  assert.equal(await hitRow.getByTestId('product-card').count(), 8);
  // The partner API names the product, the commerce API prices it: the card has both.
  const firstCard = hitRow.getByTestId('product-card').first();
  assert.equal(plain(await firstCard.getByTestId('product-name').textContent()), hitFirst.title);
  assert.match(plain(await firstCard.textContent()), /₽/);

  const tiles = page.getByTestId('category-tile');
  assert.equal(await tiles.count(), cats.length);
  const first = plain(await tiles.first().textContent());
  assert.ok(first.includes(cats[0].name) && first.includes(`${cats[0].productCount} товар`), first);
  await tiles.first().click();
  await page.getByRole('heading', { name: cats[0].name, level: 1 }).waitFor();
  await page.context().close();
});

test('typing in the header searches after a pause, replacing rather than stacking history', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog?inStock=1`);
  await page.getByTestId('product-card').first().waitFor();
  // By its label: once focused the box becomes a combobox (the suggestion list's chunk).
  const box = page.getByLabel('Поиск по магазину');
  await box.pressSequentially('насос', { delay: 40 });
  await page.waitForURL(/q=%D0%BD%D0%B0%D1%81%D0%BE%D1%81/);
  // On the catalog the other filters stay.
  assert.match(page.url(), /inStock=1/);
  await page.getByRole('heading', { name: 'Результаты поиска «насос»' }).waitFor();
  for (const n of (await page.getByTestId('product-name').allTextContents()).map(plain)) {
    assert.match(n.toLowerCase(), /насос/);
  }
  // The box kept every letter typed.
  assert.equal(await box.inputValue(), 'насос');
  await page.goBack();
  await page.waitForURL((u) => !u.pathname.endsWith('/catalog') || !u.search.includes('q='));
  await page.context().close();
});

test('the category tree beside the catalog leads into a category', async () => {
  const cats = (await api('/categories?includeProducts=true')).data.categories;
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/catalog`);
  const nav = page.getByRole('navigation', { name: 'Категории' });
  const child = cats[1].children[0];
  await nav.getByRole('link', { name: new RegExp(child.name) }).click();
  await page.getByRole('heading', { name: child.name, level: 1 }).waitFor();
  const here = nav.locator('[aria-current="page"]');
  assert.match(plain(await here.textContent()), new RegExp(child.name));
  await page.goto(`${APP_URL}/categories`);
  const map = page.getByTestId('category-map');
  await map.waitFor();
  assert.match(plain(await map.textContent()), new RegExp(cats[5].children[0].name));
  await page.context().close();
});

test('the product page shows also-buy, certificates, stock by shop and stock near the shopper', async () => {
  const id = '00000000-0000-4000-a000-000000000001';
  const also = (await partner(`/products/${id}/also-buy`, { limit: 8 })).data;
  const stock = (await partner('/products/warehouses', { productIds: [id] })).data[0].stock;
  const whs = (await partner('/warehouses', { limit: 100 })).data;
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.context().grantPermissions(['geolocation']);
  await page.context().setGeolocation({ latitude: 59.93, longitude: 30.36 });
  await page.goto(`${APP_URL}/product/${id}`);
  await page.getByTestId('product-title').waitFor();

  const alsoBuy = page.getByTestId('also-buy');
  await alsoBuy.getByTestId('product-card').first().waitFor();
  assert.equal(await alsoBuy.getByTestId('product-card').count(), also.length);

  const docs = page.getByTestId('certificates');
  await docs.waitFor();
  const link = docs.getByRole('link', { name: /Сертификат соответствия/ });
  assert.match(await link.getAttribute('href'), /\.pdf$/);
  const pdf = await fetch(await link.getAttribute('href'));
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');

  const table = page.getByTestId('warehouse-stock');
  await table.waitFor();
  const text = plain(await table.textContent());
  for (const s of stock.filter((x) => x.quantity > 0)) {
    const w = whs.find((x) => x.id === s.warehouseId);
    assert.ok(text.includes(w.title), `${w.title} missing`);
  }

  // By city first (Москва is the first city), then by the browser's position (Петербург).
  const near = page.getByTestId('near-stock');
  await page.waitForFunction(() => /наличи/.test(document.querySelector('[data-testid="near-stock"]')?.textContent || ''));
  assert.match(plain(await near.textContent()), /^В вашем городе/);
  await page.getByTestId('locate').click();
  await page.waitForFunction(() => /Рядом с вами/.test(document.querySelector('[data-testid="near-stock"]')?.textContent || ''));
  const spb = await fetch(`${STUB_URL}/delivery/v1/inventory?lat=59.93&lon=30.36&product_ids=${id}`).then((r) => r.json());
  const expected = spb.availability[0].available ? `в наличии, ${spb.availability[0].qty} шт.` : 'нет в наличии';
  assert.ok(plain(await near.textContent()).includes(expected), plain(await near.textContent()));
  await page.context().close();
});


const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Отличный котёл, греет ровно.';

test('writing a review: rules checked in the form, sign-in keeps the draft, the text stays inert', async () => {
  const users = (await control('users', undefined, 'GET')).users;
  const anna = users.find((u) => u.phone === '+79990000001');
  const bought = anna.purchased[0];
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => d.dismiss());
  await page.goto(`${APP_URL}/product/${bought}`);
  await page.getByTestId('product-title').waitFor();
  await page.getByTestId('write-review').click();

  // A rule broken: no stars, a text that is too short.
  await page.getByTestId('review-content').fill('Коротко');
  await page.getByTestId('review-submit').click();
  assert.match(plain(await page.getByTestId('problem-rating').textContent()), /Поставьте оценку/);
  assert.match(plain(await page.getByTestId('problem-content').textContent()), /хотя бы 10 символов/);
  assert.equal(page.url().includes('/signin'), false);

  // Valid now; a guest is sent to sign in and brought back with the draft.
  await page.getByTestId('rate-4').check();
  assert.equal(await page.getByTestId('rate-4').isChecked(), true);
  assert.equal(plain(await page.getByTestId('problem-rating').textContent()), '');
  await page.getByTestId('review-content').fill(XSS);
  await page.getByTestId('review-title').fill('Тёплый дом');
  await page.getByTestId('pros-add').click();
  await page.getByTestId('pros-0').fill('Тихий');
  await page.getByTestId('review-submit').click();
  await page.waitForURL(/\/signin\?next=/);
  await signIn(page, '9990000001', { wrongFirst: true });
  await page.waitForURL(new RegExp(`/product/${bought}`));
  await page.getByTestId('review-form').waitFor();
  assert.equal(await page.getByTestId('review-content').inputValue(), XSS);
  assert.equal(await page.getByTestId('pros-0').inputValue(), 'Тихий');
  await page.getByTestId('review-submit').click();
  await page.getByTestId('review-created').waitFor();
  assert.match(plain(await page.getByTestId('review-created').textContent()), /на модерации/);

  // The author sees it in the list, marked as pending, with the payload as plain text.
  const mine = page.getByTestId('review').filter({ has: page.getByTestId('review-pending') });
  await mine.first().waitFor();
  assert.ok(plain(await mine.first().textContent()).includes('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'));
  assert.equal(await page.getByTestId('review-list').locator('script, img[onerror]').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  // A second review of the same product is refused and explained.
  await page.reload();
  await page.getByTestId('write-review').click();
  await page.getByTestId('rate-5').check();
  await page.getByTestId('review-content').fill('Ещё раз: всё отлично работает.');
  await page.getByTestId('review-submit').click();
  await page.getByTestId('review-error').waitFor();
  assert.match(plain(await page.getByTestId('review-error').textContent()), /уже оставили отзыв/);

  // A product never bought: NOT_PURCHASED in Russian.
  const other = (await api('/products?pageSize=50')).data.products.find((p) => !anna.purchased.includes(p.id));
  await page.goto(`${APP_URL}/product/${other.id}`);
  await page.getByTestId('write-review').click();
  await page.getByTestId('rate-3').check();
  await page.getByTestId('review-content').fill('Хочу поделиться мнением о товаре.');
  await page.getByTestId('review-submit').click();
  await page.getByTestId('review-error').waitFor();
  assert.match(plain(await page.getByTestId('review-error').textContent()), /только о товаре, который вы купили/);

  // Signing out leaves no token, name or draft in storage.
  assert.match(plain(await page.getByTestId('user-name').textContent()), /Анна/);
  await page.getByTestId('sign-out').click();
  await page.getByRole('link', { name: 'Войти' }).waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert.equal(/token|Анна|review-draft/i.test(stored), false, stored);
  await page.context().close();
});

test('an expired token sends the shopper to sign in and back with the draft kept', async () => {
  const users = (await control('users', undefined, 'GET')).users;
  const anna = users.find((u) => u.phone === '+79990000001');
  const bought = anna.purchased[1];
  const page = await browser.page();
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent(`/product/${bought}`)}`);
  await signIn(page, '89990000001');
  await page.waitForURL(new RegExp(`/product/${bought}`));
  await page.getByTestId('user-name').waitFor();
  // The sign-in's own requests (the cart is read) are over before the token dies; else one
  // of them meets the 401 first and the shopper is at /signin before writing anything.
  await page.waitForLoadState('networkidle');
  // The stub forgets every token, as a real backend does when it expires.
  await control('reset', {});
  await page.getByTestId('write-review').click();
  await page.getByTestId('rate-5').check();
  await page.getByTestId('review-content').fill('Работает без нареканий уже месяц.');
  await page.getByTestId('review-submit').click();
  await page.waitForURL(/\/signin\?next=.*reason=expired/);
  await page.getByText('Сеанс истёк').waitFor();
  await signIn(page, '9990000001');
  await page.waitForURL(new RegExp(`/product/${bought}`));
  assert.equal(await page.getByTestId('review-content').inputValue(), 'Работает без нареканий уже месяц.');
  await page.context().close();
});
