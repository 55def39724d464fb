// The static floor of issue 23: every prerendered page of DIST copied to OUT with its
// scripts removed (no <script>, no module preloads), so the same HTML and CSS paint with no
// code at all. Usage: node scripts/floor.mjs dist dist-floor
import fs from 'node:fs';
import path from 'node:path';

const [src = 'dist', out = 'dist-floor'] = process.argv.slice(2);
fs.rmSync(out, { recursive: true, force: true });
fs.cpSync(src, out, { recursive: true });
let n = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.html')) {
      const html = fs.readFileSync(p, 'utf8');
      if (!html.includes('id="prerendered"')) continue;
      // Scripts go (JSON data blocks stay: they run nothing); so do the preloads of code and
      // of what only code reads (the wasm, config.json). Attributes may be unquoted (minified).
      const bare = html
        .replace(/<script\b(?![^>]*application\/(?:ld\+)?json)[^>]*>[\s\S]*?<\/script>/g, '')
        .replace(/<link\b[^>]*\brel=["']?modulepreload\b[^>]*>/g, '')
        .replace(/<link\b[^>]*\bas=["']?fetch\b[^>]*>/g, '')
        .replace(/<template id="?vitrina-app"?>[\s\S]*?<\/template>/g, '');
      fs.writeFileSync(p, bare);
      for (const z of ['.gz', '.br']) fs.rmSync(p + z, { force: true });
      n++;
    }
  }
};
walk(out);
console.log(`floor: ${n} prerendered pages without scripts in ${out}/`);
