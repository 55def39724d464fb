// Screenshots of the cart as a guest, as a signed-in partner (merge, summary, commission),
// the clear confirmation, the empty cart and the product page after adding, at 360 and
// 1280 px. Usage: node tools/screenshot-cart.js http://127.0.0.1:18080 http://127.0.0.1:18081 out-dir
import { mkdirSync } from 'node:fs';
import { launch } from './browser.js';
import { signIn } from './harness.js';
const [base, stub, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();
for (const width of [360, 1280]) {
  const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: width < 600 ? 780 : 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(`${base}/catalog?inStock=1`);
  const cards = page.getByTestId('product-card');
  await cards.nth(3).waitFor();
  await page.screenshot({ path: `${out}/catalog-${width}.png` });
  for (let i = 0; i < 3; i++) { await cards.nth(i).getByTestId('add-to-cart').click(); await page.waitForTimeout(300); }
  await page.goto(`${base}/cart`);
  await page.getByTestId('cart-line').nth(2).waitFor();
  await page.screenshot({ path: `${out}/cart-guest-${width}.png`, fullPage: true });
  // sign in as the mounter (a partner)
  await page.goto(`${base}/signin?next=/cart`);
  await signIn(page, '9990000002');
  await page.waitForURL(/\/cart$/);
  await page.getByTestId('cart-line').first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/cart-partner-${width}.png`, fullPage: true });
  await page.getByTestId('clear-cart').click();
  await page.screenshot({ path: `${out}/cart-confirm-${width}.png` });
  await page.getByTestId('clear-confirm').click();
  await page.getByTestId('cart-empty').waitFor();
  await page.screenshot({ path: `${out}/cart-empty-${width}.png` });
  const first = (await (await fetch(`${stub}/commerce/api/v1/products?status=ACTIVE`)).json()).data.products[0];
  await page.goto(`${base}/product/${first.id}`);
  await page.getByTestId('add-to-cart').click();
  await page.getByTestId('in-cart').waitFor();
  await page.screenshot({ path: `${out}/product-${width}.png` });
  await ctx.close();
}
await browser.close();
