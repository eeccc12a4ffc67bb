// Embedding and offline: the demo portal in each embedding mode (JS API,
// custom element, iframe), postMessage origin checks, the strict CSP, a CSP
// that blocks WebAssembly, imported text shown as text, and a full offline
// run through the service worker.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, STRICT_CSP, launchBrowser, openPage, screenshot, startServer } from './lib/browser.mjs';

let browser;
const cleanups = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  for (const f of cleanups.reverse()) await f();
  await browser?.close();
});

/** The absolute URL of `path` on a started server. */
function at(server, path) {
  return new URL(path.replace(/^\//, ''), server.url).href;
}

async function serve(options = {}) {
  const server = await startServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** A copy of dist/ whose embed-config.json allows exactly `origins`. */
function distAllowing(origins) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-dist-'));
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(join(dir, 'embed-config.json'), JSON.stringify({ allowed_origins: origins }));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A one-page "portal" on its own origin that embeds `frameUrl`. */
function portalDir(frameUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-portal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title>
<script type="module" src="portal.js"></script></head>
<body><h1>门户</h1><iframe id="f" title="jixiao" src="${frameUrl}"></iframe></body></html>`,
  );
  writeFileSync(
    join(dir, 'portal.js'),
    `window.received = [];
const frame = document.getElementById('f');
const origin = new URL(frame.src).origin;
window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow) return;
  window.received.push(e.data);
  if (e.data && e.data.type === 'jixiao:loaded') {
    frame.contentWindow.postMessage({ type: 'jixiao:init', kind: 'project-goal' }, origin);
  }
});
window.sendToFrame = (msg) => frame.contentWindow.postMessage(msg, origin);`,
  );
  // The harness server wants a built app in its root; a portal is not one.
  writeFileSync(join(dir, 'jixiao_bg.wasm'), '');
  return dir;
}

async function typeInto(locator, text) {
  await locator.click();
  await locator.fill(text);
  await locator.press('Tab');
}

test('demo portal: JS API mount, custom element and iframe all work', async () => {
  const server = await serve();
  const { page, context, errors } = await openPage(browser, at(server, 'demo/portal.html'));
  try {
    // 1. mount(): the form renders into the portal's element, edits reach onChange.
    const apiForm = page.locator('#api-form');
    const apiName = apiForm.getByLabel('项目名称').first();
    await apiName.waitFor({ timeout: 30_000 });
    await typeInto(apiName, '乡村道路养护项目');
    await page.waitForFunction(() => Number(document.getElementById('api-log').dataset.changes || 0) >= 1);
    assert.match(await page.locator('#api-log').innerText(), /乡村道路养护项目/);

    // 2. <jixiao-form>: attributes honoured, change events reach the portal.
    const element = page.locator('#element-form');
    const elName = element.getByLabel('项目名称').first();
    await elName.waitFor({ timeout: 30_000 });
    await typeInto(elName, '学校食堂改造');
    await page.waitForFunction(() => document.getElementById('element-log').innerText.includes('学校食堂改造'));
    const value = await element.evaluate((el) => el.value);
    assert.equal(value.format, 'jixiao/v1');
    assert.equal(value.project.name, '学校食堂改造');

    // 3. iframe: the portal's init is answered, edits and checks come back by postMessage.
    await page.waitForFunction(() => document.getElementById('iframe-log').innerText.includes('jixiao:ready'), null, {
      timeout: 30_000,
    });
    const frame = page.frameLocator('#jixiao-frame');
    const frameName = frame.getByLabel('项目名称').first();
    await typeInto(frameName, '县医院信息系统');
    await page.waitForFunction(() => document.getElementById('iframe-log').innerText.includes('县医院信息系统'));
    await page.getByRole('button', { name: '在门户中请求检查结果' }).click();
    await page.waitForFunction(() => document.getElementById('iframe-log').innerText.includes('jixiao:result'));
    await screenshot(page, 'embed-demo-portal');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('iframe: a portal origin on the allow-list can drive the form', async () => {
  const appDir = distAllowing([]);
  const app = await serve({ root: appDir });
  const portal = await serve({ root: portalDir(at(app, 'embed.html')) });
  // The allow-list names the origin that actually embeds the frame.
  writeFileSync(join(appDir, 'embed-config.json'), JSON.stringify({ allowed_origins: [new URL(portal.url).origin] }));
  const { page, context } = await openPage(browser, at(portal, 'index.html'));
  try {
    await page.waitForFunction(() => window.received.some((m) => m.type === 'jixiao:ready'), null, { timeout: 30_000 });
    await page.evaluate(() => window.sendToFrame({ type: 'jixiao:get-document', requestId: 7 }));
    await page.waitForFunction(() => window.received.some((m) => m.type === 'jixiao:document' && m.requestId === 7));
    const doc = await page.evaluate(() => window.received.find((m) => m.type === 'jixiao:document').document);
    assert.equal(doc.kind, 'project-goal');
  } finally {
    await context.close();
  }
});

test('iframe: messages from an origin not on the allow-list are ignored', async () => {
  const app = await serve({ root: distAllowing([]) });
  const portal = await serve({ root: portalDir(at(app, 'embed.html')) });
  const { page, context } = await openPage(browser, at(portal, 'index.html'));
  try {
    const frame = page.frameLocator('#f');
    await frame.getByText('jixiao 已就绪，等待门户载入表单').waitFor({ timeout: 30_000 });
    // The frame announced itself to nobody, and answers nothing we send.
    await page.evaluate(() => {
      window.sendToFrame({ type: 'jixiao:init', kind: 'project-goal' });
      window.sendToFrame({ type: 'jixiao:get-document', requestId: 1 });
    });
    await page.waitForTimeout(1500);
    assert.deepEqual(await page.evaluate(() => window.received), []);
    assert.equal(await frame.getByLabel('项目名称').count(), 0, 'the form must not load for a foreign origin');
  } finally {
    await context.close();
  }
});

test('strict CSP: the app and the embed page run with no unsafe-inline', async () => {
  const server = await serve({ headers: { 'Content-Security-Policy': STRICT_CSP } });
  for (const path of ['/index.html?kind=project-goal', '/demo/portal.html']) {
    const { page, context, errors } = await openPage(browser, at(server, path));
    const violations = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      await page.getByLabel('项目名称').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      assert.deepEqual(violations, [], `${path}: CSP violations`);
      assert.deepEqual(
        errors.filter((e) => /Content Security Policy/i.test(e)),
        [],
        `${path}: CSP errors`,
      );
    } finally {
      await context.close();
    }
  }
});

test('a CSP that blocks WebAssembly gets a clear message, not a blank page', async () => {
  const server = await serve({ headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self'" } });
  for (const path of ['/index.html', '/embed.html']) {
    const { page, context } = await openPage(browser, at(server, path));
    try {
      await page.getByRole('alert').filter({ hasText: 'WebAssembly' }).waitFor({ timeout: 15_000 });
      assert.match(await page.getByRole('alert').first().innerText(), /安全策略|WebAssembly/);
    } finally {
      await context.close();
    }
  }
});

test('imported text is shown as text, never run', async () => {
  const server = await serve();
  const { page, context } = await openPage(browser, at(server, 'demo/portal.html'));
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  try {
    await page.locator('#element-form').getByLabel('项目名称').first().waitFor({ timeout: 30_000 });
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>javascript:alert(3)';
    await page.locator('#element-form').evaluate((el, name) => {
      el.value = {
        format: 'jixiao/v1',
        kind: 'project-goal',
        year: 2024,
        project: { name, department: 'javascript:alert(4)', unit: 'x'.repeat(20000) },
        indicators: [{ id: 'a', level1: '产出指标', level2: '数量指标', name: '<b>粗体</b>', target: '≥1个' }],
      };
    }, evil);
    const field = page.locator('#element-form').getByLabel('项目名称').first();
    await page.waitForFunction((v) => {
      const f = document.querySelector('#element-form input');
      return f && f.value.length > 0;
    }, evil);
    assert.equal(await field.inputValue(), evil);
    await page.waitForTimeout(500);
    assert.equal(dialogs, 0);
    assert.equal(await page.locator('#element-form img').count(), 0);
    // The printed form, written as HTML text, holds it as text too.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = page.locator('#element-form .pv-head td').first();
    assert.equal(await printed.textContent(), evil);
    assert.equal(await page.locator('#element-form .pv-grid td', { hasText: '<b>粗体</b>' }).count(), 1);
    await page.waitForTimeout(300);
    assert.equal(dialogs, 0);
    assert.equal(await page.locator('#element-form img, #element-form .pv script, #element-form .pv b').count(), 0);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  } finally {
    await context.close();
  }
});

test('offline: after one visit the app loads, checks and exports with the network cut', async () => {
  const server = await serve();
  const { page, context } = await openPage(browser, at(server, 'index.html'));
  try {
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active;
    }, null, { timeout: 30_000 });
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 });
    await context.setOffline(true);
    await page.reload();
    // Open a new project goal form from the start page, fill it, check it, export it.
    await page.getByRole('button', { name: /项目支出绩效目标申报表/ }).first().click();
    const name = page.getByLabel('项目名称').first();
    await typeInto(name, '离线填写的项目');
    await page.getByRole('button', { name: '检查' }).first().click();
    await page.getByText(/发现 \d+ 个问题/).first().waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: /导出/ }).first().click(),
    ]);
    assert.match(download.suggestedFilename(), /离线填写的项目.*\.json$/);
    await screenshot(page, 'offline-form');
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

test('updates: the first visit is never reloaded, a new version waits for 更新', async () => {
  const dir = distAllowing([]);
  const server = await serve({ root: dir });
  const { page, context, errors } = await openPage(browser, at(server, 'index.html?kind=project-goal'));
  try {
    // Typing right away: the first service worker taking control of the
    // page must not reload it and lose this.
    const name = page.getByLabel('项目名称', { exact: true });
    await name.waitFor({ timeout: 30_000 });
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => {
      window.sameDocument = true;
    });
    await typeInto(name, '首次访问时填写');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was reloaded');
    assert.equal(await name.inputValue(), '首次访问时填写');

    // A new version is published: it is announced, and nothing is swapped.
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8') + '\n// a new version\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const bar = page.getByRole('status').filter({ hasText: 'jixiao 有新版本' });
    await bar.waitFor({ timeout: 30_000 });
    assert.equal(await name.inputValue(), '首次访问时填写');
    assert.equal(await page.evaluate(() => window.sameDocument), true);

    // 更新 reloads once, into the new version.
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), bar.getByRole('button', { name: '更新' }).click()]);
    assert.equal(await page.evaluate(() => window.sameDocument), undefined);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
