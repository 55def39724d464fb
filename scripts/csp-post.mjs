// Trunk post_build hook (after split-post.mjs, before precompress.mjs): trunk writes its
// wasm loader into index.html as an inline module script, which a Content-Security-Policy
// without 'unsafe-inline' refuses. The script is moved, byte for byte, into a file of its
// own, `start-<hash>.js`, loaded with a subresource-integrity hash like trunk's other
// scripts — so the policy can be `script-src 'self' 'wasm-unsafe-eval'` on any host.
// Fails the build if index.html is left with any inline script (JSON data blocks are data,
// not scripts, and stay).
// Usage: node scripts/csp-post.mjs [dir]   (default: $TRUNK_STAGING_DIR)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-post: no directory (pass one, or run as a trunk hook)');
  process.exit(1);
}
const html = join(dir, 'index.html');
let page = readFileSync(html, 'utf8');
let moved = 0;
page = page.replace(/<script type=(?:"module"|module)>([\s\S]*?)<\/script>/g, (_, code) => {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = `start-${hash}.js`;
  writeFileSync(join(dir, name), code);
  const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  moved++;
  return `<script type=module src=${name} integrity=${sri} crossorigin></script>`;
});
const inline = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
  ([, attrs, body]) => body.trim() && !/type=(?:"application\/json"|application\/json)/.test(attrs),
);
if (inline.length) {
  console.error(`csp-post: index.html still has ${inline.length} inline script(s)`);
  process.exit(1);
}
writeFileSync(html, page);
console.log(`csp-post: ${moved} inline script(s) moved into files`);
