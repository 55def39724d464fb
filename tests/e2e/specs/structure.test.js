// The shape every later page relies on: sign-in comes back only to a page of this shop,
// sign-in-only pages are guarded in one place, bad route ids are 404, and a secondary
// source that has nothing (or fails) never stacks red panels on a product page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, injectFault, plain, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const PRODUCT = '00000000-0000-4000-a000-000000000001';
const PHONES = ['9990000001', '9990000002', '9990000003'];

test('sign-in returns only to a page of this shop, whatever the link says', async () => {
  // As a shopper would receive them in a link: tab, newline, backslash, other schemes.
  const hostile = [
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0D%0A/evil.example',
    '/%5Cevil.example',
    '%5C%5Cevil.example',
    '//evil.example',
    'https:evil.example',
    'https://evil.example/',
    'javascript:alert(document.domain)',
  ];
  for (const [i, next] of hostile.entries()) {
    const page = await browser.page({ viewport: { width: 1280, height: 800 } });
    const left = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) left.push(r.url());
    });
    await page.goto(`${APP_URL}/signin?next=${next}`);
    await signIn(page, PHONES[i % PHONES.length]);
    await page.getByTestId('user-name').waitFor();
    await page.waitForTimeout(200);
    const url = new URL(page.url());
    assert.equal(url.origin, new URL(APP_URL).origin, `${next} → ${page.url()}`);
    assert.equal(url.pathname, '/', `${next} → ${page.url()}`);
    assert.deepEqual(left, [], `${next}: requests left the shop`);
    await page.context().close();
    // The stub lets a phone ask for a new code once a second.
    await new Promise((r) => setTimeout(r, 400));
  }
  // A real path of the shop is where the shopper comes back to.
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/catalog?inStock=1&q=котёл')}`);
  await signIn(page, PHONES[0]);
  await page.waitForURL(/\/catalog\?inStock=1&q=/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'котёл');
  await page.context().close();
});

test('sign-in-only pages ask a guest to sign in and come back to the same page', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  for (const path of ['/account/orders', '/account/orders/A-1', '/checkout', '/partner']) {
    await page.goto(`${APP_URL}${path}`);
    await page.getByTestId('sign-in-required').waitFor();
    assert.match(plain(await page.locator('h1').textContent()), /Войдите, чтобы продолжить/);
  }
  await page.goto(`${APP_URL}/account/orders`);
  await page.getByTestId('sign-in-required').getByRole('link', { name: 'Войти' }).click();
  await page.waitForURL(/\/signin\?next=%2Faccount%2Forders$/);
  await signIn(page, PHONES[0]);
  await page.waitForURL(`${APP_URL}/account/orders`);
  await page.getByRole('heading', { name: 'Мои заказы' }).waitFor();
  assert.equal(await page.getByTestId('sign-in-required').count(), 0);
  // Signing out on a guarded page hides it again at once.
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByTestId('sign-in-required').waitFor();
  await page.context().close();
});

test('the guard’s way back follows the shopper from one sign-in-only page to another', async () => {
  // The guard is one parent route: it stays on screen while the page under it changes.
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${APP_URL}/signin?next=${encodeURIComponent('/partner')}`);
  await signIn(page, PHONES[2]);
  await page.waitForURL(`${APP_URL}/partner`);
  await page.getByTestId('user-name').click();
  await page.waitForURL(`${APP_URL}/account/orders`);
  await page.getByRole('button', { name: 'Выйти' }).click();
  const signInLink = page.getByTestId('sign-in-required').getByRole('link', { name: 'Войти' });
  await signInLink.waitFor();
  assert.match(await signInLink.getAttribute('href'), /\/signin\?next=%2Faccount%2Forders$/);
  await page.goBack();
  await page.waitForURL(`${APP_URL}/partner`);
  await page.waitForFunction(() =>
    /next=%2Fpartner$/.test(
      document.querySelector('[data-testid=sign-in-required] a')?.getAttribute('href') || '',
    ),
  );
  await signInLink.click();
  await page.waitForURL(/\/signin\?next=%2Fpartner$/);
  await page.context().close();
});

test('a product or category address with a malformed id is the 404 page', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  for (const path of ['/product/%09', '/category/%20%20', `/product/${'x'.repeat(150)}`]) {
    await page.goto(`${APP_URL}${path}`);
    await page.getByTestId('not-found').waitFor();
  }
  await page.context().close();
});

test('extras the partner API has nothing for stay out of the product page', async () => {
  for (const path of [`/partner/products/${PRODUCT}/also-buy`, `/partner/products/${PRODUCT}/certificates`, '/partner/products/warehouses']) {
    await injectFault({ method: 'POST', path, count: 5, status: 404 });
  }
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/product/${PRODUCT}`);
  await page.getByTestId('product-title').waitFor();
  await page.getByTestId('review-list').waitFor();
  await page.waitForLoadState('networkidle');
  const text = plain(await page.locator('main').textContent());
  for (const heading of ['С этим товаром покупают', 'Сертификаты', 'Наличие в магазинах']) {
    assert.ok(!text.includes(heading), `«${heading}» shown with nothing in it`);
  }
  assert.equal(await page.getByTestId('error-panel').count(), 0);
  assert.equal(await page.getByTestId('section-failed').count(), 0);
  await page.context().close();
});

test('an extra that fails says so in one line inside its section, and «Повторить» loads it', async () => {
  await injectFault({ method: 'POST', path: `/partner/products/${PRODUCT}/also-buy`, count: 1, status: 503 });
  await injectFault({ method: 'POST', path: `/partner/products/${PRODUCT}/certificates`, count: 1, status: 500 });
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${APP_URL}/product/${PRODUCT}`);
  await page.getByTestId('product-title').waitFor();
  const alsoBuy = page.getByTestId('also-buy');
  await alsoBuy.getByTestId('section-failed').waitFor();
  assert.match(plain(await alsoBuy.locator('h2').textContent()), /С этим товаром покупают/);
  assert.match(plain(await alsoBuy.getByTestId('section-failed').textContent()), /Не удалось загрузить/);
  await page.getByTestId('section-failed').nth(1).waitFor();
  assert.equal(await page.getByTestId('error-panel').count(), 0, 'no full-width panels for extras');
  await alsoBuy.getByRole('button', { name: 'Повторить' }).click();
  await alsoBuy.getByTestId('product-card').first().waitFor();
  assert.equal(await alsoBuy.getByTestId('section-failed').count(), 0);
  await page.context().close();
});
