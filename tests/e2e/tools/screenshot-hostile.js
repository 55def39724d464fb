// Screenshots of the shop fed hostile data (`stub-api --hostile`) at 360 px: the catalog,
// a product whose name, specifications and reviews carry the payloads, the 400-letter and
// right-to-left names, and the checkout with the hostile saved address.
// Usage: node tools/screenshot-hostile.js http://127.0.0.1:18084 http://127.0.0.1:18083 out-dir
import { launch } from './browser.js';
import { shooter, signInTo } from './shots.js';

const [app, , outDir] = process.argv.slice(2);
const shot = shooter(outDir);
const browser = await launch();
const id = (n) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width: 360, height: 780 } });
const page = await ctx.newPage();
await page.goto(`${app}/catalog`);
await page.getByTestId('product-card').first().waitFor();
await shot(page, 'hostile-catalog', 360);
for (const [n, name] of [[1, 'hostile-product'], [8, 'hostile-product-long'], [9, 'hostile-product-rtl']]) {
  await page.goto(`${app}/product/${id(n)}`);
  await page.getByTestId('product-title').waitFor();
  await page.locator('[data-testid="review"], [data-testid="reviews-empty"]').first().waitFor();
  await shot(page, name, 360);
}
await signInTo(page, app, '/checkout');
await page.getByTestId('method').first().waitFor();
await shot(page, 'hostile-checkout', 360);
console.log('pwned:', await page.evaluate(() => window.__pwned));
await browser.close();
