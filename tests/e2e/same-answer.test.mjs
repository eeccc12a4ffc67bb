// One evaluation, one answer: every corpus document (the project's corpus
// and the real published forms) is checked by the full module's JS API in
// Chromium and by the native command line (`jixiao check --json`), and the
// two must agree on every finding (rule, severity, path, message) and on
// the whole score. A portal's server re-checking an upload thus sees what
// the clerk saw in the browser.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, launchBrowser, openPage, startServer, waitForApp } from './lib/browser.mjs';

const DIRS = ['tests/corpus', 'tests/real/forms'];

/** Every corpus document: `tests/corpus/*.json` and the real forms. */
function documents() {
  const files = [];
  for (const dir of DIRS) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) {
      if (f.endsWith('.json') && !f.endsWith('.expected.json')) files.push(join(dir, f));
    }
  }
  return files;
}

/** The native CLI, built if need be (a no-op after `cargo test`). */
function cli() {
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'jixiao'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  return join(ROOT, 'target', 'debug', 'jixiao');
}

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the JS API in Chromium and the native CLI give every document the same findings and score', async () => {
  const files = documents();
  assert.ok(files.length >= 60, `only ${files.length} documents`);
  const run = spawnSync(cli(), ['check', '--json', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok([0, 1].includes(run.status), `jixiao check exited ${run.status}: ${run.stderr}`);
  const native = JSON.parse(run.stdout);
  assert.equal(native.length, files.length);

  const { readFileSync } = await import('node:fs');
  const texts = files.map((f) => readFileSync(join(ROOT, f), 'utf8'));
  const { page, context, errors } = await openPage(browser, server.url);
  try {
    await waitForApp(page);
    const inBrowser = await page.evaluate(async (texts) => {
      const m = await import('/jixiao.js');
      await m.default();
      return texts.map((t) => {
        try {
          return m.check(t);
        } catch (e) {
          return { error: String(e.message) };
        }
      });
    }, texts);
    const differences = [];
    files.forEach((file, i) => {
      const cliOut = native[i];
      const jsOut = inBrowser[i];
      assert.equal(cliOut.file, file);
      const brief = (fs) => (fs ?? []).map(({ rule, severity, path, message }) => ({ rule, severity, path, message }));
      try {
        assert.equal(jsOut.error, undefined, `the JS API threw: ${jsOut.error}`);
        assert.equal(jsOut.profile, cliOut.profile);
        assert.deepEqual(brief(jsOut.findings), brief(cliOut.findings));
        assert.deepEqual(jsOut.score ?? null, cliOut.score ?? null);
      } catch (e) {
        differences.push(`${file}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
      }
    });
    assert.deepEqual(differences, []);
    // The comparison is not empty: self-evaluations are scored, findings found.
    assert.ok(native.filter((r) => r.score).length >= 20, 'self-evaluations with a score');
    assert.ok(native.reduce((n, r) => n + (r.findings?.length ?? 0), 0) >= 100, 'findings compared');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
