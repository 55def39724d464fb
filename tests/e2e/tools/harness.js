// Shared by every spec: where the servers are, the stub's control API, a fresh page.
import { before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
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

/// The browser of one spec file: opened before its first test, closed after its last, and
/// the stub reset before each test. The handle's `page()` and `pageErrors` work once the
/// first test runs.
export function specBrowser() {
  const handle = {};
  before(async () => {
    Object.assign(handle, await openBrowser());
  });
  after(async () => {
    await handle.close();
  });
  beforeEach(resetStub);
  return handle;
}

/// A page whose main wasm arrives `delayMs` late (a slow phone network), recording every
/// request with the time it left (and its authorization header) and when the wasm was in.
export async function slowWasmPage(browser, { delayMs = 1200, ...options } = {}) {
  const page = await browser.page({ viewport: { width: 1280, height: 800 }, ...options });
  const log = { requests: [], wasmDone: Infinity };
  page.on('request', (r) => log.requests.push({ url: r.url(), at: Date.now(), auth: r.headers().authorization }));
  await page.route(/_bg\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, delayMs));
    await route.continue();
  });
  page.on('requestfinished', (r) => {
    if (/_bg\.wasm$/.test(r.url())) log.wasmDone = Date.now();
  });
  return { page, log };
}

/// Signs in on `/signin` with the demo code, as a shopper types it; `wrongFirst` tries a
/// wrong code first and checks it is explained.
export async function signIn(page, phoneDigits, { wrongFirst = false } = {}) {
  await page.getByTestId('phone').pressSequentially(phoneDigits);
  assert.match(await page.getByTestId('phone').inputValue(), /^\+7 \(\d{3}\) \d{3}-\d{2}-\d{2}$/);
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByTestId('code').waitFor();
  assert.match(plain(await page.getByTestId('resend').textContent()), /через \d+ с/);
  if (wrongFirst) {
    await page.getByTestId('code').fill('0000');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('signin-error').waitFor();
    assert.match(plain(await page.getByTestId('signin-error').textContent()), /Неверный код/);
  }
  await page.getByTestId('code').fill('1234');
  await page.getByRole('button', { name: 'Войти' }).click();
}
