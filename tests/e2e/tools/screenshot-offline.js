// Screenshots of the catalog with the network cut, at 360 and 1280 px: the banner and the
// error panel of a page that could not load.
// Usage: node tools/screenshot-offline.js http://127.0.0.1:18080 http://127.0.0.1:18081 out-dir
import { launch } from './browser.js';
import { shooter } from './shots.js';

const [app, , outDir] = process.argv.slice(2);
const shot = shooter(outDir);
const browser = await launch();
for (const width of [360, 1280]) {
  const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: width < 600 ? 780 : 900 } });
  const page = await ctx.newPage();
  await page.goto(`${app}/catalog`);
  await page.getByTestId('product-card').first().waitFor();
  await ctx.setOffline(true);
  await page.getByRole('link', { name: 'Вперёд →' }).click();
  await page.getByTestId('error-panel').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'offline', width);
  await ctx.close();
}
await browser.close();
