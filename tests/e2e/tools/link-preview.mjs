#!/usr/bin/env node
// What a messenger's link preview would show for a page, read from its HTML as a crawler
// reads it (no browser, no script runs): the title (og:title, else twitter:title, else
// <title>), the description (og:description, else twitter:description, else meta
// description), the image (og:image, else twitter:image; made absolute against the page),
// the site name and the canonical URL, plus how many JSON-LD blocks parse and their @types.
//
//   node tests/e2e/tools/link-preview.mjs <url-or-file> [--json]
//
// Exit status 1 when the page gives a preview no title (what a messenger would show as a
// bare link), 2 when the page cannot be read.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const source = args.find((a) => !a.startsWith('--'));
if (!source) {
  console.error('usage: link-preview.mjs <url-or-file> [--json]');
  process.exit(2);
}

const isUrl = /^https?:\/\//i.test(source);
let html;
try {
  if (isUrl) {
    // As a preview bot: no cookies, no script, a bot's user agent.
    const res = await fetch(source, {
      headers: { 'user-agent': 'TelegramBot (like TwitterBot) link-preview.mjs', accept: 'text/html' },
      redirect: 'follow',
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    html = await res.text();
  } else {
    html = readFileSync(source, 'utf8');
  }
} catch (e) {
  console.error(`cannot read ${source}: ${e.message}`);
  process.exit(2);
}

// Previews read the <head> only (and bots stop early): what the body says does not count.
const head = (html.match(/<head\b[^>]*>([\s\S]*?)<\/head>/i) || [, html])[1];

function decode(s) {
  const named = {
    amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
    laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…', copy: '©', shy: '',
  };
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return named[e.toLowerCase()] ?? m;
  });
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

// Scripts first taken out, so a tag-like string inside JSON-LD is not read as a tag.
const scripts = [];
const headNoScripts = head.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (_, a, body) => {
  scripts.push({ attrs: attrs(a), body });
  return '';
});

const meta = new Map();
for (const m of headNoScripts.matchAll(/<meta\b([^>]*)>/gi)) {
  const a = attrs(m[1]);
  const key = (a.property || a.name || '').toLowerCase();
  // The first of each wins, as Facebook and Telegram read them.
  if (key && a.content !== undefined && !meta.has(key)) meta.set(key, a.content);
}
const titleTag = headNoScripts.match(/<title\b[^>]*>([\s\S]*?)<\/title>/i);
const canonicalTag = [...headNoScripts.matchAll(/<link\b([^>]*)>/gi)]
  .map((m) => attrs(m[1]))
  .find((a) => (a.rel || '').toLowerCase().split(/\s+/).includes('canonical'));

const clean = (s) => (s == null ? undefined : s.replace(/\s+/g, ' ').trim() || undefined);
const pick = (...keys) => keys.map((k) => clean(meta.get(k))).find((v) => v !== undefined);

let image = pick('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image');
if (image) {
  try {
    image = new URL(image, isUrl ? source : undefined).href;
  } catch {
    // A relative image in a file: left as written.
  }
}

const jsonLd = scripts
  .filter((s) => (s.attrs.type || '').toLowerCase() === 'application/ld+json')
  .map((s) => {
    try {
      const v = JSON.parse(s.body);
      const nodes = Array.isArray(v) ? v : v['@graph'] || [v];
      return { ok: true, types: nodes.map((n) => n['@type']) };
    } catch (e) {
      return { ok: false, error: e.message };
    }
  });

const preview = {
  source,
  title: pick('og:title', 'twitter:title') ?? clean(titleTag && decode(titleTag[1])),
  description: pick('og:description', 'twitter:description', 'description'),
  image,
  siteName: pick('og:site_name'),
  type: pick('og:type'),
  card: pick('twitter:card'),
  url: pick('og:url') ?? clean(canonicalTag?.href),
  price: pick('product:price:amount') && `${pick('product:price:amount')} ${pick('product:price:currency') ?? ''}`.trim(),
  tabTitle: clean(titleTag && decode(titleTag[1])),
  jsonLd,
};

if (asJson) {
  console.log(JSON.stringify(preview, null, 2));
} else {
  const line = (label, v) => console.log(`${label.padEnd(12)} ${v ?? '—'}`);
  console.log(`┌ link preview of ${source}`);
  line('site', preview.siteName);
  line('title', preview.title);
  line('description', preview.description);
  line('image', preview.image);
  line('url', preview.url);
  line('type', [preview.type, preview.card].filter(Boolean).join(' / ') || undefined);
  if (preview.price) line('price', preview.price);
  line('tab title', preview.tabTitle);
  line(
    'JSON-LD',
    jsonLd.length
      ? jsonLd.map((b) => (b.ok ? `[${b.types.join(', ')}]` : `UNPARSABLE (${b.error})`)).join(' ')
      : undefined,
  );
}
process.exit(preview.title ? 0 : 1);
