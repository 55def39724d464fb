import { launch } from './browser.js';
const [base, stub, out] = process.argv.slice(2);
const P = '00000000-0000-4000-a000-000000000001';
const browser = await launch();
const fault = (f) => fetch(`${stub}/__control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
for (const [name, faults] of [['ok', []], ['failed', [{ method: 'POST', path: `/partner/products/${P}/also-buy`, count: 2, status: 503 }, { method: 'POST', path: `/partner/products/${P}/certificates`, count: 2, status: 500 }, { method: 'POST', path: `/partner/products/warehouses`, count: 2, status: 404 }]]]) {
  for (const width of [360, 1280]) {
    await fetch(`${stub}/__control/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (const f of faults) await fault(f);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${base}/product/${P}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await page.locator('.specs').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/sections-${name}-${width}.png` });
    await page.close();
  }
}
await browser.close();
