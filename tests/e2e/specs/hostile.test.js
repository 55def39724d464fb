// Hostile data: the same dist/ against a stub started with `--hostile` (tests/stub-api/src/
// hostile.rs), whose names, descriptions, attributes, categories, reviews, addresses,
// pickup points and tracking carry script tags, event handlers, `javascript:`/`data:` URLs,
// SVG with script, a 400-letter word and right-to-left text. On every page, at 360 and
// 1280 px: nothing runs (`window.__pwned` stays unset, no element grows an `on…`
// attribute, no frame or object appears), the payloads are shown as text, every link and
// picture the page draws is http(s), and nothing is wider than the screen. The CSP and
// token checks of tools/harness.js run here too.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plain, signedIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const APP = process.env.HOSTILE_APP_URL || 'http://127.0.0.1:18084';
const STUB = process.env.HOSTILE_STUB_URL || 'http://127.0.0.1:18083';
const id = (n) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

beforeEach(async () => {
  const res = await fetch(`${STUB}/__control/reset`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  assert.ok(res.ok, 'the hostile stub resets');
});

/// Everything the page must not have, read from the page as it is now.
async function inspect(page) {
  return page.evaluate(() => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push('window.__pwned was set: a payload ran');
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
    for (const el of document.querySelectorAll('iframe, object, embed, frame, body script:not([type="application/json"])')) {
      bad.push(`a <${el.tagName.toLowerCase()}> element in the page`);
    }
    const urls = [
      ...[...document.querySelectorAll('a[href], area[href]')].map((a) => ['href', a.getAttribute('href'), a.href]),
      ...[...document.querySelectorAll('img[src], source[src], image')].map((i) => ['src', i.getAttribute('src') ?? i.getAttribute('href'), i.src ?? '']),
      ...[...document.querySelectorAll('[srcset]')].map((i) => ['srcset', i.getAttribute('srcset'), i.getAttribute('srcset')]),
      ...[...document.querySelectorAll('form[action]')].map((f) => ['action', f.getAttribute('action'), f.action]),
    ];
    for (const [kind, raw, resolved] of urls) {
      let ok = false;
      try {
        const u = new URL(resolved, document.baseURI);
        ok = u.protocol === 'http:' || u.protocol === 'https:' || (kind === 'href' && /^tel:\+\d{6,15}$/.test(raw));
      } catch {}
      if (!ok) bad.push(`${kind}="${String(raw).slice(0, 60)}"`);
    }
    const wide = document.documentElement.scrollWidth - window.innerWidth;
    if (wide > 1) {
      const over = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.querySelector('*'));
      const name = (e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
      bad.push(`the page is ${wide}px wider than the screen: ${over.slice(0, 3).map((e) => `${name(e.parentElement)} > ${name(e)}`).join(', ')}`);
    }
    return bad;
  });
}

async function visit(page, path, ready) {
  await page.goto(`${APP}${path}`);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(300);
}

for (const width of [360, 1280]) {
  test(`${width} px: hostile names, descriptions, attributes, categories and reviews run nothing and stay on screen`, async () => {
    const page = await browser.page({ viewport: { width, height: 800 } });
    const found = [];
    const check = async (where) => {
      for (const b of await inspect(page)) found.push(`${where}: ${b}`);
    };
    await visit(page, '/catalog', '[data-testid="product-card"]');
    // The payloads are shown as the text they are, not dropped and not run.
    const names = (await page.getByTestId('product-name').allTextContents()).map(plain).join('\n');
    assert.match(names, /<script>window\.__pwned=1<\/script>/);
    assert.match(names, /onerror="window\.__pwned=1"/);
    await check('каталог');
    await visit(page, '/', '[data-testid="category-tile"]');
    await page.getByTestId('product-card').first().waitFor();
    await check('главная');
    await visit(page, '/categories', '[data-testid="category-map"]');
    assert.match(plain(await page.getByTestId('category-map').textContent()), /window\.__pwned/);
    await check('категории');
    for (const n of [1, 2, 3, 8, 9]) {
      await visit(page, `/product/${id(n)}`, '[data-testid="product-title"]');
      await page.locator('[data-testid="review"], [data-testid="reviews-empty"]').first().waitFor();
      await check(`товар ${n}`);
    }
    // A hostile product's specifications and reviews are on its page, as text.
    const body = plain(await page.locator('main').textContent());
    assert.match(body, /window\.__pwned=1/);
    await visit(page, `/catalog?q=${encodeURIComponent('<script>')}`, '[data-testid="product-card"], [data-testid="empty-state"]');
    await check('поиск «<script>»');
    assert.deepEqual(found, []);
  });

  test(`${width} px: hostile addresses, pickup points, orders and tracking run nothing and stay on screen`, async () => {
    const page = await browser.page({ viewport: { width, height: 800 } });
    const found = [];
    const check = async (where) => {
      for (const b of await inspect(page)) found.push(`${where}: ${b}`);
    };
    await signedIn(page, '9990000001', '/cart', APP);
    await page.getByTestId('cart-line').first().waitFor();
    await check('корзина');
    await visit(page, '/checkout', '[data-testid="method"]');
    assert.match(plain(await page.getByTestId('step-address').textContent()), /window\.__pwned/);
    await check('оформление');
    await page.getByRole('radio', { name: /Самовывоз/ }).check();
    await page.getByTestId('pickup-point').first().waitFor();
    await check('оформление: пункты самовывоза');
    await visit(page, '/account/orders', '[data-testid="order-row"]');
    await check('заказы');
    const orders = await page.getByTestId('order-row').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of [...new Set(orders)].slice(0, 6)) {
      await visit(page, href, '[data-testid="order-total"], [data-testid="error-panel"]');
      await page.waitForTimeout(300);
      await check(`заказ ${href}`);
    }
    assert.deepEqual(found, []);
  });
}

test('no secret of the stubs ships in dist/: the courier merchant token and its header are nowhere in the build', () => {
  const dist = new URL('../../../dist/', import.meta.url).pathname;
  const source = readFileSync(new URL('../../stub-api/src/courier.rs', import.meta.url), 'utf8');
  const token = /MERCHANT_TOKEN: &str = "([^"]+)"/.exec(source)?.[1];
  assert.ok(token && token.length >= 16, 'the stub gateway holds a merchant token');
  const files = readdirSync(dist).filter((f) => !/\.(br|gz)$/.test(f) && statSync(join(dist, f)).isFile());
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'a built dist/');
  for (const f of files) {
    const bytes = readFileSync(join(dist, f)).toString('latin1').toLowerCase();
    assert.ok(!bytes.includes(token.toLowerCase()), `${f} holds the merchant token`);
    assert.ok(!bytes.includes('x-app-token'), `${f} names the X-App-Token header`);
  }
});
