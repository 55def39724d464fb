// Where the wasm's bytes are: code size by crate (the app by module) and the largest
// functions, read from the function names cargo leaves in its release .wasm (before
// wasm-bindgen and wasm-opt, so sizes are larger than the shipped file, the shares alike).
// Usage: node tools/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/vitrina.wasm [N]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg || 15);
const b = readFileSync(file);

function leb(i) {
  let r = 0;
  let s = 0;
  for (;;) {
    const x = b[i++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
    if (x < 0x80) return [r, i];
  }
}

let i = 8;
let imported = 0;
const sizes = [];
const names = new Map();
while (i < b.length) {
  const id = b[i++];
  let len;
  [len, i] = leb(i);
  const end = i + len;
  if (id === 2) {
    let [n, j] = leb(i);
    for (let k = 0; k < n; k++) {
      let l;
      [l, j] = leb(j); j += l;
      [l, j] = leb(j); j += l;
      const kind = b[j++];
      if (kind === 0) { [, j] = leb(j); imported++; }
      else if (kind === 1) { j++; let f; [f, j] = leb(j); [, j] = leb(j); if (f & 1) [, j] = leb(j); }
      else if (kind === 2) { let f; [f, j] = leb(j); [, j] = leb(j); if (f & 1) [, j] = leb(j); }
      else if (kind === 3) j += 2;
    }
  } else if (id === 10) {
    let [n, j] = leb(i);
    for (let k = 0; k < n; k++) {
      const [sz, j2] = leb(j);
      sizes.push(sz + (j2 - j));
      j = j2 + sz;
    }
  } else if (id === 0) {
    let [l, j] = leb(i);
    const name = b.subarray(j, j + l).toString();
    j += l;
    if (name === 'name') {
      while (j < end) {
        const sub = b[j++];
        let sl;
        [sl, j] = leb(j);
        const se = j + sl;
        if (sub === 1) {
          let [n, k] = leb(j);
          for (let m = 0; m < n; m++) {
            let idx, nl;
            [idx, k] = leb(k);
            [nl, k] = leb(k);
            names.set(idx, b.subarray(k, k + nl).toString());
            k += nl;
          }
        }
        j = se;
      }
    }
  }
  i = end;
}

/// `_ZN7vitrina5state4cart…` → [vitrina, state, cart, …]; other names as they are.
function parts(n) {
  if (n.startsWith('_R')) return v0(n);
  if (!n.startsWith('_ZN')) return [n];
  const out = [];
  let s = n.slice(3);
  while (/^\d/.test(s)) {
    const k = s.match(/^\d+/)[0];
    const l = Number(k);
    out.push(s.slice(k.length, k.length + l));
    s = s.slice(k.length + l);
  }
  return out;
}
/// Rust v0 symbols (`_RNvNtCs…_7vitrina5pages…`, what a build of std with the app emits):
/// the length-prefixed identifiers in order, from the first crate name on.
function v0(n) {
  const at = n.search(/C(?:s[0-9A-Za-z]*_)?\d+[A-Za-z_]/);
  if (at < 0) return [n];
  let s = n.slice(at + 1).replace(/^s[0-9A-Za-z]*_/, '');
  const out = [];
  while (s.length) {
    const m = s.match(/^(\d+)_?/);
    if (!m) {
      s = s.slice(1);
      continue;
    }
    const l = Number(m[1]);
    const id = s.slice(m[0].length, m[0].length + l);
    if (/^[A-Za-z_]/.test(id)) out.push(id);
    s = s.slice(m[0].length + l);
  }
  return out.length ? out : [n];
}

const KNOWN = ['vitrina', 'reactive_graph', 'tachys', 'leptos_router', 'leptos_meta', 'leptos', 'serde_json', 'serde_core', 'serde', 'rust_decimal', 'wasm_bindgen', 'js_sys', 'web_sys', 'futures', 'alloc', 'core', 'std', 'hashbrown', 'dlmalloc'];
function group(n) {
  const p = parts(n);
  if (p[0] === 'vitrina') return p.slice(0, 2).join('::');
  const vit = n.match(/\$LT\$vitrina\.\.([a-z_]+)/);
  if (vit) return `vitrina::${vit[1]}`;
  const hit = KNOWN.find((k) => p[0] === k || n.includes(`${k}..`) || n.includes(`${k}::`));
  if (hit) return hit;
  const first = n.match(/(?:\$LT\$|^)([a-z_][a-z0-9_]*)(?:\.\.|::)/);
  return first ? first[1] : p[0] && /^[a-z_]+$/.test(p[0]) ? p[0] : 'other';
}

const total = sizes.reduce((a, s) => a + s, 0);
const byGroup = new Map();
const funcs = sizes.map((s, k) => {
  const n = names.get(k + imported) || `func[${k}]`;
  byGroup.set(group(n), (byGroup.get(group(n)) || 0) + s);
  return [n, s];
});
const pct = (s) => `${((100 * s) / total).toFixed(1).padStart(5)} %`;
console.log(`== wasm code by crate (app by module), ${total} B of code before wasm-opt`);
for (const [g, s] of [...byGroup].sort((a, c) => c[1] - a[1]).slice(0, top + 10)) {
  console.log(`  ${g.padEnd(28)} ${String(s).padStart(9)} B ${pct(s)}`);
}
console.log(`== ${top} largest functions`);
for (const [n, s] of funcs.sort((a, c) => c[1] - a[1]).slice(0, top)) {
  const shown = n.startsWith('_R') ? parts(n).join('::') : n;
  console.log(`  ${String(s).padStart(8)} B  ${shown.length > 110 ? `${shown.slice(0, 107)}…` : shown}`);
}
