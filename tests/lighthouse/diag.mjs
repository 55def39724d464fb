// Diagnostic: one Lighthouse run on a URL; prints LCP element, observed timings, requests.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import fs from 'node:fs';
const url = process.argv[2];
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
try {
  const r = await lighthouse(url, { port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error' });
  const a = r.lhr.audits;
  fs.writeFileSync(process.argv[3] || '/tmp/lh23/last.json', JSON.stringify(r.lhr));
  const m = a.metrics.details.items[0];
  console.log('score', r.lhr.categories.performance.score, 'LCP', a['largest-contentful-paint'].numericValue, 'FCP', a['first-contentful-paint'].numericValue, 'TBT', a['total-blocking-time'].numericValue);
  console.log('observed FCP', m.observedFirstContentfulPaint, 'LCP', m.observedLargestContentfulPaint, 'load', m.observedLoad, 'DCL', m.observedDomContentLoaded);
  console.log('LCP element', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet), JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[1]?.items));
  for (const q of a['network-requests'].details.items) console.log(Math.round(q.networkRequestTime), Math.round(q.networkEndTime), q.priority, q.resourceType, q.transferSize, q.url.slice(0, 90));
} finally { await chrome.kill(); }
