// The format contract: docs/jixiao-v1.schema.json (the JSON Schema of
// docs/format.md) accepts every corpus document as given, the same document
// as the native reader writes it back (`jixiao read`), and that document
// with the check and score sections export adds; and it refuses documents
// that break the contract, so that it can fail.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { ROOT } from './lib/browser.mjs';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'jixiao-v1.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function documents() {
  const files = [];
  for (const dir of ['tests/corpus', 'tests/real/forms']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) {
      if (f.endsWith('.json') && !f.endsWith('.expected.json')) files.push(join(dir, f));
    }
  }
  return files;
}

function jixiao(args, input) {
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'jixiao'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  return spawnSync(join(ROOT, 'target', 'debug', 'jixiao'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 64 << 20,
  });
}

function problems(doc) {
  return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}

test('every corpus document, as given, as written back and as exported, fits the schema', () => {
  const files = documents();
  assert.ok(files.length >= 60, `only ${files.length} documents`);
  const checked = JSON.parse(jixiao(['check', '--json', ...files]).stdout);
  const failures = [];
  files.forEach((file, i) => {
    const given = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    const read = jixiao(['read', file]);
    assert.equal(read.status, 0, `${file}: ${read.stderr}`);
    const written = JSON.parse(read.stdout);
    const exported = { ...written, check: { profile: checked[i].profile, findings: checked[i].findings } };
    if (checked[i].score) exported.score = checked[i].score;
    for (const [how, doc] of [['given', given], ['written', written], ['exported', exported]]) {
      const p = problems(doc);
      if (p.length) failures.push(`${file} (${how}): ${p.slice(0, 5).join('; ')}`);
    }
  });
  assert.deepEqual(failures, []);
});

test('the schema refuses what breaks the contract', () => {
  const base = { format: 'jixiao/v1', kind: 'project-goal' };
  const cases = [
    [{ kind: 'project-goal' }, "must have required property 'format'"],
    [{ ...base, format: 'jixiao/v2' }, 'must be equal to constant'],
    [{ ...base, kind: 'memo' }, 'must be equal to one of the allowed values'],
    [{ ...base, indicators: 5 }, 'must match exactly one schema'],
    [{ ...base, indicators: [{ weight: true }] }, '/indicators/0/weight must be string,number,null'],
    [{ ...base, funds: { total: [] } }, '/funds/total must be string,number,null'],
    [{ ...base, explanations: [{ rule: 'X', path: '/x' }] }, "must have required property 'text'"],
    [
      { ...base, check: { findings: [{ rule: 'X', severity: 'fatal', path: '/x', message: 'm' }] } },
      'must be equal to one of the allowed values',
    ],
  ];
  for (const [doc, want] of cases) {
    const p = problems(doc).join('; ');
    assert.ok(p.includes(want), `${JSON.stringify(doc)}: ${p || 'accepted'}`);
  }
  assert.deepEqual(problems({ ...base, portal_ref: { batch: 7 } }), [], 'unknown fields are allowed');
});
