// Prerenders a copy of a built site with the deploy step itself (src/bin/prerender.rs, built
// with `cargo build --features prerender --bin prerender`) against the API named in
// `config`: every page it writes (home/, catalog/, categories/, category/<id>/,
// product/<id>/ as index.html, sitemap.xml, robots.txt), each page inside
// `<div id="prerendered" data-path="/the/path">` (`data-path`: public/early.js drops a
// prerendered page that is not the URL's). trunk's index.html stays the SPA shell.
// Usage: node tests/e2e/tools/prerender-one.mjs <site> <config.json>
//        (PRERENDER=<binary>; default target/debug/prerender)
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export async function prerender(site, config) {
  const bin = process.env.PRERENDER || join(ROOT, 'target/debug/prerender');
  execFileSync(bin, ['--dist', site, '--config', config, '--origin', 'http://127.0.0.1', '--fresh'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [site, config] = process.argv.slice(2);
  if (!site || !config) {
    console.error('usage: prerender-one.mjs <site> <config.json>');
    process.exit(2);
  }
  await prerender(site, config);
}
