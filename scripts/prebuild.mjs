// Trunk pre_build hook: the two assets index.html links from target/.
// - target/vitrina.css: the stylesheets, one file per part of the app in style/, joined in
//   cascade order. One request and one compression window instead of ten (measured:
//   12,278 B gzip as ten files, 8,403 B as one; trunk then minifies it).
// - target/early.js: public/early.js without its comment lines and indentation. Trunk's
//   own JS minifier orders hoisted names differently on every build (a new file hash each
//   time, and gzip sizes a few bytes apart), so early.js is linked with data-no-minify and
//   shrunk here, the same way every time (3,503 → 2,238 B; comments are whole lines there).
// Usage: node scripts/prebuild.mjs   (run from the project root, as trunk does)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.TRUNK_SOURCE_DIR || '.';
mkdirSync(join(root, 'target'), { recursive: true });

// Tokens first, then the page furniture, then pages and components.
const ORDER = ['tokens', 'base', 'header', 'catalog', 'home', 'listing', 'product', 'feedback', 'forms', 'cart', 'checkout', 'orders', 'partner'];
const css = ORDER.map((name) => {
  const text = readFileSync(join(root, 'style', `${name}.css`), 'utf8');
  return `/* style/${name}.css */\n${text.trimEnd()}\n`;
}).join('\n');
writeFileSync(join(root, 'target', 'vitrina.css'), css);

const early = readFileSync(join(root, 'public', 'early.js'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('//'))
  .join('\n');
writeFileSync(join(root, 'target', 'early.js'), `${early}\n`);
