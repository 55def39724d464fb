// The header on a 360 px phone: logo, catalog, account, heart and cart on one row above the
// search, for a guest and for a signed-in shopper; the catalog link keeps its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, signedIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();

/// The middles of the header's row items, and the search's top.
const rows = (page) =>
  page.evaluate(() => {
    const top = (el) => Math.round(el.getBoundingClientRect().top);
    const middle = (el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); };
    const items = [...document.querySelectorAll('.site-header__inner > .logo, .site-header__inner > .header-link, .header-actions > *')];
    return { items: items.map(middle), search: top(document.querySelector('.site-header .search')) };
  });

test('at 360 px a guest\'s and a shopper\'s header is one row above the search', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 640 } });
  await page.goto(`${APP_URL}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  const guest = await rows(page);
  assert.equal(new Set(guest.items).size, 1, `guest: ${JSON.stringify(guest)}`);
  assert.ok(guest.search > guest.items[0], 'the search below the row');
  assert.match(await page.getByRole('link', { name: 'Каталог' }).innerText(), /Каталог/, 'a guest sees the word');

  await signedIn(page, '9990000001', '/cart');
  await page.getByTestId('user-name').waitFor();
  const shopper = await rows(page);
  assert.equal(new Set(shopper.items).size, 1, `shopper: ${JSON.stringify(shopper)}`);
  const catalog = page.getByRole('link', { name: 'Каталог', exact: true });
  assert.equal(await catalog.isVisible(), true, 'the catalog link is there by its name');
  const box = await catalog.boundingBox();
  assert.ok(box.width >= 40 && box.height >= 40, `a 40 px target: ${JSON.stringify(box)}`);
  assert.ok(box.width < 60, `the burger alone, not the word: ${box.width} px`);
  await catalog.click();
  await page.waitForURL(/\/catalog$/);
  await page.close();
});

test('at 1280 px the signed-in header says «Каталог» in words', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 800 } });
  await signedIn(page, '9990000001', '/catalog');
  await page.getByTestId('user-name').waitFor();
  assert.match(await page.getByRole('link', { name: 'Каталог', exact: true }).innerText(), /Каталог/);
  await page.close();
});
