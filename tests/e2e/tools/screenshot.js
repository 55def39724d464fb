// Screenshots of app pages at phone and desktop widths, to look at what we built.
// Usage: node tools/screenshot.js http://127.0.0.1:8080 out-dir /catalog /product/x …
import { mkdirSync } from 'node:fs';
import { launch } from './browser.js';

const [base, outDir, ...paths] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await launch();
for (const width of [360, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: width < 600 ? 780 : 900 } });
  page.on('console', (m) => m.type() === 'error' && console.error(`[${width}] console:`, m.text()));
  page.on('pageerror', (e) => console.error(`[${width}] pageerror:`, e.message));
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const name = `${outDir}/${(p.replace(/[^a-z0-9]+/gi, '_') || 'home').replace(/^_/, '') || 'home'}-${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
  await page.close();
}
await browser.close();
