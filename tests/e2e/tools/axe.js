// axe-core run inside a page. Evaluated through the DevTools protocol (not a <script> tag),
// so the page's Content-Security-Policy stays on while it is audited.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// The serious and critical violations on the page as it is now: `[{ id, impact, nodes }]`
/// with each node's selector and axe's summary, ready to print.
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate(() =>
    // The experimental rules too: label-content-name-mismatch (a voice-control user says
    // the visible words) is one of them.
    window.axe.run(document, {
      resultTypes: ['violations'],
      rules: Object.fromEntries(window.axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }])),
    }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
      })),
    ),
  );
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/// `label-content-name-mismatch×1, color-contrast×14` — how the note counts them.
export const tally = (violations) =>
  violations.map((v) => `${v.id}×${v.nodes.length}`).join(', ') || '0';
