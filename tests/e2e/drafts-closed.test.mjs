// Drafts survive a tab or a browser closed right after typing. A closed
// tab: the page saves what was typed when it is hidden or closed
// (`pagehide`, `visibilitychange`), reading the editor's state as it is at
// that moment, not as the last render left it; the test types into a long
// form on a slowed-down CPU, so that rendering a keystroke is cut across
// tasks. A closed browser: Chromium's shutdown does not reliably let the
// page run those events (measured: 2 closes in 6), so a form of usual size
// is saved right after each keystroke. Each test closes within a few
// milliseconds of the last keystroke (the browser: 100 ms), reopens and
// finds every character.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launchBrowser, openPage, startServer } from './lib/browser.mjs';

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

/** A stored draft of a goal form with `rows` rows. */
function draft(rows) {
  const indicators = [];
  for (let i = 0; i < rows; i++) {
    indicators.push({
      id: `r${i}`,
      level1: '产出指标',
      level2: '数量指标',
      name: `第${i + 1}项指标`,
      target: `≥${i + 1}个`,
      weight: '0.3',
    });
  }
  const document = {
    format: 'jixiao/v1',
    kind: 'project-goal',
    year: 2024,
    project: { name: '长表单', department: '某县交通运输局', unit: '某县公路养护中心' },
    goals: { annual: '完成各项指标' },
    indicators,
  };
  return JSON.stringify({
    format: 'jixiao-draft/1',
    meta: { id: 'dlong', kind: 'project-goal', name: '长表单', year: 2024, saved_at: 1, revision: 1, tab: 't-seed' },
    document,
  });
}

/** The project name stored in the draft `dlong`, read in `page`. */
const storedName = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('jixiao:draft:dlong') ?? 'null')?.document?.project?.name);

/** Waits up to 5 s for the stored project name to be `name`, then checks it. */
async function waitForName(page, name) {
  await page
    .waitForFunction(
      (name) => JSON.parse(localStorage.getItem('jixiao:draft:dlong') ?? 'null')?.document?.project?.name === name,
      name,
      { timeout: 5_000 },
    )
    .catch(() => {});
  assert.equal(await storedName(page), name);
}

/**
 * Opens the seeded draft in `page`, slows the CPU down `slower` times,
 * types `text` at the end of 项目名称 and resolves once the last key is
 * sent: the caller then closes at once.
 */
async function typeIntoDraft(page, text, slower) {
  await page.getByRole('button', { name: /继续填写/ }).first().click();
  const name = page.getByLabel('项目名称');
  await name.waitFor({ timeout: 30_000 });
  await name.click();
  await page.keyboard.press('End');
  if (slower > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slower });
  }
  await page.keyboard.type(text);
}

/** Seeds a draft of `rows` rows in `page` and shows the start page. */
async function seed(page, rows) {
  await page.goto(server.url);
  await page.getByRole('heading', { name: '新建表单' }).waitFor({ timeout: 30_000 });
  await page.evaluate((rec) => {
    localStorage.clear();
    localStorage.setItem('jixiao:draft:dlong', rec);
  }, draft(rows));
  await page.reload();
  await page.getByRole('heading', { name: '新建表单' }).waitFor({ timeout: 30_000 });
}

test('a tab closed right after typing keeps every character typed', async () => {
  const { page, context } = await openPage(browser, server.url);
  try {
    await seed(page, 300);
    const typed = '（二期）道路养护';
    await typeIntoDraft(page, typed, Number(process.env.RATE ?? 20));
    // With runBeforeUnload, close() returns before the page is gone:
    // wait for that, so that nothing the closing page does comes later.
    const gone = new Promise((resolve) => page.once('close', resolve));
    const start = Date.now();
    await page.close({ runBeforeUnload: true });
    console.log(`# close asked ${Date.now() - start} ms after the last keystroke was sent`);
    await gone;

    const again = await context.newPage();
    await again.goto(server.url);
    await again.getByRole('heading', { name: '新建表单' }).waitFor({ timeout: 30_000 });
    // What the closing page wrote reaches the other pages of the browser
    // a moment later.
    await waitForName(again, `长表单${typed}`);
    // And the start page offers it back.
    await again.reload();
    const offer = again.getByRole('alert').filter({ hasText: '恢复上次未完成的表单？' });
    await offer.waitFor();
    assert.match(await offer.textContent(), /长表单（二期）道路养护/);
  } finally {
    await context.close();
  }
});

test('a browser closed right after typing keeps every character typed', async () => {
  // A profile on disk, so that what the browser stored is there after it
  // has been closed and started again.
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-closed-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'zh-CN',
    });
  try {
    let context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    await seed(page, 20);
    const typed = '（三期）桥梁维修';
    await typeIntoDraft(page, typed, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await context.close();

    context = await launch();
    try {
      const again = context.pages()[0] ?? (await context.newPage());
      await again.goto(server.url);
      await again.getByRole('heading', { name: '新建表单' }).waitFor({ timeout: 30_000 });
      await waitForName(again, `长表单${typed}`);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
