// The page's 导入Excel / 导出Excel buttons, in Chromium, on the built dist/:
//
// - the spreadsheet module (dist/sheet/) is not fetched until a button is
//   used, then it is, with its download progress shown;
// - a LibreOffice-made .xlsx in a template-like layout (built here from a
//   flat ODS with `soffice --convert-to xlsx`) opens as a new draft, with
//   the cells that could not be placed listed;
// - 导出Excel downloads an .xlsx that 导入Excel reads back to the same
//   document;
// - once used, it works offline (the service worker cached the module);
// - the time to export and import a 500-row form in the page is printed,
//   never asserted.
//
// Needs scripts/build, Chromium and LibreOffice (scripts/setup).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, screenshot, startServer, waitForApp } from './lib/browser.mjs';

let browser;
let server;
let work;

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  work = mkdtempSync(join(tmpdir(), 'jixiao-sheet-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A flat ODS sheet from rows of cells; a cell is text, or
 * `{ t: text, c: columns, r: rows }` for a merged one. Numbers are numbers.
 */
function fods(rows) {
  const covered = new Set();
  let xml =
    '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet><table:table table:name="自评表">';
  rows.forEach((cells, r) => {
    xml += '<table:table-row>';
    let c = 0;
    const queue = [...cells];
    while (queue.length || covered.has(`${r},${c}`)) {
      if (covered.has(`${r},${c}`)) {
        xml += '<table:covered-table-cell/>';
        c += 1;
        continue;
      }
      const cell = queue.shift();
      const { t, c: cs = 1, r: rs = 1 } = typeof cell === 'object' ? cell : { t: cell };
      for (let dr = 1; dr < rs; dr += 1) for (let dc = 0; dc < cs; dc += 1) covered.add(`${r + dr},${c + dc}`);
      const span = ` table:number-columns-spanned="${cs}" table:number-rows-spanned="${rs}"`;
      if (t === '') xml += `<table:table-cell${span}/>`;
      else if (/^[1-9]\d*(\.\d+)?$/.test(t))
        xml += `<table:table-cell office:value-type="float" office:value="${t}"${span}><text:p>${t}</text:p></table:table-cell>`;
      else xml += `<table:table-cell office:value-type="string"${span}><text:p>${esc(t)}</text:p></table:table-cell>`;
      for (let dc = 1; dc < cs; dc += 1) xml += '<table:covered-table-cell/>';
      c += cs;
    }
    xml += '</table:table-row>';
  });
  return xml + '</table:table></office:spreadsheet></office:body></office:document>';
}

/** A project self-evaluation laid out like the national template. */
const TEMPLATE = [
  [{ t: '项目支出绩效自评表', c: 8 }],
  [{ t: '（2024年度）', c: 8 }],
  ['项目名称', { t: 'LibreOffice做的自评表', c: 7 }],
  ['主管部门', { t: '某县交通运输局', c: 3 }, '实施单位', { t: '某县公路中心', c: 3 }],
  [{ t: '项目资金（万元）', r: 3 }, '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['年度资金总额', '120', '120', '114', '10', '95%', '9.5'],
  ['其中：财政拨款', '100', '100', '96', '', '', ''],
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  [{ t: '产出指标', r: 2 }, '数量指标', '养护里程', '≥120公里', '118公里', '50', '49.17', '汛期顺延'],
  ['时效指标', '完成时间', '2024年12月31日前', '2024-12-20', '10', '10', ''],
  ['效益指标', '社会效益指标', '出行条件', '明显改善', '达成', '20', '18', ''],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '93%', '10', '10', ''],
  [{ t: '总分', c: 5 }, '100', '96.67', ''],
  ['项目负责人：', '张三', '', '财务负责人：', '', '', '填报日期：', ''],
];

/** Converts a flat ODS into .xlsx with LibreOffice; resolves to its bytes. */
function libreofficeXlsx(name, rows) {
  const src = join(work, `${name}.fods`);
  writeFileSync(src, fods(rows));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${work}/lo-profile`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', work, src],
    { stdio: 'pipe', timeout: 120_000 }
  );
  return readFileSync(join(work, `${name}.xlsx`));
}

/** Every draft document stored in the page, newest first. */
async function drafts(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('jixiao:draft:'))
      .map((k) => JSON.parse(localStorage.getItem(k)))
      .sort((a, b) => b.meta.saved_at - a.meta.saved_at || b.meta.id.localeCompare(a.meta.id))
      .map((r) => r.document)
  );
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function importXlsx(page, input, name, buffer) {
  await input.setInputFiles({ name, mimeType: XLSX_MIME, buffer });
}

test('导入Excel / 导出Excel load the spreadsheet module on first use, round-trip, and work offline', async () => {
  const xlsx = libreofficeXlsx('template', TEMPLATE);
  const { page, context, errors } = await openPage(browser, new URL('index.html', server.url).href);
  const sheetRequests = [];
  page.on('request', (req) => {
    if (req.url().includes('/sheet/')) sheetRequests.push(req.url());
  });
  try {
    await waitForApp(page);
    // Offline support needs the service worker in control.
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active, null, { timeout: 30_000 });
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 });
    await waitForApp(page);
    assert.deepEqual(sheetRequests, [], 'the spreadsheet module is not part of the first download');

    // Record the progress messages as they come and go.
    await page.evaluate(() => {
      window.__sheetStatus = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role=status]')) {
          if (!window.__sheetStatus.includes(el.textContent)) window.__sheetStatus.push(el.textContent);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    // A LibreOffice-made .xlsx opens as a new draft.
    await importXlsx(page, page.getByLabel('导入Excel'), 'template.xlsx', xlsx);
    await page.getByLabel('项目名称').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByLabel('项目名称').first().inputValue(), 'LibreOffice做的自评表');
    assert.ok(sheetRequests.some((u) => u.endsWith('jixiao_sheet_bg.wasm')), 'the module was fetched');
    const status = await page.evaluate(() => window.__sheetStatus);
    assert.ok(status.some((s) => /正在下载表格组件/.test(s)), `progress shown: ${JSON.stringify(status)}`);
    // The signature cell is listed, with where it is.
    const report = page.locator('.jx-sheet-report');
    await report.waitFor();
    assert.match(await report.textContent(), /B14：“张三”/);
    const [first] = await drafts(page);
    assert.equal(first.kind, 'project-self-eval');
    assert.equal(first.indicators.length, 4);
    assert.equal(first.indicators[1].level1, '产出指标', 'the merged 一级 cell is filled in');
    assert.equal(first.budget.executed.total, '114');
    assert.equal(first.total_score, '96.67');
    await screenshot(page, 'sheet-imported');

    // 导出Excel, then 导入Excel of that file: the same document.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: '导出Excel' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /LibreOffice做的自评表_2024年度_项目支出绩效自评表\.xlsx$/);
    const exported = readFileSync(await download.path());
    assert.equal(exported.subarray(0, 2).toString(), 'PK');
    await importXlsx(page, page.getByLabel('导入Excel'), download.suggestedFilename(), exported);
    await page.waitForFunction(async () => {
      const n = Object.keys(localStorage).filter((k) => k.startsWith('jixiao:draft:')).length;
      return n >= 2;
    });
    const [again, before] = await drafts(page);
    const strip = ({ profile, check, score, ...rest }) => rest;
    assert.deepEqual(strip(again), strip(before));

    // Offline, once used: the module comes from the service worker's cache.
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await importXlsx(page, page.getByLabel('导入Excel'), 'template.xlsx', xlsx);
    await page.getByLabel('项目名称').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel('项目名称').first().inputValue(), 'LibreOffice做的自评表');
    await context.setOffline(false);
    assert.deepEqual(
      errors.filter((e) => !/requestfailed|ERR_INTERNET_DISCONNECTED/.test(e)),
      []
    );
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

test('a file that is no spreadsheet gives a message and changes nothing', async () => {
  const { page, context } = await openPage(browser, new URL('index.html', server.url).href);
  try {
    await waitForApp(page);
    const keys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao:draft:')));
    const before = await keys();
    await importXlsx(page, page.getByLabel('导入Excel'), 'notes.xlsx', Buffer.from('这不是表格'));
    const alert = page.getByRole('alert').filter({ hasText: /无法导入/ });
    await alert.waitFor({ timeout: 60_000 });
    assert.match(await alert.textContent(), /没有改变/);
    assert.deepEqual(await keys(), before);
  } finally {
    await context.close();
  }
});

test('timing: export and import of a 500-row form in the page (printed, not asserted)', async () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({
    id: `r${i + 1}`,
    level1: ['产出指标', '效益指标', '满意度指标'][Math.floor(i / 200)],
    level2: ['数量指标', '社会效益指标', '服务对象满意度指标'][Math.floor(i / 200)],
    name: `第${i + 1}段农村公路养护指标`,
    target: '≥120公里',
    actual: '121公里',
    weight: '0.18',
    score: '0.18',
  }));
  const doc = {
    format: 'jixiao/v1',
    kind: 'project-self-eval',
    year: 2024,
    project: { name: '五百行的自评表', department: '某县交通运输局', unit: '某县公路中心' },
    budget: { adjusted: { total: '1200' }, executed: { total: '1150' } },
    execution_weight: '10',
    goals: {},
    indicators: rows,
  };
  const { page, context } = await openPage(browser, new URL('index.html', server.url).href);
  try {
    await waitForApp(page);
    await page.getByLabel('选择表单文件（.json）').setInputFiles({
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(doc)),
    });
    await page.getByLabel('项目名称').first().waitFor({ timeout: 60_000 });
    const time = async (what) => {
      const t0 = Date.now();
      await what();
      return Date.now() - t0;
    };
    let download;
    const firstExport = await time(async () => {
      [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByRole('button', { name: '导出Excel' }).click(),
      ]);
    });
    const warmExport = await time(async () => {
      [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByRole('button', { name: '导出Excel' }).click(),
      ]);
    });
    const bytes = readFileSync(await download.path());
    const count = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao:draft:')).length);
    const n = await count();
    const importTime = await time(async () => {
      await importXlsx(page, page.getByLabel('导入Excel'), 'big.xlsx', bytes);
      await page.waitForFunction((n) => Object.keys(localStorage).filter((k) => k.startsWith('jixiao:draft:')).length > n, n, {
        timeout: 60_000,
      });
      await page.getByLabel('项目名称').first().waitFor();
    });
    const [imported] = await drafts(page);
    assert.equal(imported.indicators.length, 500);
    console.log(
      `500-row form in Chromium: 导出Excel ${firstExport} ms (first, with loading the module), ` +
        `${warmExport} ms (module loaded); 导入Excel ${importTime} ms (to the new draft shown); .xlsx ${bytes.length} bytes`
    );
  } finally {
    await context.close();
  }
});
