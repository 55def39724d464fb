// Screenshots of every checkout step at 360 and 1280 px: the form (courier with slots,
// pickup, express, a new address with its problems), bank details, the payment return.
// Usage: node tools/screenshot-checkout.js http://127.0.0.1:18080 http://127.0.0.1:18081 out-dir
import { launch } from './browser.js';
import { shooter, signInTo } from './shots.js';

const [app, stub, outDir] = process.argv.slice(2);
const shot = shooter(outDir);
const browser = await launch();
for (const width of [360, 1280]) {
  await fetch(`${stub}/__control/reset`, { method: 'POST' });
  // Three checkouts per width: the limiter's window made short enough not to refuse them.
  await fetch(`${stub}/__control/rate-window`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bucket: 'checkout', secs: 1 }),
  });
  const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: width < 600 ? 780 : 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${width}] pageerror:`, e.message));
  await signInTo(page, app, '/checkout');
  await page.getByTestId('method').first().waitFor();
  await page.getByRole('radio', { name: /Курьер магазина/ }).check();
  await page.getByTestId('slot').first().locator('input').check();
  await page.getByLabel('Промокод').fill('WELCOME10');
  await page.getByTestId('coupon-apply').click();
  await page.getByTestId('sum-discount').waitFor();
  await shot(page, '1-courier-slots', width);
  await page.getByRole('radio', { name: /Самовывоз/ }).check();
  await page.getByTestId('pickup-point').first().waitFor();
  await shot(page, '2-pickup', width);
  await page.getByRole('radio', { name: /Экспресс-курьер/ }).check();
  await page.getByTestId('express-price').waitFor();
  await shot(page, '3-express', width);
  await page.getByTestId('address-new').check();
  await page.getByTestId('address-save').click();
  await shot(page, '4-new-address-problems', width);
  await page.getByRole('radio', { name: /Тверская/ }).check();
  await page.getByRole('radio', { name: /Почта России/ }).check();
  await page.getByTestId('pay-bank').check();
  await page.waitForTimeout(600);
  await page.getByTestId('place-order').click();
  await page.getByTestId('bank-details').waitFor();
  await shot(page, '5-bank-details', width);
  // Card: the stub's payment page, then the return page — declined, then paid.
  const shopper = (await (await fetch(`${stub}/__control/users`)).json()).users[0].id;
  for (const [button, name] of [['Отказаться', '7-return-failed'], ['Оплатить', '8-return-paid']]) {
    await fetch(`${stub}/__control/carts/${shopper}/fill`, { method: 'POST' });
    await page.goto(`${app}/checkout`);
    await page.getByRole('radio', { name: /Самовывоз/ }).check();
    await page.getByTestId('pickup-point').first().locator('input').check();
    await page.getByTestId('pay-card').check();
    await page.waitForTimeout(600);
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/pay\//);
    if (button === 'Отказаться') await shot(page, '6-payment-page', width);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(/\/checkout\/return/);
    await page.getByTestId(button === 'Оплатить' ? 'payment-paid' : 'payment-failed').waitFor({ timeout: 15000 });
    await shot(page, name, width);
  }
  await page.goto(`${app}/cart`);
  await page.getByTestId('cart-empty').or(page.getByTestId('cart-count')).first().waitFor();
  await shot(page, '9-cart', width);
  await ctx.close();
}
await browser.close();
