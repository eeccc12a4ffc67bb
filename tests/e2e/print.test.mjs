// The printed form, as a clerk gets it: a form of each kind is imported on
// the start page, printed to PDF by Chromium (A4, the page's own @page
// rules) and the PDF's text is read back with poppler's pdftotext: the
// title and year, the header labels and values, every indicator row with
// every column (三级指标 and the last column included), the scores and the
// total as the native scoring computes them, the signature lines and the
// page numbers; nothing of the editor (buttons, findings, inputs); no word
// outside the page's printable width. The pages are also rendered to PNG
// (test-results/print/*.png) for a person to look at.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, STRICT_CSP, launchBrowser, openPage, startServer } from './lib/browser.mjs';

const OUT = join(ROOT, 'test-results', 'print');

const TITLES = {
  'project-goal': '项目支出绩效目标申报表',
  'project-self-eval': '项目支出绩效自评表',
  'unit-goal': '部门（单位）整体支出绩效目标申报表',
  'unit-self-eval': '部门（单位）整体支出绩效自评表',
};

/** The grid's headings on each kind of form, in order (as on the official form). */
const COLUMNS = {
  'project-goal': ['一级指标', '二级指标', '三级指标', '指标值'],
  'project-self-eval': ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  'unit-goal': ['一级指标', '二级指标', '三级指标', '指标值'],
  'unit-self-eval': ['一级指标', '二级指标', '三级指标', '年初指标值', '调整指标值', '全年完成值', '权重', '得分', '偏差原因分析及改进措施'],
};

/** A long self-evaluation: the rows of a real one repeated to `n` rows, each named apart. */
function longSelfEval(n) {
  const base = JSON.parse(readFileSync(join(ROOT, 'tests/real/forms/hebei-langfang-food-school-hvac-selfeval.json'), 'utf8'));
  const rows = base.indicators.filter((r) => r.name);
  const indicators = Array.from({ length: n }, (_, i) => {
    const r = rows[i % rows.length];
    return { ...r, id: `long${i}`, name: `${r.name}（第${i + 1}项）` };
  });
  return { ...base, indicators };
}

/** The documents printed: a real or corpus form of each kind, and a long one. */
const CASES = [
  { name: 'project-goal', file: 'tests/real/forms/hunan-nanyue-tourism-poverty-goal.json' },
  { name: 'project-self-eval', file: 'tests/real/forms/hebei-langfang-food-school-hvac-selfeval.json' },
  { name: 'unit-goal', file: 'tests/corpus/unit-culture-bureau-tasks-goal.json' },
  { name: 'unit-self-eval', file: 'tests/real/forms/hunan-lingling-forestry-bureau-unit-selfeval.json' },
  { name: 'long-self-eval', file: 'test-results/print/long-self-eval.json', make: () => longSelfEval(150) },
];

/** Text compared without white space: pdftotext breaks and spaces the lines of a cell. */
const norm = (s) => String(s ?? '').replace(/\s+/g, '');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.error, undefined, `${cmd}: ${r.error?.message} (scripts/setup installs poppler-utils)`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The native command line, built if need be (a no-op after `cargo test`). */
function cli() {
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'jixiao'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  return join(ROOT, 'target', 'debug', 'jixiao');
}

/**
 * What the native command line makes of each case: the document as the
 * model holds it (`jixiao read`: the texts the editor shows and prints,
 * e.g. `1093` for an actual typed `1093万元`), and its findings and score
 * (`jixiao check --json`).
 */
function nativeReports(files) {
  const jixiao = cli();
  const r = spawnSync(jixiao, ['check', '--json', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok([0, 1].includes(r.status), r.stderr);
  const reports = JSON.parse(r.stdout);
  return files.map((f, i) => ({ ...reports[i], read: JSON.parse(run(jixiao, ['read', f])) }));
}

/** The row spans of equal neighbours, as the printed form merges 一级 (and, within them, 二级). */
function runs(keys, within) {
  const out = [];
  let start = 0;
  while (start < keys.length) {
    let end = start + 1;
    if (keys[start].trim()) {
      while (end < keys.length && keys[end] === keys[start] && (!within || within[end] === 0)) end++;
    }
    out.push(end - start, ...Array(end - start - 1).fill(0));
    start = end;
  }
  return out;
}

/** A rate as the page shows it (`0.8620` → `86.20%`). */
const percent = (rate) => `${(Number(rate) * 100).toFixed(2)}%`;

let server;
let browser;
let reports;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const c of CASES) if (c.make) writeFileSync(join(ROOT, c.file), JSON.stringify(c.make(), null, 2));
  reports = nativeReports(CASES.map((c) => c.file));
  server = await startServer({ headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Imports a document on the start page and waits for its editor. */
async function importForm(page, doc, file) {
  await page.getByLabel('选择表单文件（.json）').setInputFiles({
    name: file.split('/').pop(),
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await page.getByRole('heading', { level: 2, name: TITLES[doc.kind] }).waitFor({ timeout: 30_000 });
}

/** Prints the page to `OUT/name.pdf` and reads it back: text, pages, page size, word boxes. */
async function printToPdf(page, name) {
  const pdf = join(OUT, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const info = run('pdfinfo', [pdf]);
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const [width, height] = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m).slice(1).map(Number);
  const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']);
  const words = [...run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-']).matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
  // The pages as pictures, for a person to look at (the last run's removed).
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(OUT, f));
  run('pdftoppm', ['-png', '-r', '70', pdf, join(OUT, name)]);
  return { pdf, pages, width, height, text, words };
}

for (const [i, c] of CASES.entries()) {
  test(`the printed ${c.name} form holds every cell, the scores and the signature lines`, async () => {
    // Imported as the file is; its cells checked as the model reads them.
    const file = JSON.parse(readFileSync(join(ROOT, c.file), 'utf8'));
    const report = reports[i];
    const doc = report.read;
    const kind = doc.kind;
    const selfEval = kind.endsWith('self-eval');
    const { page, context, errors } = await openPage(browser, server.url);
    try {
      await page.getByLabel('选择表单文件（.json）').waitFor({ timeout: 30_000 });
      await importForm(page, file, c.file);

      // The printed form exists only while printing.
      assert.equal(await page.locator('.pv').count(), 0);
      const { pdf, pages, width, height, text, words } = await printToPdf(page, c.name);
      assert.equal(await page.locator('.pv').count(), 0, 'emptied after printing');
      const T = norm(text);
      const has = (s, what = s) => assert.ok(T.includes(norm(s)), `${c.name}: “${what}” not in the PDF`);

      // A4, landscape for the wide self-evaluation grid.
      assert.ok(Math.abs(Math.max(width, height) - 842) < 2 && Math.abs(Math.min(width, height) - 595) < 2, `${width}x${height}`);
      assert.equal(width > height, selfEval, `${c.name}: ${width}x${height}`);

      // Title and year; the header as labels and values.
      has(TITLES[kind]);
      has(`（${doc.year}年度）`);
      if (doc.project) {
        has('项目名称');
        has(doc.project.name);
        has(kind === 'project-goal' ? '主管部门及代码' : '主管部门');
        has(doc.project.department);
        has('实施单位');
        has(doc.project.unit);
      } else {
        has('部门（单位）名称');
        has(doc.unit.name);
      }
      if (kind === 'project-goal') ['项目属性', '项目期', '年度资金总额', '其中：财政拨款'].forEach((s) => has(s));
      if (doc.funds?.total) has(doc.funds.total);
      for (const t of doc.tasks ?? []) [t.name, t.content].forEach((s) => has(s));

      // Money: the budget table with the execution rate and score computed.
      if (selfEval) {
        ['年初预算数', '全年预算数', '全年执行数', '执行率'].forEach((s) => has(s));
        for (const stage of ['initial', 'adjusted', 'executed']) {
          const total = doc.budget?.[stage]?.total;
          if (total) has(total, `${stage} ${total}`);
        }
        const e = report.score.execution;
        if (e) has(`${percent(e.rate)}${e.score}`, `执行率 ${percent(e.rate)} 得分 ${e.score}`);
      }
      // The overall goals, whole.
      const goals = selfEval ? [doc.goals.planned, doc.goals.achieved] : [doc.goals.annual];
      goals.filter(Boolean).forEach((g) => has(g));

      // The grid: every heading in order, then each row with each of its
      // cells between its 三级指标 and the next row's.
      const heads = COLUMNS[kind];
      let at = T.indexOf('绩效指标');
      for (const h of heads) {
        const next = T.indexOf(h, at);
        assert.ok(next > at, `${c.name}: heading ${h} missing or out of order`);
        at = next;
      }
      const rows = doc.indicators;
      const scores = report.score?.indicators ?? [];
      const starts = [];
      let from = at;
      for (const r of rows) {
        const p = T.indexOf(norm(r.name), from);
        assert.ok(p >= 0, `${c.name}: 三级指标 “${r.name}” not printed`);
        starts.push(p);
        from = p + norm(r.name).length;
      }
      rows.forEach((r, k) => {
        const cells = T.slice(starts[k], k + 1 < rows.length ? starts[k + 1] : undefined);
        const expect = [r.actual, r.deviation];
        if (selfEval) expect.push(r.weight, scores[k]?.score ?? r.score);
        for (const v of expect.filter((v) => v !== undefined && v !== null && v !== '')) {
          assert.ok(cells.includes(norm(v)), `${c.name}: row ${k + 1} (${r.name}) lacks “${v}” in ${cells}`);
        }
      });
      // Every 一级 and 二级 name is printed, each once over its run of rows.
      for (const r of rows) for (const l of [r.level1, r.level2].filter(Boolean)) has(l);
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const printedSpans = await page.$$eval('.pv-grid tbody tr:not(.pv-total)', (trs) =>
        trs.map((tr) => [...tr.children].slice(0, 2).map((td) => td.rowSpan)),
      );
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      const span1 = runs(rows.map((r) => r.level1));
      const span2 = runs(rows.map((r) => r.level2), span1);
      assert.equal(printedSpans.length, rows.length, `${c.name}: every row rendered`);
      const expected = rows.map((_, k) => [span1[k], span2[k]].filter((n) => n > 0));
      assert.deepEqual(printedSpans.map((s, k) => s.slice(0, expected[k].length)), expected);

      // The total and grade of a self-evaluation, in the 总分 row.
      if (selfEval) {
        const total = T.slice(T.lastIndexOf('总分'));
        assert.ok(total.includes(report.score.total), `${c.name}: 总分 ${report.score.total} not in ${total.slice(0, 80)}`);
        if (report.score.grade) assert.ok(total.includes(`等级：${report.score.grade}`), total.slice(0, 80));
      }

      // The signature lines, after the grid.
      const sign = kind.startsWith('unit')
        ? ['财务负责人：', '单位负责人（签字）：', '填报日期：', '单位（盖章）：']
        : ['项目负责人：', '财务负责人：', '单位负责人（签字）：', '填报日期：', '单位（盖章）：'];
      for (const s of sign) assert.ok(T.lastIndexOf(s) > starts.at(-1), `${c.name}: ${s}`);

      // Page numbers on every page; the grid headings again on each page
      // the grid continues on.
      for (let p = 1; p <= pages; p++) has(`第${p}页，共${pages}页`);
      if (c.name === 'long-self-eval') {
        assert.ok(pages >= 4, `${pages} pages`);
        const repeated = T.split('三级指标').length - 1;
        assert.ok(repeated >= pages - 1, `headings printed ${repeated} times on ${pages} pages`);
        // The total row does not start the last page alone: the last row goes with it.
        const last = norm(run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', `${pages}`, '-l', `${pages}`, pdf, '-']));
        assert.ok(last.includes(norm(rows.at(-1).name)) && last.includes('总分'), last);
      }

      // Nothing of the editor: no buttons, help, pickers or findings.
      for (const s of ['添加一行', '粘贴框', '上移', '删除', '检查规则', '请选择', '计算得分', '生成自评表', 'jixiao']) {
        assert.ok(!T.includes(s), `${c.name}: editor text “${s}” printed`);
      }
      for (const f of report.findings.slice(0, 5)) {
        assert.ok(!T.includes(norm(f.message)), `${c.name}: finding printed: ${f.message}`);
      }

      // Nothing cut: every word lies within the page, inside its side margins (12 mm).
      const margin = (12 / 25.4) * 72 - 2;
      const outside = words.filter((w) => w.x0 < margin || w.x1 > width - margin || w.y1 > height);
      assert.deepEqual(outside, [], `${c.name}: words outside the printable area`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
