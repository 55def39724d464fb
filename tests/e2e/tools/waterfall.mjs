// The first load's network waterfall: when each request starts and ends, relative to the
// navigation, as the browser's resource timing reports it. Usage:
//   node tools/waterfall.mjs http://127.0.0.1:8080/catalog
// SLOW=1 emulates Lighthouse's mobile network (150 ms round trip, 1.6 Mbit/s down).
import { launch } from './browser.js';

const url = process.argv[2];
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
if (process.env.SLOW) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
}
const warnings = [];
page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
await page.goto(url, { waitUntil: 'networkidle' });
const rows = await page.evaluate(() =>
  performance.getEntriesByType('resource').map((e) => ({
    name: e.name.replace(location.origin, '').replace(/^http:\/\/[^/]+/, ''),
    start: Math.round(e.startTime),
    end: Math.round(e.responseEnd),
    initiator: e.initiatorType,
  })),
);
for (const r of rows.slice(0, 20)) {
  console.log(`${String(r.start).padStart(6)} → ${String(r.end).padStart(6)} ms  ${r.initiator.padEnd(10)} ${r.name.slice(0, 90)}`);
}
for (const w of warnings) console.log(`warning: ${w}`);
await browser.close();
