// Shared by every spec: where the servers are, the stub's control API, a fresh page.
import { launch } from './browser.js';

export const APP_URL = process.env.APP_URL || 'http://127.0.0.1:18080';
export const SUB_APP_URL = process.env.SUB_APP_URL || 'http://127.0.0.1:18082/shop';
export const STUB_URL = process.env.STUB_URL || 'http://127.0.0.1:18081';
export const COMMERCE = `${STUB_URL}/commerce/api/v1`;

export async function control(path, body, method = 'POST') {
  const res = await fetch(`${STUB_URL}/__control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

export const resetStub = () => control('reset', {});
export const injectFault = (fault) => control('faults', fault);

export async function api(path) {
  const res = await fetch(`${COMMERCE}${path}`);
  return res.json();
}

/// A browser for one spec file; `page()` opens a fresh page that records page errors.
export async function openBrowser() {
  const browser = await launch();
  const pageErrors = [];
  return {
    pageErrors,
    async page(options = {}) {
      const context = await browser.newContext({ locale: 'ru-RU', ...options });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
    close: () => browser.close(),
  };
}

/// Text as a person reads it: no-break spaces are spaces.
export const plain = (s) => (s || '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
