// The form editor end to end, in Debian's Chromium: a goal form filled in
// from scratch with rows pasted from a spreadsheet, the error summary and its
// links, the spreadsheet keys, delete with undo, the self-evaluation derived
// from the goal form with its live score, and for each of the four forms an
// axe-core audit and a screenshot (test-results/screenshots/form-*.png).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  ROOT,
  STRICT_CSP,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
} from './lib/browser.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const TITLES = {
  'project-goal': '项目支出绩效目标申报表',
  'project-self-eval': '项目支出绩效自评表',
  'unit-goal': '部门（单位）整体支出绩效目标申报表',
  'unit-self-eval': '部门（单位）整体支出绩效自评表',
};

let server;
let browser;

before(async () => {
  server = await startServer({ headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a new form of a kind at the size of an old office screen. */
async function openForm(kind) {
  const opened = await openPage(browser, `${server.url}?kind=${kind}`, {
    viewport: { width: 1366, height: 768 },
  });
  await opened.page.getByRole('heading', { level: 2, name: TITLES[kind] }).waitFor({ timeout: 30_000 });
  return opened;
}

/** Dispatches a paste of `text` (as Excel puts it on the clipboard) on an element. */
async function paste(page, selector, text) {
  await page.evaluate(
    ({ selector, text }) => {
      const el = document.querySelector(selector);
      el.focus();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { selector, text },
  );
}

const NAMES = [
  '养护里程', '桥梁检查座数', '边沟清理长度', '路面修补面积',
  '路况优良率', '养护质量合格率', '桥梁完好率', '安全设施完好率',
  '日常养护完成时间', '汛前检查完成时间', '病害处置时限', '资金支付时间',
  '每公里养护成本', '桥梁检查单价', '设备租赁费用', '材料采购成本',
  '群众出行时间缩短', '交通事故下降率', '农产品运输成本下降', '沿线群众满意度',
];

/** Twenty indicator rows with a header row, CRLF line ends as Excel writes them. */
function twentyRows({ badRow = 3 } = {}) {
  const lines = ['一级指标\t二级指标\t三级指标\t指标值\t分值'];
  const cats = [
    ['产出指标', '数量指标'],
    ['产出指标', '质量指标'],
    ['产出指标', '时效指标'],
    ['成本指标', '经济成本指标'],
    ['效益指标', '社会效益指标'],
  ];
  for (let i = 1; i <= 20; i++) {
    const [l1, l2] = i === 20 ? ['满意度指标', '服务对象满意度指标'] : cats[Math.floor((i - 1) / 4)];
    let target = l2 === '时效指标' ? '2024年12月31日前' : l1 === '成本指标' ? `≤${i * 10}万元` : `≥${i}个`;
    if (l1 === '满意度指标') target = '≥90%';
    if (i === badRow) target = '约95%';
    lines.push(`${l1}\t${l2}\t${NAMES[i - 1]}\t${target}\t4`);
  }
  return lines.join('\r\n') + '\r\n';
}

const rowCount = (page) => page.locator('#grid tbody tr').count();
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Runs axe-core on the page and returns its violations, summarised. */
async function axe(page) {
  // The strict CSP refuses an inline <script> (page.addScriptTag), so axe is
  // evaluated through the DevTools protocol, which the CSP does not govern.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

test('a goal form from scratch: paste 20 rows, follow the summary, fix the field', async () => {
  const { page, context, errors } = await openForm('project-goal');
  try {
    await page.getByLabel('年度', { exact: true }).fill('2024');
    await page.getByLabel('项目名称', { exact: true }).fill('乡村道路养护项目');
    assert.equal(await rowCount(page), 0);

    await paste(page, '#paste-box', twentyRows());
    await page.locator('#grid tbody tr').nth(19).waitFor();
    assert.equal(await rowCount(page), 20);
    const report = page.locator('.paste-report');
    await assert.doesNotReject(report.getByText('已粘贴 20 行指标').waitFor());
    assert.match(await report.textContent(), /粘贴的第4行“指标值”：“约”/);
    // Targets are kept as typed; how each reads is shown beside it.
    assert.equal(await page.locator('#f-indicators-2-target').inputValue(), '约95%');
    const dated = page.locator('#f-indicators-8-target');
    assert.equal(await dated.inputValue(), '2024年12月31日前');
    assert.equal(
      await dated.locator('xpath=following-sibling::span[@class="reading"]').textContent(),
      '读作：≤2024-12-31（时限）',
    );
    assert.equal(await page.locator('#f-indicators-0-level1').inputValue(), '产出指标');

    // 检查 lists every finding; the link moves focus to the field on its row.
    await page.getByRole('button', { name: '检查' }).click();
    const summary = page.locator('#error-summary');
    await summary.getByRole('heading', { name: /发现 \d+ 个问题/ }).waitFor();
    const link = summary.getByRole('link', { name: /第3行 指标值/ }).first();
    assert.match(await link.textContent(), /错误/, 'severity is given in words');
    await link.click();
    assert.equal(await activeId(page), 'f-indicators-2-target');
    // The same finding is next to the field and described by it.
    const described = await page.locator('#f-indicators-2-target').getAttribute('aria-describedby');
    assert.ok(described, 'the field points at its findings');
    assert.match(await page.locator(`#${described}`).textContent(), /错误：/);

    // Fix it: the finding leaves the summary and the field.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('≧95 %');
    await page.keyboard.press('Tab');
    await summary.getByRole('link', { name: /第3行 指标值/ }).waitFor({ state: 'detached' });
    const fixed = page.locator('#f-indicators-2-target');
    assert.equal(await fixed.inputValue(), '≧95 %');
    assert.equal(
      await fixed.locator('xpath=following-sibling::span[@class="reading"]').textContent(),
      '读作：≥95%（正向指标）',
    );
    assert.equal(await page.locator('#f-indicators-2-target').getAttribute('aria-describedby'), null);

    // Spreadsheet keys: Enter moves down a column, → at the end moves right.
    await page.locator('#f-indicators-0-name').focus();
    await page.keyboard.press('Enter');
    assert.equal(await activeId(page), 'f-indicators-1-name');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    assert.equal(await activeId(page), 'f-indicators-1-target');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeId(page), 'f-indicators-2-target');

    // Delete with undo, and move up.
    await page.getByRole('button', { name: '删除第20行' }).click();
    assert.equal(await rowCount(page), 19);
    await page.getByRole('button', { name: '撤销删除' }).click();
    assert.equal(await rowCount(page), 20);
    assert.equal(await page.locator('#f-indicators-19-name').inputValue(), '沿线群众满意度');
    await page.getByRole('button', { name: '第2行上移' }).click();
    assert.equal(await page.locator('#f-indicators-0-name').inputValue(), '桥梁检查座数');

    // Pasting two rows into a cell of a blank row fills it and inserts the next.
    await page.getByRole('button', { name: '在第1行下方插入一行' }).click();
    assert.equal(await rowCount(page), 21);
    await paste(page, '#f-indicators-1-name', '产出指标\t数量指标\t涵洞清淤\t≥1个\t2\n产出指标\t数量指标\t标志牌更换\t≥\t2\n');
    await page.locator('#grid tbody tr').nth(21).waitFor();
    assert.equal(await rowCount(page), 22);
    assert.equal(await page.locator('#f-indicators-1-name').inputValue(), '涵洞清淤');
    assert.equal(await page.locator('#f-indicators-2-name').inputValue(), '标志牌更换');

    // A column of targets pasted into the 指标值 cell fills downwards.
    await paste(page, '#f-indicators-1-target', '≥3个\r\n≧4 个\r\n');
    await page.locator('.paste-report').getByText('已粘贴 2 行指标').waitFor();
    assert.equal(await page.locator('#f-indicators-1-target').inputValue(), '≥3个');
    assert.equal(await page.locator('#f-indicators-2-target').inputValue(), '≧4 个');
    assert.equal(
      await page.locator('#f-indicators-2-target')
        .locator('xpath=following-sibling::span[@class="reading"]').textContent(),
      '读作：≥4个（正向指标）',
    );
    assert.equal(await page.locator('#f-indicators-1-name').inputValue(), '涵洞清淤');
    assert.equal(await rowCount(page), 22);

    await screenshot(page, 'form-project-goal-filled');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a warning is acknowledged with a written explanation', async () => {
  const { page, context, errors } = await openForm('project-goal');
  try {
    await paste(page, '#paste-box', '效益指标\t社会效益指标\t群众出行条件\t明显改善\t10\n');
    await page.locator('#grid tbody tr').first().waitFor();
    await page.getByRole('button', { name: '检查' }).click();
    const cell = page.locator('td.c-target').first();
    await cell.getByText('提示：').waitFor();
    await cell.getByText('填写说明后仍可上报').click();
    await cell.getByLabel('说明（为什么这样填写）').fill('定性指标，按“明显改善／有所改善／无改善”三档评价。');
    await cell.getByRole('button', { name: '确认说明' }).click();
    await cell.getByText('已说明：定性指标').waitFor();
    // The summary still lists the warning, marked as explained.
    const item = page.locator('#error-summary li', { hasText: '第1行 指标值' }).filter({ hasText: '提示' }).first();
    await item.getByText('（已说明）').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a self-evaluation derived from the goal form scores live', async () => {
  const { page, context, errors } = await openForm('project-goal');
  try {
    await page.getByLabel('年度', { exact: true }).fill('2024');
    await page.getByLabel('项目名称', { exact: true }).fill('乡村道路养护项目');
    await paste(
      page,
      '#paste-box',
      [
        '产出指标\t数量指标\t养护里程\t≥120公里\t30',
        '产出指标\t质量指标\t路况优良率\t≥85%\t20',
        '效益指标\t社会效益指标\t群众出行条件\t≥90%\t30',
        '满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90%\t10',
      ].join('\n'),
    );
    await page.locator('#grid tbody tr').nth(3).waitFor();
    await page.getByRole('button', { name: '生成自评表' }).click();
    await page.getByRole('heading', { level: 2, name: TITLES['project-self-eval'] }).waitFor();
    assert.equal(await page.locator('#f-project-name').inputValue(), '乡村道路养护项目');
    assert.equal(await rowCount(page), 4);
    // Carried-over targets are locked until 修改 is pressed.
    const target = page.locator('#f-indicators-0-target');
    assert.equal(await target.inputValue(), '≥120公里');
    assert.notEqual(await target.getAttribute('readonly'), null);

    const total = page.locator('#score-total');
    const before = await total.textContent();
    await page.getByLabel('年度资金总额 全年预算数').fill('100');
    await page.getByLabel('年度资金总额 全年执行数').fill('95');
    await page.getByLabel('预算执行率分值').fill('10');
    await page.locator('#execution-rate').getByText('95.00%').waitFor();
    for (const [i, actual] of [['0', '118'], ['1', '90%'], ['2', '95%'], ['3', '93%']]) {
      await page.locator(`#f-indicators-${i}-actual`).fill(actual);
    }
    await page.waitForFunction((b) => document.querySelector('#score-total')?.textContent !== b, before);
    const score = Number(await total.textContent());
    assert.ok(score > 90 && score < 100, `total ${score}`);
    assert.notEqual((await page.locator('#score-grade').textContent()).trim(), '—');
    // Each row's score is shown with how it was computed.
    const panel = page.locator('.score-panel');
    assert.match(await panel.textContent(), /养护里程/);
    assert.match(await panel.textContent(), /118/);
    // A lower actual lowers the score at once.
    await page.locator('#f-indicators-0-actual').fill('60');
    await page.waitForFunction((s) => Number(document.querySelector('#score-total')?.textContent) < s, score);

    // Changing a locked target asks for the reason.
    await page.getByRole('button', { name: '修改第1行已批复的指标值' }).click();
    await target.fill('≥100公里');
    await page.getByLabel('修改原因（必填）').fill('汛期调整计划，经主管部门同意。');
    assert.equal(await target.inputValue(), '≥100公里');

    await screenshot(page, 'form-project-self-eval-scored');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const kind of Object.keys(TITLES)) {
  test(`${TITLES[kind]}: no axe-core violations, screenshot`, async () => {
    const { page, context, errors } = await openForm(kind);
    try {
      const rows = kind.endsWith('self-eval')
        ? '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n' +
          '产出指标\t数量指标\t培训人次\t≥500人次\t480\t20\t\t部分培训顺延\n' +
          '效益指标\t社会效益指标\t群众满意\t明显改善\t达成\t10\t9\t\n'
        : '产出指标\t数量指标\t培训人次\t≥500人次\t20\n效益指标\t社会效益指标\t群众满意\t明显改善\t10\n';
      await paste(page, '#paste-box', rows);
      await page.locator('#grid tbody tr').nth(1).waitFor();
      await page.getByRole('button', { name: '检查' }).click();
      await page.locator('#error-summary').waitFor();
      const violations = await axe(page);
      assert.deepEqual(violations, []);
      await screenshot(page, `form-${kind}`);
      // The print layout: the printed form in the editor's place, no
      // buttons (tests/e2e/print.test.mjs prints it to PDF).
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      assert.equal(await page.getByRole('button', { name: '检查' }).isVisible(), false);
      assert.equal(await page.locator('.pv-title').innerText(), TITLES[kind]);
      await screenshot(page, `print-${kind}`);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.equal(await page.locator('.pv').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the address chooses the rule profile, and an unknown one is said plainly', async () => {
  const known = await openPage(browser, `${server.url}?kind=project-self-eval&profile=sichuan`);
  try {
    await known.page.getByRole('heading', { level: 2, name: TITLES['project-self-eval'] }).waitFor({ timeout: 30_000 });
    assert.match(await known.page.locator('.meta').innerText(), /sichuan@/);
  } finally {
    await known.context.close();
  }
  // An unknown profile is the same error as in the JS API and the command
  // line, never a silent fallback: nothing is checked under another one.
  const unknown = await openPage(browser, `${server.url}?kind=unit-goal&profile=no-such-province`);
  try {
    const alert = unknown.page.getByRole('alert').filter({ hasText: '未知的检查规则“no-such-province”' });
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /national、sichuan/);
    await unknown.page.getByRole('button', { name: '检查' }).click();
    assert.equal(await unknown.page.locator('#error-summary li').count(), 0);
    assert.doesNotMatch(await unknown.page.locator('.meta').innerText(), /national@/);
  } finally {
    await unknown.context.close();
  }
});

test('a 300-row grid renders the rows near the screen; links, keys and the printed form reach every row', async () => {
  const { page, context, errors } = await openForm('project-goal');
  try {
    const lines = ['一级指标\t二级指标\t三级指标\t指标值\t分值'];
    for (let i = 1; i <= 300; i++) {
      lines.push(`产出指标\t数量指标\t第${i}项指标\t${i === 280 ? '约95%' : `≥${i}个`}\t0.3`);
    }
    await paste(page, '#paste-box', lines.join('\n'));
    await page.locator('.paste-report').getByText('已粘贴 300 行指标').waitFor();
    const rendered = () => page.locator('#grid tbody tr:not(.spacer)').count();
    assert.ok((await rendered()) < 150, `only rows near the screen are rendered, not ${await rendered()}`);
    assert.equal(await page.locator('#grid').getAttribute('aria-rowcount'), '301');

    // A summary link to row 280, which is not rendered, scrolls to it and focuses the field.
    assert.equal(await page.locator('#f-indicators-279-target').count(), 0);
    await page.getByRole('button', { name: '检查' }).click();
    await page.locator('#error-summary').getByRole('link', { name: /第280行 指标值/ }).first().click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-indicators-279-target', null, { timeout: 5_000 });
    assert.equal(await page.locator('#f-indicators-279-target').inputValue(), '约95%');
    assert.equal(await page.locator('#f-indicators-279-target').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#grid tbody tr[aria-rowindex="281"]').count(), 1);

    // Enter walks down the column past what was rendered at first.
    await page.locator('#f-indicators-279-target').fill('≥95%');
    for (let i = 0; i < 15; i++) await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-indicators-294-target', null, { timeout: 5_000 });

    // The printed form holds every row, while the grid stays windowed;
    // it is gone again after printing.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.locator('.pv-grid tbody tr').count(), 300);
    assert.equal(await page.locator('.pv-grid tbody tr').last().locator('td').first().innerText(), '第300项指标');
    assert.ok((await rendered()) < 150);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await page.locator('.pv').count(), 0);

    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await screenshot(page, 'form-long-grid');
  } finally {
    await context.close();
  }
});

test('a 500-row self-evaluation with rows of different heights keeps the row scrolled to on screen', async () => {
  const { page, context, errors } = await openForm('project-self-eval');
  try {
    // Rows whose actual falls short of the target carry a note and are
    // taller than the others, so the rows are not all of one height.
    const kinds = [
      ['产出指标', '数量指标', '≥120公里', '118'],
      ['产出指标', '质量指标', '≥85%', '90%'],
      ['效益指标', '社会效益指标', '≥90%', '95%'],
      ['满意度指标', '服务对象满意度指标', '≥90%', '93%'],
    ];
    const lines = ['一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值'];
    for (let i = 0; i < 500; i++) {
      const [l1, l2, target, actual] = kinds[i % kinds.length];
      lines.push(`${l1}\t${l2}\t第${i + 1}项指标\t${target}\t${actual}\t0.18`);
    }
    await paste(page, '#paste-box', lines.join('\n'));
    await page.locator('.paste-report').getByText('已粘贴 500 行指标').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '检查' }).click();

    /** Where a field is on screen: its top and bottom, and the window height. */
    const place = (id) =>
      page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: window.innerHeight };
      }, id);
    const assertOnScreen = async (id, how) => {
      const at = await place(id);
      assert.ok(at, `${id} is rendered after ${how}`);
      assert.ok(at.top >= 0 && at.bottom <= at.height, `${id} is on screen after ${how}: ${JSON.stringify(at)}`);
    };

    // Scroll down a screen at a time until row 250 is there, then centre it.
    await page.evaluate(async () => {
      for (let i = 0; i < 200 && !document.getElementById('f-indicators-249-actual'); i++) {
        window.scrollBy(0, 600);
        await new Promise((r) => setTimeout(r, 30));
      }
      document.getElementById('f-indicators-249-actual').scrollIntoView({ block: 'center' });
    });
    await page.waitForTimeout(300);
    await assertOnScreen('f-indicators-249-actual', 'scrolling to it');

    // Scrolling back up a little at a time keeps the rows in step.
    await page.evaluate(async () => {
      for (let i = 0; i < 30; i++) {
        window.scrollBy(0, -200);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    await page.waitForTimeout(300);
    const firstOnScreen = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('#grid tbody tr:not(.spacer)')];
      const row = rows.find((r) => r.getBoundingClientRect().bottom > 0);
      return row ? Number(row.querySelector('[data-row]')?.dataset.row) : -1;
    });
    assert.ok(firstOnScreen >= 0, 'some row is on screen after scrolling up');
    await page.evaluate((r) => document.getElementById(`f-indicators-${r}-actual`).scrollIntoView({ block: 'center' }), firstOnScreen);
    await page.waitForTimeout(300);
    await assertOnScreen(`f-indicators-${firstOnScreen}-actual`, 'scrolling up to it');

    // A jump to the end and a key that walks into rows not rendered yet.
    await page.evaluate(() => {
      const body = document.querySelector('#grid tbody');
      window.scrollTo(0, window.scrollY + body.getBoundingClientRect().bottom - window.innerHeight + 20);
    });
    await page.waitForTimeout(300);
    await assertOnScreen('f-indicators-499-actual', 'jumping to the end');
    await page.locator('#f-indicators-499-actual').focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-indicators-459-actual', null, { timeout: 5_000 });
    await assertOnScreen('f-indicators-459-actual', 'Shift+Enter up the column');

    // The score breakdown of a long form is folded, and built only when opened.
    const breakdown = page.locator('.scores-long');
    assert.equal(await breakdown.locator('tbody tr').count(), 0);
    await breakdown.locator('summary').click();
    await page.waitForFunction(() => document.querySelectorAll('.scores-long tbody tr').length >= 500);
    assert.match(await breakdown.locator('tbody tr').nth(499).innerText(), /第500项指标/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('检查规则: the picked profile checks the form and is kept with the draft', async () => {
  const { page, context, errors } = await openForm('project-self-eval');
  try {
    const picker = page.getByLabel('检查规则：');
    assert.match(await picker.inputValue(), /^national@/);
    const sichuan = await page.evaluate(() =>
      [...document.querySelectorAll('#profile option')].find((o) => o.value.startsWith('sichuan@'))?.value,
    );
    assert.ok(sichuan, 'the Sichuan profile is offered');
    await picker.selectOption(sichuan);
    await page.getByLabel('项目名称', { exact: true }).fill('四川某项目');
    await page.getByRole('status').filter({ hasText: /已保存 \d\d:\d\d:\d\d/ }).waitFor({ timeout: 5_000 });

    await page.goto(page.url().replace(/\?.*$/, ''));
    const offer = page.getByRole('alert').filter({ hasText: '恢复上次未完成的表单？' });
    await offer.getByRole('button', { name: '恢复并继续填写' }).click();
    assert.equal(await page.getByLabel('检查规则：').inputValue(), sichuan);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
