// What moves while a page loads: every layout-shift entry with the elements that moved and
// their rectangles before and after, at Lighthouse's mobile viewport. Usage:
//   node tools/shifts.mjs http://127.0.0.1:8080/catalog
import { launch } from './browser.js';

const url = process.argv[2];
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
await page.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shifts.push({
        t: Math.round(e.startTime),
        value: e.value.toFixed(4),
        recent: e.hadRecentInput,
        sources: e.sources.map((s) => ({
          node: s.node ? (s.node.outerHTML || s.node.textContent || '').slice(0, 140) : '(gone)',
          from: [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height].map(Math.round).join(','),
          to: [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height].map(Math.round).join(','),
        })),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
});
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(1000);
const shifts = await page.evaluate(() => window.__shifts);
let total = 0;
for (const s of shifts) {
  if (!s.recent) total += Number(s.value);
  console.log(`${String(s.t).padStart(6)} ms  ${s.value}${s.recent ? ' (after input)' : ''}`);
  for (const src of s.sources) console.log(`   ${src.from} → ${src.to}  ${src.node}`);
}
console.log(`total ${total.toFixed(4)}`);
await browser.close();
