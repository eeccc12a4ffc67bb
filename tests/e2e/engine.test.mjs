// The engine build (`scripts/build --engine`: the module without the editor,
// for portals that keep their own forms) checks and scores exactly as the
// full module does: every tests/corpus document gets the findings of its
// NAME.expected.json, a self-evaluation is scored, bad input is a thrown
// Error with a Chinese message, and nothing of the editor is exported.
// The module runs here in Node's WebAssembly, which is the same engine
// (V8) as Chromium's.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lib/browser.mjs';

const OUT = join(ROOT, 'target', 'engine');
const CORPUS = join(ROOT, 'tests', 'corpus');

async function loadEngine() {
  const js = join(OUT, 'jixiao_engine.js');
  if (!existsSync(js)) throw new Error(`${js} not found: run scripts/build --engine first`);
  const engine = await import(js);
  engine.initSync({ module: readFileSync(join(OUT, 'jixiao_engine_bg.wasm')) });
  return engine;
}

const engine = await loadEngine();

test('the engine exports the JS API without the editor', () => {
  for (const name of ['check', 'score', 'parseTarget', 'profiles', 'version', 'newDocument']) {
    assert.equal(typeof engine[name], 'function', name);
  }
  assert.equal(engine.mount, undefined);
  assert.equal(engine.startApp, undefined);
});

test('every corpus document gets its expected findings and score from the engine', () => {
  const names = readdirSync(CORPUS).filter((f) => f.endsWith('.expected.json'));
  assert.ok(names.length >= 30, `only ${names.length} corpus documents`);
  const failures = [];
  for (const expectedFile of names) {
    const name = expectedFile.replace('.expected.json', '');
    const text = readFileSync(join(CORPUS, `${name}.json`), 'utf8');
    const result = engine.check(text);
    const got = {
      ...(result.score ? { total: result.score.total, grade: result.score.grade } : {}),
      findings: result.findings.map(({ rule, severity, path }) => ({ rule, severity, path })),
    };
    const want = JSON.parse(readFileSync(join(CORPUS, expectedFile), 'utf8'));
    try {
      assert.deepEqual(got, want);
    } catch {
      failures.push(`${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the engine scores a self-evaluation and explains each row', () => {
  const doc = engine.newDocument('project-self-eval');
  doc.budget = { annual: { total: '100' }, executed: { total: '95' } };
  doc.indicators = [
    {
      id: 'r1',
      level1: '产出指标',
      level2: '数量指标',
      name: '养护里程',
      target: '≥120公里',
      actual: '118公里',
      weight: '90',
    },
  ];
  const { score } = engine.score(doc);
  const row = score.indicators[0];
  assert.equal(row.id, 'r1');
  // 118 / 120 × 90 = 88.5: decimal arithmetic, as a string with the
  // national profile's two decimals.
  assert.equal(row.score, '88.50');
  assert.match(row.how, /118/);
  assert.equal(typeof score.total, 'string');
});

test('bad input to the engine is an Error with a Chinese message', () => {
  assert.throws(() => engine.check('{"format": "jixiao/v1", '), (e) => e instanceof Error && /[\u4e00-\u9fff]/.test(e.message));
  assert.throws(() => engine.check(engine.newDocument(), 'no-such-profile'), /未知的检查规则“no-such-profile”/);
  const parsed = engine.parseTarget('≥95%');
  assert.equal(parsed.display, '≥95%');
  assert.equal(parsed.error, undefined);
  assert.ok(engine.parseTarget('≥9５%x%').display.length > 0);
});
