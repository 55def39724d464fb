// Screenshots of the partner cabinet at 360 and 1280 px: the mounter's overview (level
// progress, balance), the balance history with its chart, the withdrawal form with a
// problem shown, and the dealer's overview (support contacts, organizations).
// Usage: node tools/screenshot-partner.js http://127.0.0.1:18080 http://127.0.0.1:18081 out-dir
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
  await signInTo(page, app, '/partner', '9990000002');
  await page.getByTestId('partner-level').waitFor();
  await shot(page, '1-mounter', width);
  await page.getByRole('link', { name: 'История', exact: true }).click();
  await page.getByTestId('balance-chart').waitFor();
  await page.getByTestId('operation').first().waitFor();
  await shot(page, '2-history', width);
  await page.getByRole('link', { name: 'Вывод средств' }).click();
  await page.getByTestId('withdrawal-form').waitFor();
  await page.getByLabel('Сумма, ₽').fill('1500');
  await page.getByLabel('ИНН получателя').fill('500100732250');
  await page.getByTestId('withdraw-send').click();
  await shot(page, '3-withdrawal', width);
  const dealer = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: width < 600 ? 780 : 900 } });
  const d = await dealer.newPage();
  await signInTo(d, app, '/partner', '9990000003');
  await d.getByTestId('support').waitFor();
  await shot(d, '4-dealer', width);
  await ctx.close();
  await dealer.close();
}
await browser.close();
