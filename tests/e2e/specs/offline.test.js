// The network cut in the browser (issue 14, «offline»): a banner says so, the cart stays,
// a page that could not load says there is no connection and asks nothing in a loop, and
// once the network is back the banner goes and the page loads by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, plain, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

test('offline: a banner, the cart kept, no request loop; back online the page loads by itself', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await page.goto(`${APP_URL}/catalog?inStock=1`);
  const card = page.getByTestId('product-card').first();
  await card.getByTestId('add-to-cart').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cart-badge"]')?.textContent.trim() === '1');
  const banner = page.getByTestId('offline-banner');
  assert.equal(await banner.isVisible(), false, 'no banner while online');

  await page.context().setOffline(true);
  await banner.getByText(/Нет сети/).waitFor();
  assert.equal(await banner.getAttribute('role'), 'status', 'announced to screen readers');
  // Page 2 cannot load: said in place.
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.getByTestId('error-panel').waitFor();
  assert.match(plain(await page.getByTestId('error-panel').textContent()), /Нет связи с магазином/);
  const asked = [];
  page.on('request', (r) => { if (!/\.(wasm|js|css|svg|png|jpg|webp)$/.test(new URL(r.url()).pathname)) asked.push(r.url()); });
  await page.waitForTimeout(5000);
  assert.ok(asked.length <= 1, `asked ${asked.length} times in 5 s while offline`);
  assert.equal(plain(await page.getByTestId('cart-badge').textContent()), '1', 'the cart stays');
  assert.ok(await page.evaluate(() => (localStorage.getItem('vitrina.cart') || '').includes('"quantity":1')), 'and its record');

  await page.context().setOffline(false);
  await page.getByTestId('product-card').first().waitFor();
  assert.equal(await page.getByTestId('error-panel').count(), 0, 'loaded without a press');
  assert.equal(await banner.isVisible(), false);
  assert.match(page.url(), /page=2/);
});
