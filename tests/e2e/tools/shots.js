// What the screenshot tools share: a shot of the whole page at a width, and the demo
// shopper signed in on the way to a page.
import { mkdirSync } from 'node:fs';

/// `shot(page, name, width)` waits for the page to settle and writes `out/name-width.png`.
export function shooter(outDir) {
  mkdirSync(outDir, { recursive: true });
  return async (page, name, width) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${outDir}/${name}-${width}.png`, fullPage: true });
    console.log(`${outDir}/${name}-${width}.png`);
  };
}

/// Signs a demo user in (by default the shopper `+7 999 000-00-01`; code 1234), on the
/// way to `next`.
export async function signInTo(page, app, next, digits = '9990000001') {
  await page.goto(`${app}/signin?next=${encodeURIComponent(next)}`);
  await page.getByTestId('phone').pressSequentially(digits);
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByTestId('code').fill('1234');
  await page.getByRole('button', { name: 'Войти' }).click();
}
