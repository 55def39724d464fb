// Shared by every spec: where the servers are, the stub's control API, a fresh page.
import { before, after, beforeEach, afterEach } from 'node:test';
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

/// The origins the app may send its bearer token to: the stubs' (the configured APIs).
export const API_ORIGINS = [STUB_URL, process.env.HOSTILE_STUB_URL || 'http://127.0.0.1:18083'].map((u) => new URL(u).origin);

/// A browser for one spec file; `page()` opens a fresh page that records uncaught page
/// errors (exceptions, unhandled rejections, wasm traps: `pageErrors`), and
/// what no page may ever do: break the Content-Security-Policy (`cspViolations`, from the
/// page's own `securitypolicyviolation` events and Chromium's «Refused to …» console
/// lines) or send an `Authorization` header anywhere but an API origin (`tokenLeaks`).
export async function openBrowser() {
  const browser = await launch();
  const pageErrors = [];
  const cspViolations = [];
  const tokenLeaks = [];
  return {
    pageErrors,
    cspViolations,
    tokenLeaks,
    async page(options = {}) {
      const context = await browser.newContext({ locale: 'ru-RU', ...options });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => {
        const text = m.text();
        if (/^CSP violation|Content Security Policy/.test(text)) cspViolations.push(`${page.url()}: ${text}`);
      });
      context.on('request', (r) => {
        const auth = r.headers().authorization;
        if (auth && !API_ORIGINS.includes(new URL(r.url()).origin)) tokenLeaks.push(`${r.method()} ${r.url()}`);
      });
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
  beforeEach(async () => {
    handle.expected = [];
    handle.pageErrors.splice(0);
    await resetStub();
  });
  /// A test that provokes a page error on purpose names it here (a pattern); any other
  /// uncaught error or wasm trap still fails the test.
  handle.expectPageErrors = (...patterns) => handle.expected.push(...patterns);
  // Every test of every spec: no uncaught page error or wasm trap, no CSP violation, no
  // bearer token outside the API origins.
  afterEach(() => {
    const errors = handle.pageErrors.splice(0).filter((m) => !handle.expected.some((re) => re.test(m)));
    const csp = handle.cspViolations.splice(0);
    const leaks = handle.tokenLeaks.splice(0);
    assert.deepEqual(errors, [], 'an uncaught page error or wasm trap');
    assert.deepEqual(csp, [], 'the page broke its Content-Security-Policy');
    assert.deepEqual(leaks, [], 'a bearer token went to an origin that is not a configured API');
  });
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

/// Opens `/signin?next=path` on `app`, signs `digits` in, and waits to be back on `path`.
export async function signedIn(page, digits, path, app = APP_URL) {
  await page.goto(`${app}/signin?next=${encodeURIComponent(path)}`);
  await signIn(page, digits);
  await page.waitForURL((u) => u.pathname.endsWith(path.split('?')[0]));
}

/// The number of the stub's demo order `i` (tests/stub-api/src/journey.rs).
export const demoOrder = (i) => `ORD-2026-${String(1200 + i).padStart(8, '0')}`;

/// From the order history now open, opens demo order `i` (on whichever page it is), as a
/// shopper would.
export async function openDemoOrder(page, i) {
  const link = page.getByRole('link', { name: `Заказ ${demoOrder(i)}` });
  await page.getByTestId('order-row').first().waitFor();
  if ((await link.count()) === 0) await page.getByRole('link', { name: 'Вперёд →' }).click();
  await link.click();
  await page.getByTestId('order').waitFor();
  await page.getByTestId('timeline').waitFor();
}

/// A vitrina-serve of the release build serving `dir` on a free port, with `args` added;
/// resolves to `{ server, url }` once it says where it listens.
export async function serveDir(dir, args = []) {
  const { spawn } = await import('node:child_process');
  const root = new URL('../../..', import.meta.url).pathname;
  const server = spawn(`${root}target/release/vitrina-serve`, [
    '--host', '127.0.0.1', '--port', '0', '--dir', dir, ...args,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = / at (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`vitrina-serve exited with ${code}`)));
  });
  return { server, url };
}
