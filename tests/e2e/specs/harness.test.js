// The harness itself: every test of every spec fails on an uncaught page error or a wasm
// trap it did not announce (tools/harness.js's afterEach). Runs fixtures/page_error.spec.js
// in a child `node --test` and reads its verdicts: each of its tests must fail, and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/page_error.spec.js', import.meta.url));

test('a test fails on an uncaught page error, a wasm trap or an unhandled rejection it did not expect', () => {
  // Without NODE_TEST_CONTEXT: a child that inherits it takes itself for a subtest and
  // runs no file.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', fixture], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  const out = run.stdout + run.stderr;
  assert.notEqual(run.status, 0, `the fixture's run passed:\n${out}`);
  for (const name of ['an uncaught exception', 'a wasm trap', 'an unhandled rejection', 'an expected error of another kind still fails']) {
    assert.match(out, new RegExp(`not ok \\d+ - ${name}`), `«${name}» did not fail:\n${out}`);
  }
  assert.match(out, /an uncaught page error or wasm trap/);
  for (const message of ['fixture: thrown', 'unreachable', 'fixture: rejected', 'fixture: unexpected']) {
    assert.ok(out.includes(message), `the failure does not name «${message}»:\n${out}`);
  }
  assert.match(out, /# pass 0/);
});
