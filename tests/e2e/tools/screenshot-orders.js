// Screenshots of the order history and of orders with their timelines at 360 and 1280 px:
// a slot delivery on its way (courier), a carrier's parcel in transit (track), one not yet
// shipped (cancel form), one delivered (refund form), an express courier on its way.
// Usage: node tools/screenshot-orders.js http://127.0.0.1:18080 http://127.0.0.1:18081 out-dir
import { launch } from './browser.js';
import { shooter, signInTo } from './shots.js';

const [app, stub, outDir] = process.argv.slice(2);
const shot = shooter(outDir);
const browser = await launch();
for (const width of [360, 1280]) {
  await fetch(`${stub}/__control/reset`, { method: 'POST' });
  const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: width < 600 ? 780 : 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${width}] pageerror:`, e.message));
  await signInTo(page, app, '/account/orders');
  await page.getByTestId('order-row').first().waitFor();
  await shot(page, '1-history', width);
  for (const [i, name] of [[4, '2-courier-on-the-way'], [3, '3-carrier-in-transit'], [0, '4-not-shipped'], [5, '5-delivered-refund'], [11, '6-express-on-the-way']]) {
    await page.goto(`${app}/account/orders`);
    await page.getByTestId('order-row').first().waitFor();
    const link = page.getByRole('link', { name: `Заказ ORD-2026-${String(1200 + i).padStart(8, '0')}` });
    if ((await link.count()) === 0) await page.getByRole('link', { name: 'Вперёд →' }).click();
    await link.click();
    await page.getByTestId('timeline').waitFor();
    await shot(page, name, width);
  }
  await ctx.close();
}
await browser.close();
