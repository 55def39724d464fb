// Diagnostic: which requests and tasks Lighthouse's simulation (Lantern) counts before the LCP.
// `node lantern.mjs URL [runs]` — per run: the simulated LCP, the observed FCP/LCP, and every
// node of the optimistic and pessimistic LCP graphs with its simulated end time.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import {LanternLargestContentfulPaint} from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';

const url = process.argv[2];
const runs = Number(process.argv[3] || 1);
const flags = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', ...(process.env.LH_INSECURE ? ['--ignore-certificate-errors'] : [])];

function describe(node) {
  if (node.type === 'network') {
    const r = node.request;
    return `net ${r.resourceType} ${r.priority} conn=${r.connectionId}${r.connectionReused ? 'R' : ''} ${r.url.replace(/^https?:\/\/[^/]+/, '').slice(0, 60)}`;
  }
  const names = new Set(node.childEvents.map(e => e.name));
  const urls = node.childEvents.map(e => e.args?.data?.url).filter(Boolean);
  // The costly parts of the task: events of ≥ 1 ms, with their own duration.
  const costly = node.childEvents.filter(e => e.dur >= 1000 && /Parse|Layout|Paint|Evaluate|FunctionCall|Compile|TimerFire|UpdateLayoutTree|EventDispatch|RunMicrotasks/.test(e.name))
    .map(e => `${e.name}:${(e.dur / 1000).toFixed(1)}${e.args?.data?.url ? '@' + e.args.data.url.replace(/^.*\//, '').slice(0, 20) : ''}${e.args?.data?.type ? '(' + e.args.data.type + ')' : ''}`);
  const marks = [...names].filter(n => /firstContentfulPaint|largestContentfulPaint::Candidate|domContentLoadedEventStart|loadEventStart/.test(n));
  return `cpu ${Math.round(node.duration / 1000)}ms ${costly.join(' ')} ${marks.join(',')}`;
}

for (let i = 0; i < runs; i++) {
  const chrome = await chromeLauncher.launch({chromePath: '/usr/bin/chromium', chromeFlags: flags});
  try {
    const r = await lighthouse(url, {port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error'});
    const a = r.artifacts;
    const settings = r.lhr.configSettings;
    const data = {trace: a.Trace, devtoolsLog: a.DevtoolsLog, gatherContext: a.GatherContext, settings,
      URL: a.URL, SourceMaps: a.SourceMaps, simulator: null};
    const res = await LanternLargestContentfulPaint.request(data, {computedCache: new Map(), settings});
    const m = r.lhr.audits.metrics.details.items[0];
    console.log(`run ${i + 1}: LCP ${Math.round(r.lhr.audits['largest-contentful-paint'].numericValue)} (opt ${Math.round(res.optimisticEstimate.timeInMs)}, pess ${Math.round(res.pessimisticEstimate.timeInMs)}) FCP ${Math.round(r.lhr.audits['first-contentful-paint'].numericValue)}; observed FCP ${m.observedFirstContentfulPaint} LCP ${m.observedLargestContentfulPaint}`);
    for (const [name, est] of [['opt', res.optimisticEstimate], ['pess', res.pessimisticEstimate]]) {
      const rows = [...est.nodeTimings.entries()].sort((x, y) => x[1].endTime - y[1].endTime);
      for (const [node, t] of rows) {
        const deps = node.getDependencies().map(d => d.type === 'network' ? 'net:' + d.request.url.replace(/^.*\//, '').slice(0, 16) : 'cpu@' + Math.round((d.startTime - res.pessimisticGraph.startTime) / 1000)).join(' ');
        console.log(`  ${name} ${String(Math.round(t.startTime)).padStart(5)}-${String(Math.round(t.endTime)).padStart(5)} obs ${Math.round((node.startTime - res.pessimisticGraph.startTime) / 1000)}-${Math.round((node.endTime - res.pessimisticGraph.startTime) / 1000)} ${describe(node)} <- ${deps}`);
      }
    }
  } finally {
    await chrome.kill();
  }
}
