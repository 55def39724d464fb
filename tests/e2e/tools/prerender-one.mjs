// Prerenders pages of a built site with the spike CLI (src/bin/prerender.rs), until the
// deploy step (branch `walker`) does it: for each path, asks the commerce API what the page
// shows, has the CLI draw it, and writes it where a static host serves it —
// `<site>/<path>/index.html`, or `<site>/index.html` for `/` — as trunk's page with the
// prerendered page in place of the boot placeholder:
//   <div id="prerendered" data-path="/product/42">…</div>
// (`data-path`: the path it was drawn for; public/early.js drops a prerendered page that
// is not the URL's). trunk's page itself is kept as `<site>/spa.html`, the SPA fallback.
// Usage: node tests/e2e/tools/prerender-one.mjs <site> <config.json> <path>...
//        (PRERENDER=<binary>; default target/debug/prerender, built with
//         `cargo build --features prerender --bin prerender`)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/// The commerce answers the page at `path` is drawn from, as `name=file` arguments.
async function seeds(commerce, path, temp) {
  const get = async (name, url) => {
    const res = await fetch(`${commerce}${url}`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const file = join(temp, `${name}.json`);
    writeFileSync(file, await res.text());
    return `${name}=${file}`;
  };
  const args = [await get('categories', '/categories?includeProducts=true')];
  const product = /^\/product\/([^/]+)\/?$/.exec(path);
  if (product) args.push(await get('product', `/products/${product[1]}`));
  // The catalog's first page, as the app asks for it (public/early.js FIRST_PAGE).
  if (/^\/catalog\/?$/.test(path)) args.push(await get('listing', '/products?page=1&pageSize=24'));
  return args;
}

/// `html` (trunk's page) with `head` added and the boot placeholder replaced by `body`.
export function wrap(html, path, head, body) {
  // trunk's page is minified: attributes may be unquoted.
  const boot = /<div[^>]*\bid="?boot"?[^>]*>[\s\S]*?<\/noscript>\s*<\/div>/;
  if (!boot.test(html)) throw new Error('no boot placeholder in the page');
  // The page's own <title> and description replace the shell's.
  let page = html;
  if (/<title>/.test(head)) page = page.replace(/<title>[^<]*<\/title>/, '');
  if (/<meta name="?description/.test(head)) page = page.replace(/<meta name="?description"?[^>]*>/, '');
  const at = path.replace(/"/g, '&quot;');
  return page
    .replace('</head>', `${head}</head>`)
    .replace(boot, () => `<div id="prerendered" data-path="${at}">${body}</div>`);
}

export async function prerender(site, config, paths) {
  const bin = process.env.PRERENDER || join(ROOT, 'target/debug/prerender');
  const spa = join(site, 'spa.html');
  if (!existsSync(spa)) copyFileSync(join(site, 'index.html'), spa);
  const shell = readFileSync(spa, 'utf8');
  const commerce = JSON.parse(readFileSync(config, 'utf8')).commerce.replace(/\/+$/, '');
  const temp = mkdtempSync(join(tmpdir(), 'prerender-'));
  try {
    for (const path of paths) {
      const out = execFileSync(bin, [config, path, ...(await seeds(commerce, path, temp))], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 << 20,
      });
      const [, head, body] = /<!-- head -->\n([\s\S]*?)\n<!-- body -->\n([\s\S]*)$/.exec(out) || [];
      if (body === undefined) throw new Error(`${path}: no page from ${bin}`);
      const dir = path === '/' ? site : join(site, ...path.split('/').filter(Boolean));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'index.html');
      writeFileSync(file, wrap(shell, path, head, body.trimEnd()));
      // A precompressed copy of the old index.html would be served in its place.
      for (const ext of ['.br', '.gz']) rmSync(file + ext, { force: true });
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [site, config, ...paths] = process.argv.slice(2);
  if (!site || !config || !paths.length) {
    console.error('usage: prerender-one.mjs <site> <config.json> <path>...');
    process.exit(2);
  }
  await prerender(site, config, paths);
}
