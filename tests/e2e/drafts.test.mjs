// End-to-end tests of drafts in the built app (dist/): the start page lists
// what localStorage holds (damaged records too, never deleting them), a
// broken import file gives a message and changes nothing, typing is
// autosaved and offered for restore after a reload (even when the page is
// reloaded before the autosave pause is over), two tabs editing one draft
// are told about each other, a draft is deleted only after confirming, and
// when the browser refuses to store (full, or no storage at all) the page
// says so and offers the export that keeps the work.
//
// They need the integrated app: the start page (src/web/drafts/start.rs) as
// the landing page, and an editor with a field labelled 项目名称 that uses
// `use_autosave` and `SaveStatusView`. JIXIAO_DIST points them at another
// build of the app (by default dist/).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DIST, launchBrowser, openPage, screenshot, startServer } from './lib/browser.mjs';

const ROOT = process.env.JIXIAO_DIST ?? DIST;
const START_HEADING = '新建表单';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ root: ROOT });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const GOAL = {
  format: 'jixiao/v1',
  kind: 'project-goal',
  year: 2024,
  project: { name: '乡村道路养护项目', department: '某县交通运输局', unit: '某县公路养护中心' },
  funds: { total: '120.00', fiscal: '100.00', other: '20.00' },
  goals: {},
  indicators: [],
};

function record(id, document, savedAt, { revision = 1, tab = 't-seed' } = {}) {
  return JSON.stringify({
    format: 'jixiao-draft/1',
    meta: {
      id,
      kind: document.kind,
      name: document.project?.name || '未命名表单',
      year: document.year,
      saved_at: savedAt,
      revision,
      tab,
    },
    document,
  });
}

// 2024-03-01 08:00 in China.
const SAVED_AT = Date.UTC(2024, 2, 1, 0, 0, 0);

async function startPage(page) {
  try {
    await page.getByRole('heading', { name: START_HEADING }).waitFor({ timeout: 30_000 });
  } catch (e) {
    throw new Error(
      `the drafts start page did not appear (is web::drafts::StartPage mounted as the landing page?): ${e.message}`,
    );
  }
}

// Opens the app with localStorage holding `items` (key → text).
async function openWith(items) {
  const { page, context, errors } = await openPage(browser, server.url);
  // Let the first load finish, so that the reload below does not abort it.
  await startPage(page);
  await page.evaluate((items) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  await page.reload();
  await startPage(page);
  return { page, context, errors };
}

const storageKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao:draft:')).sort());

const row = (page, name) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

// Two windows of one browser, both editing the seeded draft d1.
async function twoWindowsOnOneDraft() {
  const { page: a, context } = await openWith({ 'jixiao:draft:d1': record('d1', GOAL, SAVED_AT) });
  const b = await context.newPage();
  await b.goto(server.url);
  await startPage(b);
  for (const p of [a, b]) {
    await row(p, '乡村道路养护项目').getByRole('button', { name: /继续填写/ }).click();
    await p.getByLabel('项目名称').waitFor();
  }
  return { a, b, context };
}

// The project names of every stored draft, sorted.
const draftNames = (page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('jixiao:draft:'))
      .map((k) => JSON.parse(localStorage.getItem(k)).document.project.name)
      .sort(),
  );

test('the start page lists drafts saved in localStorage, damaged ones too', async () => {
  const damaged = '{"format":"jixiao-draft/1","meta":{"id":"dbad"';
  const { page, context, errors } = await openWith({
    'jixiao:draft:d1': record('d1', GOAL, SAVED_AT),
    'jixiao:draft:dbad': damaged,
  });
  try {
    const good = row(page, '乡村道路养护项目');
    await good.waitFor();
    const cells = await good.getByRole('cell').allTextContents();
    assert.equal(cells[0], '项目支出绩效目标申报表');
    assert.equal(cells[1], '2024');
    assert.match(cells[2], /^2024-03-01 \d\d:00$/);
    await good.getByRole('button', { name: /继续填写/ }).waitFor();

    const bad = page.getByRole('row').filter({ hasText: 'dbad' });
    await bad.getByRole('alert').filter({ hasText: '已损坏' }).waitFor();
    await bad.getByRole('button', { name: /下载原始内容/ }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:draft:dbad')), damaged);

    // The damaged record downloads exactly as stored.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bad.getByRole('button', { name: /下载原始内容/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /dbad/);
    assert.deepEqual(errors, []);
    await screenshot(page, 'drafts-start-list');
  } finally {
    await context.close();
  }
});

test('a broken import file shows a message and the drafts stay as they were', async () => {
  const saved = record('d1', GOAL, SAVED_AT);
  const { page, context } = await openWith({ 'jixiao:draft:d1': saved });
  try {
    await row(page, '乡村道路养护项目').waitFor();
    const input = page.getByLabel('选择表单文件（.json）');
    const cases = [
      ['broken.json', '{\n  "format": "jixiao/v1",\n  "kind" "project-goal"\n}', /第3行/],
      ['future.json', JSON.stringify({ ...GOAL, format: 'jixiao/v2' }), /请升级/],
      // One byte above the 16 MB limit of every document text (README, Limits).
      ['huge.json', ' '.repeat(16 * 1024 * 1024 + 1), /文件太大/],
      ['empty.json', '', /文件是空的/],
    ];
    for (const [name, text, expected] of cases) {
      await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      const alert = page.getByRole('alert').filter({ hasText: expected });
      await alert.waitFor();
      assert.match(await alert.textContent(), /没有改变/, name);
      // Still on the start page, the draft listed and stored unchanged.
      await row(page, '乡村道路养护项目').waitFor();
      assert.deepEqual(await storageKeys(page), ['jixiao:draft:d1'], name);
      assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:draft:d1')), saved, name);
    }
    await screenshot(page, 'drafts-import-error');

    // A good file opens as a new draft and leaves the old one alone.
    const good = { ...GOAL, project: { ...GOAL.project, name: '导入的项目' } };
    await input.setInputFiles({
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await page.getByLabel('项目名称').waitFor();
    assert.equal(await page.getByLabel('项目名称').inputValue(), '导入的项目');
    assert.equal((await storageKeys(page)).length, 2);
    assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:draft:d1')), saved);
  } finally {
    await context.close();
  }
});

test('typing is autosaved and a reload offers to restore it', async () => {
  const { page, context, errors } = await openWith({});
  try {
    await page.getByRole('button', { name: '新建项目支出绩效目标申报表' }).click();
    const name = page.getByLabel('项目名称');
    await name.fill('测试养护项目');
    await page.getByRole('status').filter({ hasText: /已保存 \d\d:\d\d:\d\d/ }).waitFor({ timeout: 5_000 });

    // Reloading before the autosave pause is over loses nothing either.
    await name.fill('测试养护项目（改）');
    await page.reload();
    await startPage(page);
    const offer = page.getByRole('alert').filter({ hasText: '恢复上次未完成的表单？' });
    await offer.waitFor();
    assert.match(await offer.textContent(), /测试养护项目（改）/);
    await screenshot(page, 'drafts-restore-offer');
    await offer.getByRole('button', { name: '恢复并继续填写' }).click();
    assert.equal(await page.getByLabel('项目名称').inputValue(), '测试养护项目（改）');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('two tabs editing one draft are told, and can take the other version', async () => {
  const { a, b, context } = await twoWindowsOnOneDraft();
  try {
    await a.getByLabel('项目名称').fill('窗口A的名称');
    await a.getByRole('status').filter({ hasText: /已保存/ }).waitFor({ timeout: 5_000 });

    const banner = b.getByRole('alert').filter({ hasText: '此草稿已在另一个窗口中修改' });
    await banner.waitFor({ timeout: 5_000 });
    await screenshot(b, 'drafts-conflict');
    // Typing in B while the conflict is open must not overwrite A's save.
    await b.getByLabel('项目名称').fill('窗口B的名称');
    await b.waitForTimeout(1_500);
    const stored = await a.evaluate(() => JSON.parse(localStorage.getItem('jixiao:draft:d1')));
    assert.equal(stored.document.project.name, '窗口A的名称');

    // Keeping B's version makes a copy; A's draft stays as A saved it.
    await banner.getByRole('button', { name: /保留本窗口的版本/ }).click();
    await banner.waitFor({ state: 'detached' });
    await b.getByRole('status').filter({ hasText: /已保存/ }).waitFor({ timeout: 5_000 });
    const names = await draftNames(b);
    assert.deepEqual(names, ['窗口A的名称', '窗口B的名称']);
  } finally {
    await context.close();
  }
});

test('a conflict can be resolved by loading the other window\'s version', async () => {
  const { a, b, context } = await twoWindowsOnOneDraft();
  try {
    await a.getByLabel('项目名称').fill('窗口A的名称');
    const banner = b.getByRole('alert').filter({ hasText: '此草稿已在另一个窗口中修改' });
    await banner.waitFor({ timeout: 5_000 });
    await banner.getByRole('button', { name: /载入另一个窗口的版本/ }).click();
    assert.equal(await b.getByLabel('项目名称').inputValue(), '窗口A的名称');
    await banner.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});

test('closing a window with an open conflict keeps its changes as a copy', async () => {
  const { a, b, context } = await twoWindowsOnOneDraft();
  try {
    await a.getByLabel('项目名称').fill('窗口A的名称');
    await b.getByRole('alert').filter({ hasText: '此草稿已在另一个窗口中修改' }).waitFor({ timeout: 5_000 });
    await b.getByLabel('项目名称').fill('窗口B未保存的名称');
    await b.close({ runBeforeUnload: true });
    await a.waitForTimeout(500);
    const names = await draftNames(a);
    assert.deepEqual(names, ['窗口A的名称', '窗口B未保存的名称']);
  } finally {
    await context.close();
  }
});

test('the start page follows drafts saved in another window', async () => {
  const { page: a, context } = await openWith({});
  try {
    await a.getByText('还没有保存的草稿').waitFor();
    const b = await context.newPage();
    await b.goto(server.url);
    await startPage(b);
    await b.getByRole('button', { name: '新建项目支出绩效目标申报表' }).click();
    await b.getByLabel('项目名称').fill('另一个窗口的项目');
    await row(a, '另一个窗口的项目').waitFor({ timeout: 5_000 });
  } finally {
    await context.close();
  }
});

test('a draft is deleted only after confirming', async () => {
  const { page, context } = await openWith({ 'jixiao:draft:d1': record('d1', GOAL, SAVED_AT) });
  try {
    const r = row(page, '乡村道路养护项目');
    await r.getByRole('button', { name: /删除/ }).click();
    await r.getByText('确定删除“乡村道路养护项目”吗？').waitFor();
    await r.getByRole('button', { name: '取消' }).click();
    assert.deepEqual(await storageKeys(page), ['jixiao:draft:d1']);

    await r.getByRole('button', { name: /删除/ }).click();
    await r.getByRole('button', { name: '确认删除' }).click();
    await r.waitFor({ state: 'detached' });
    assert.deepEqual(await storageKeys(page), []);
    await page.getByText('还没有保存的草稿').waitFor();
  } finally {
    await context.close();
  }
});

test('a full storage is reported and the form can still be exported', async () => {
  const { page, context, errors } = await openWith({});
  try {
    await page.getByRole('button', { name: '新建项目支出绩效目标申报表' }).click();
    await page.getByLabel('项目名称').waitFor();
    await page.evaluate(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith('jixiao:draft:')) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.getByLabel('项目名称').fill('存不下的项目');
    const alert = page.getByRole('alert').filter({ hasText: '保存失败：浏览器的存储空间已满' });
    await alert.waitFor({ timeout: 5_000 });
    await screenshot(page, 'drafts-quota');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      alert.getByRole('button', { name: '导出文件保存到电脑' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '存不下的项目_未填年度_项目支出绩效目标申报表.json');
    const text = await new Promise((resolve, reject) => {
      download.createReadStream().then((stream) => {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      }, reject);
    });
    const exported = JSON.parse(text);
    assert.equal(exported.format, 'jixiao/v1');
    assert.equal(exported.project.name, '存不下的项目');
    assert.equal(exported.check.profile, exported.profile);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('without any storage the start page says so and forms still open', async () => {
  const { page, context } = await openPage(browser, server.url);
  try {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    await page.reload();
    await startPage(page);
    await page.getByRole('alert').filter({ hasText: '浏览器不允许保存草稿' }).waitFor();
    await page.getByRole('button', { name: '新建项目支出绩效自评表' }).click();
    await page.getByLabel('项目名称').fill('无痕模式下的项目');
    await page
      .getByRole('alert')
      .filter({ hasText: '保存失败：浏览器不允许保存草稿' })
      .getByRole('button', { name: '导出文件保存到电脑' })
      .waitFor({ timeout: 5_000 });
  } finally {
    await context.close();
  }
});
