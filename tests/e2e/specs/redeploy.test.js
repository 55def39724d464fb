// A tab opened before a deploy: the shop is redeployed under it (dist/ swapped for a build
// whose hashed files all have other names, the old ones gone), and the tab then opens a page
// whose code it has not loaded yet. On a host that answers 404 for the missing chunk
// (vitrina-serve) and on one that answers index.html for it (an SPA fallback for every
// path, `--spa-fallback-for-assets`), the app says «Витрина обновилась» with «Обновить
// страницу» — not «нет сети» — and the reload brings the new build with the guest's cart and
// the checkout draft still there.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plain, serveDir, signIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const ROOT = resolve(process.cwd(), '../..');
const DIST = join(ROOT, 'dist');
const SHOTS = process.env.SHOTS_DIR;
const servers = [];
const temps = [];
after(() => {
  for (const s of servers) s.kill();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/// A hashed file name: `<name>-<hex>[_bg].<ext>` (trunk's and the splitter's).
const HASHED = /^(.*)-([0-9a-f]+)((?:_bg)?\.(?:wasm|js|css))$/;

/// `to` made from `from` as a redeploy would: every hashed file under another hash (the old
/// names gone), index.html and the JS pointing at the new names, integrity re-computed. The
/// precompressed copies are left out (the server then serves the files as they are).
function redeployed(from, to) {
  mkdirSync(to);
  const hashes = new Map();
  for (const f of readdirSync(from)) {
    const m = HASHED.exec(f);
    if (m) hashes.set(m[2], [...m[2]].map((c) => ((parseInt(c, 16) + 1) % 16).toString(16)).join(''));
  }
  assert.ok(hashes.size >= 3, `hashed files in ${from}`);
  const swap = (s) => s.replace(new RegExp([...hashes.keys()].sort((a, b) => b.length - a.length).join('|'), 'g'), (h) => hashes.get(h));
  // Binary files too: the main wasm names the chunk loader module in its imports. Read as
  // latin1, byte for byte, so the hashes (ASCII, same length) are swapped in place.
  for (const f of readdirSync(from)) {
    if (/\.(br|gz)$/.test(f)) continue;
    writeFileSync(join(to, swap(f)), Buffer.from(swap(readFileSync(join(from, f), 'latin1')), 'latin1'));
  }
  const index = join(to, 'index.html');
  const html = readFileSync(index, 'utf8').replace(/<(link|script)\b[^>]*>/g, (tag) => {
    const file = /(?:href|src)="?([^" >]+)/.exec(tag)?.[1];
    if (!file || !/integrity=/.test(tag)) return tag;
    const digest = createHash('sha384').update(readFileSync(join(to, file.replace(/^.*\//, '')))).digest('base64');
    return tag.replace(/integrity="?sha384-[^" >]+"?/, `integrity="sha384-${digest}"`);
  });
  writeFileSync(index, html);
  return [...hashes.keys()];
}

/// vitrina-serve on a free port over `<temp>/site` (swapped by renaming), with the e2e config.
async function serve(extra = []) {
  const temp = mkdtempSync(join(tmpdir(), 'vitrina-redeploy-'));
  temps.push(temp);
  cpSync(DIST, join(temp, 'site'), { recursive: true });
  const old = redeployed(DIST, join(temp, 'next'));
  const { server, url } = await serveDir(join(temp, 'site'), [
    '--config', join(ROOT, 'tests/e2e/config.e2e.json'), ...extra,
  ]);
  servers.push(server);
  return {
    url,
    old,
    deploy() {
      renameSync(join(temp, 'site'), join(temp, 'before'));
      renameSync(join(temp, 'next'), join(temp, 'site'));
    },
  };
}

async function addOneFromCatalog(page) {
  const card = page.getByTestId('product-card').filter({ has: page.locator('[data-testid="add-to-cart"]:not([disabled])') }).first();
  await card.getByTestId('add-to-cart').click();
  await page.getByTestId('cart-badge').getByText('1').waitFor();
}

/// The redeploy told, and the reload it offers: the new build's cart page with the line.
async function toldAndReloaded(page, site, { shot } = {}) {
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-kind'), 'updated');
  const said = plain(await panel.textContent());
  assert.match(said, /^Витрина обновилась/);
  assert.match(said, /корзина и начатое оформление заказа сохранятся/);
  assert.doesNotMatch(said, /сет|связ|Повторить/i);
  if (shot) await page.screenshot({ path: shot, fullPage: false });
  const chunks = [];
  page.on('request', (r) => {
    if (/\.wasm$/.test(r.url())) chunks.push(r.url().replace(/.*\//, ''));
  });
  await Promise.all([page.waitForEvent('load'), panel.getByRole('button', { name: 'Обновить страницу' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Корзина' }).waitFor();
  assert.equal(await page.getByTestId('cart-line').count(), 1, 'the cart is kept across the reload');
  assert.ok(chunks.some((f) => /^split_cart-/.test(f)), chunks.join(' '));
  assert.ok(!chunks.some((f) => site.old.some((h) => f.includes(`-${h}`))), `only the new build: ${chunks.join(' ')}`);
}

for (const [name, extra] of [['404 for the missing chunk', []], ['index.html for the missing chunk', ['--spa-fallback-for-assets']]]) {
  test(`a tab opened before a deploy (host: ${name}) says the shop was updated; the reload keeps the cart`, async () => {
    const site = await serve(extra);
    const page = await browser.page({ viewport: { width: 360, height: 800 } });
    await page.goto(`${site.url}/catalog`);
    await page.getByTestId('product-card').first().waitFor();
    await addOneFromCatalog(page);
    site.deploy();
    // The old tab opens the cart: its code is a chunk of the old build, gone now.
    await page.getByRole('link', { name: /^Корзина 1 товар/ }).click();
    await toldAndReloaded(page, site, {
      shot: SHOTS && extra.length === 0 ? join(SHOTS, 'redeploy-360.png') : undefined,
    });
    await page.context().close();
  });
}

test('a checkout draft begun before a deploy is there after the reload', async () => {
  const site = await serve();
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/signin?next=%2Fcheckout`);
  await signIn(page, '9990000001');
  await page.getByTestId('step-address').waitFor();
  await page.getByRole('radio', { name: /Курьер магазина/ }).check();
  await page.getByLabel(/Комментарий к заказу/).fill('Позвонить за час');
  await page.getByTestId('pay-bank').check();
  await page.waitForFunction(() => (localStorage.getItem('vitrina.checkout-draft') || '').includes('Позвонить за час'));
  // On to the catalog inside the app (its code is in the main module), then the deploy.
  await page.getByRole('link', { name: 'Каталог' }).first().click();
  await page.getByTestId('product-card').first().waitFor();
  site.deploy();
  await page.getByRole('link', { name: /^Корзина \d+ товар/ }).click();
  const panel = page.getByTestId('error-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-kind'), 'updated');
  await Promise.all([page.waitForEvent('load'), panel.getByRole('button', { name: 'Обновить страницу' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Корзина' }).waitFor();
  await page.goto(`${site.url}/checkout`);
  await page.getByRole('radio', { name: /Курьер магазина/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Курьер магазина/ }).isChecked());
  assert.ok(await page.getByTestId('pay-bank').isChecked());
  assert.equal(await page.getByLabel(/Комментарий к заказу/).inputValue(), 'Позвонить за час');
  await page.context().close();
});
