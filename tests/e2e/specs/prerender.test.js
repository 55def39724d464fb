// Issue 23: the browser takes a prerendered page over. The built dist/ is copied, a few pages
// prerendered into the copy (tools/prerender-one.mjs: the deploy step) and served by
// vitrina-serve on a free port, against the e2e stub:
// - with scripts off, /product/<id> shows its name, price, description, photo, breadcrumb;
// - with scripts on, the title never leaves the screen between first paint and the app,
//   and after the swap the app's «В корзину» adds;
// - a price changed after the prerender is the one shown after the swap and in the cart;
// - «В корзину» pressed before the app runs is said at once and done after the swap; what
//   was typed into the prerendered search box is in the app's;
// - pages without a prerender (/cart, a filtered catalog) are drawn by the app as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { api, control, plain, serveDir, specBrowser } from '../tools/harness.js';
import { existsSync } from 'node:fs';
import { prerender } from '../tools/prerender-one.mjs';

const browser = specBrowser();
const ROOT = resolve(process.cwd(), '../..');
const CONFIG = join(ROOT, 'tests/e2e/config.e2e.json');
const SHOTS = process.env.SHOTS_DIR;
let temp;
let server;
let site;
let product;

/// The first product of the catalog's first page that is in stock, with no variants.
async function pickProduct() {
  const list = await api('/products?page=1&pageSize=24');
  for (const p of list.data.products) {
    const detail = (await api(`/products/${p.id}`)).data;
    if (detail.stockQuantity > 0 && !(detail.variants || []).length) return detail;
  }
  throw new Error('no product in stock without variants');
}

before(async () => {
  await control('reset', {});
  product = await pickProduct();
  temp = mkdtempSync(join(tmpdir(), 'vitrina-prerender-'));
  const dir = join(temp, 'site');
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  await prerender(dir, CONFIG);
  // The walk's requests are not the shopper's: a fresh rate-limit window for the tests.
  await control('reset', {});
  ({ server, url: site } = await serveDir(dir, ['--config', CONFIG]));
});
after(() => {
  server?.kill();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/// `1 234,50 ₽` of an API amount, as the pages print it (plain spaces).
const rub = (amount) => {
  const [int, frac] = Number(amount).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return frac === '00' ? `${grouped} ₽` : `${grouped},${frac} ₽`;
};

/// A page whose main wasm waits until `release()` is called: the prerendered page is all
/// there is until then.
async function heldPage(options = {}) {
  const page = await browser.page({ viewport: { width: 1280, height: 900 }, ...options });
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return { page, release };
}

const swapped = (page) =>
  page.waitForFunction(() => !document.getElementById('prerendered') && document.getElementById('app') && !document.getElementById('app').hidden, null, { timeout: 15000 });

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: false });
}

test('with scripts off, a prerendered product page shows its name, price, description, photo and path', async () => {
  const page = await browser.page({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await page.goto(`${site}/product/${product.id}`);
  assert.equal(plain(await page.textContent('[data-testid=product-title]')), plain(product.name));
  assert.equal(plain(await page.textContent('[data-testid=price]')), rub(product.price));
  assert.ok(plain(await page.textContent('.product__description')).length > 20, 'a description');
  const crumbs = plain(await page.textContent('[data-testid=breadcrumb]'));
  assert.ok(crumbs.includes(plain(product.category.name)), crumbs);
  const img = await page.$('[data-testid=gallery-image]');
  assert.ok(img, 'the main photo');
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo is loaded');
  assert.ok((await page.title()).includes(product.name.trim()), await page.title());
  const links = await page.$$eval('a[href*="/product/"], a[href*="/category/"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 0, 'real links before any script');
  // «В корзину» cannot work without scripts: not offered, and the page says why.
  assert.equal(await page.isVisible('[data-testid=add-to-cart]'), false, 'a cart button that would do nothing');
  const why = await page.$eval('.product__cart', (el) => getComputedStyle(el, '::after').content);
  assert.match(why, /включите JavaScript/, why);
  await shot(page, 'prerender-product-noscript.png');
});

test('the product title never leaves the screen from first paint to the app, and the app adds to the cart', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  // Every frame from the first: is the title on screen? (a visible h1 with the name)
  await page.addInitScript((name) => {
    self.__frames = [];
    const look = () => {
      const h = document.querySelector('[data-testid=product-title]');
      const shown = !!h && h.offsetParent !== null && h.textContent.trim() === name.trim();
      self.__frames.push(shown);
      if (self.__frames.length < 2000) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, product.name);
  await page.goto(`${site}/product/${product.id}`);
  await swapped(page);
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => self.__frames);
  const first = frames.indexOf(true);
  assert.ok(first >= 0, 'the title was shown');
  const lost = frames.slice(first).filter((f) => !f).length;
  assert.equal(lost, 0, `frames without the title after it was first shown: ${lost} of ${frames.length}`);
  const badge = () => page.textContent('[data-testid=cart-badge]').then(plain);
  assert.equal(await badge(), '0');
  await page.click('#app [data-testid=add-to-cart]');
  await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.textContent.trim() === '1');
  await shot(page, 'prerender-product-app.png');
});

// Each prerendered page and what shows the app has drawn it with its data.
const DRAWN = {
  '/': '.category-tiles li',
  '/catalog': '[data-testid=product-grid] [data-testid=product-card]',
  '/categories': '[data-testid=category-map] a',
  // The stub's first root category («Отопление»): its page is prerendered with its data too.
  '/category/00000000-0000-4000-c000-000000000001': '[data-testid=product-grid] [data-testid=product-card]',
};

test('every prerendered page stays until the app has drawn it with its data, then swaps at once, never blank', async () => {
  for (const [path, drawn] of Object.entries(DRAWN)) {
    const page = await browser.page({ viewport: { width: 1280, height: 900 } });
    // Every frame from the first: a page heading on screen? the app's page drawn in its
    // (hidden) root while the prerendered page is still shown?
    await page.addInitScript((drawn) => {
      self.__frames = [];
      const look = () => {
        const h1 = [...document.querySelectorAll('h1')].some((h) => h.offsetParent !== null && h.textContent.trim());
        const app = document.getElementById('app');
        const late = !!document.getElementById('prerendered') && !!app && !!app.querySelector(drawn);
        self.__frames.push({ h1, late });
        if (self.__frames.length < 3000) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, drawn);
    await page.goto(`${site}${path}`);
    await swapped(page);
    await page.waitForTimeout(200);
    const frames = await page.evaluate(() => self.__frames);
    const first = frames.findIndex((f) => f.h1);
    assert.ok(first >= 0, `${path}: a heading was shown`);
    const blank = frames.slice(first).filter((f) => !f.h1).length;
    assert.equal(blank, 0, `${path}: frames without a heading after the first: ${blank}`);
    const late = frames.filter((f) => f.late).length;
    assert.ok(late <= 2, `${path}: the app's page was drawn but hidden behind the prerendered one for ${late} frames`);
    await page.close();
  }
});

test('a prerendered page asks for the app only after its first paint; the shell at once', async () => {
  // When the page asked for its code (the start module, the main wasm, the page's chunks),
  // against its own first paint (and, for the shell, its load event).
  const times = (page) =>
    page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const code = performance
        .getEntriesByType('resource')
        .filter((r) => /(_bg\.wasm|\/start-[^/]*\.js|\/chunk_[^/]*\.wasm)$/.test(r.name))
        .map((r) => r.startTime);
      return { load: nav.loadEventStart, paint: paint ? paint.startTime : null, code: code.length ? Math.min(...code) : null };
    });
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site}/product/${product.id}`);
  await swapped(page);
  const pre = await times(page);
  assert.ok(pre.code !== null && pre.paint !== null, JSON.stringify(pre));
  assert.ok(pre.code >= pre.paint, `the app was asked for before the page was painted: ${JSON.stringify(pre)}`);
  // The shell (no prerender) starts its code at once, before its load event.
  await page.goto(`${site}/cart`);
  await page.waitForSelector('#app:not([hidden]) h1, main h1');
  const shell = await times(page);
  assert.ok(shell.code !== null && shell.code < shell.load, `the shell waited: ${JSON.stringify(shell)}`);
  await page.close();
});

test('a price changed after the prerender is the one shown after the swap and the one the cart uses', async () => {
  const price = (Math.round(Number(product.price) * 100) + 1234) / 100;
  await control('price', { productId: product.id, price: price.toFixed(2) });
  const { page, release } = await heldPage();
  await page.goto(`${site}/product/${product.id}`);
  // The prerendered page says the price of the deploy ...
  assert.equal(plain(await page.textContent('#prerendered [data-testid=price]')), rub(product.price));
  release();
  await swapped(page);
  // ... the app, the API's price now.
  await page.waitForFunction((want) => document.querySelector('[data-testid=price]')?.textContent.replace(/\s/g, ' ').trim() === want, rub(price));
  await page.click('[data-testid=add-to-cart]');
  await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.textContent.trim() === '1');
  await page.goto(`${site}/cart`);
  await page.waitForSelector('[data-testid=cart-line]');
  const line = plain(await page.textContent('[data-testid=cart-line]'));
  assert.ok(line.includes(rub(price)), `the cart line says ${rub(price)}: ${line}`);
  assert.ok(!line.includes(rub(product.price)), `never the prerendered ${rub(product.price)}: ${line}`);
});

test('«В корзину» pressed before the app runs is said at once and done after the swap', async () => {
  const { page, release } = await heldPage();
  await page.goto(`${site}/product/${product.id}`);
  const button = '#prerendered [data-testid=add-to-cart]';
  await page.click(button);
  assert.equal(plain(await page.textContent(button)), 'Добавляем…');
  assert.equal(await page.$eval(button, (b) => b.disabled), true);
  await shot(page, 'prerender-product-early-click.png');
  release();
  await swapped(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.textContent.trim() === '1');
});

test('until early.js has run, a prerendered page is painted and its «В корзину» kept invisible in place', async () => {
  // early.js is deferred on a prerendered page: the page paints without it. Held back here,
  // as on a connection where it comes in after the CSS.
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\/early-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${site}/product/${product.id}`, { waitUntil: 'commit' });
  const button = '#prerendered [data-testid=add-to-cart]';
  await page.waitForSelector('#prerendered h1');
  assert.equal(await page.isVisible('#prerendered h1'), true, 'the page is painted without early.js');
  const before = await page.$eval(button, (b) => ({ seen: getComputedStyle(b).visibility, box: b.getBoundingClientRect().toJSON() }));
  assert.equal(before.seen, 'hidden', 'a button that could do nothing is not shown');
  release();
  await page.waitForFunction((b) => getComputedStyle(document.querySelector(b)).visibility === 'visible', button);
  const after = await page.$eval(button, (b) => b.getBoundingClientRect().toJSON());
  assert.deepEqual(after, before.box, 'the button appears where it was kept: nothing moves');
  await page.click(button);
  await swapped(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.textContent.trim() === '1');
  await page.close();
});

test('a prerendered page says «Нет сети» while the app is still on its way', async () => {
  // early.js leaves the page's DOM alone until the page is painted: the banner goes in when
  // the app is asked for (start()), not at DOMContentLoaded as on the shell.
  const { page, release } = await heldPage();
  await page.goto(`${site}/product/${product.id}`);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/start-[^/]*\.js$/.test(r.name)));
  await page.context().setOffline(true);
  const banner = page.getByTestId('offline-banner');
  await banner.getByText(/Нет сети/).waitFor();
  assert.equal(await banner.getAttribute('role'), 'status');
  assert.equal(await page.isVisible('#prerendered h1'), true, 'the prerendered page is still what is shown');
  await page.context().setOffline(false);
  await page.waitForFunction(() => document.querySelector('[data-testid=offline-banner]')?.textContent === '');
  release();
  await swapped(page);
  assert.equal(await page.getByTestId('offline-banner').count(), 1, 'one banner, not one per start');
  await page.close();
});

test('what was typed into the prerendered search box is in the app\'s after the swap', async () => {
  const { page, release } = await heldPage();
  await page.goto(`${site}/categories`);
  await page.click('#prerendered #site-search');
  await page.keyboard.type('котёл');
  release();
  await swapped(page);
  assert.equal(await page.inputValue('#app #site-search'), 'котёл');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
  // The app takes it as typed: the catalog follows the search box.
  await page.waitForURL(/\/catalog\?.*q=/, { timeout: 10000 });
});

test('pages without a prerender are drawn by the app as before', async () => {
  for (const [path, ready] of [
    ['/cart', '[data-testid=cart-empty], .cart-empty, h1'],
    ['/catalog?q=%D0%BA%D0%BE%D1%82%D1%91%D0%BB', '[data-testid=result-count]'],
  ]) {
    const { page, release } = await heldPage();
    await page.goto(`${site}${path}`);
    // Not the prerendered home page (the SPA fallback) nor the unfiltered catalog.
    assert.equal(await page.$('#prerendered'), null, `${path}: no prerendered page`);
    assert.ok(await page.$('#boot'), `${path}: the boot placeholder`);
    release();
    await page.waitForSelector(ready);
    const title = plain(await page.textContent('h1'));
    assert.ok(!/Всё для дома/.test(title), `${path}: ${title}`);
    if (path.startsWith('/catalog')) assert.match(title, /Результаты поиска «котёл»/);
    await page.close();
  }
});

test('under a sub-path (/shop/) a prerendered product page is served, kept under the base and taken over', { skip: !existsSync(join(ROOT, 'dist-sub')) && 'no dist-sub (PUBLIC_URL=/shop/ DIST=dist-sub scripts/build.sh)' }, async () => {
  const dir = join(temp, 'sub');
  cpSync(join(ROOT, 'dist-sub'), dir, { recursive: true });
  await prerender(dir, CONFIG);
  await control('reset', {});
  const { server: sub, url } = await serveDir(dir, ['--config', CONFIG, '--public-url', '/shop/']);
  try {
    assert.match(url, /\/shop$/, url);
    // Scripts off: the page itself, every in-app link under /shop/.
    const bare = await browser.page({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await bare.goto(`${url}/product/${product.id}`);
    assert.equal(plain(await bare.textContent('[data-testid=product-title]')), plain(product.name));
    const links = await bare.$$eval('#prerendered a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length > 0, 'links');
    const off = links.filter((h) => !h.startsWith('/shop/') && h !== '/shop');
    assert.deepEqual(off, [], 'links off the base');
    await bare.close();
    // Scripts on: taken over by the app (the path it was drawn for is the URL's without the base).
    const page = await browser.page({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/product/${product.id}`);
    await swapped(page);
    assert.equal(plain(await page.textContent('[data-testid=product-title]')), plain(product.name));
    await page.click('#app [data-testid=breadcrumb] a[href*="/category/"]');
    await page.waitForURL(/\/shop\/category\//);
    await page.waitForSelector('h1');
    await page.close();
  } finally {
    sub.kill();
  }
});
