// The product page's attribute table (and its reviews) at 360 px, to look at the labels.
// Usage: node tools/screenshot-specs.js http://127.0.0.1:8080 out-dir product-id
import { mkdirSync } from 'node:fs';
import { launch } from './browser.js';

const [base, outDir, id] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(`${base}/product/${id}`, { waitUntil: 'networkidle' });
const specs = page.getByTestId('specs');
await specs.waitFor();
await specs.locator('xpath=..').screenshot({ path: `${outDir}/specs-360.png` });
console.log(`${outDir}/specs-360.png`);
const review = page.getByTestId('review').filter({ has: page.locator('.review__response') }).first();
if (await review.count()) {
  await review.screenshot({ path: `${outDir}/review-360.png` });
  console.log(`${outDir}/review-360.png`);
}
await browser.close();
