// Smoke tests of the built web app (dist/) in headless Chromium: the wasm app
// mounts and renders its Chinese heading without console errors, also under
// the strict CSP the app promises to support, and boot.js shows a clear
// Chinese message instead of a blank page when the app cannot start.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  APP_HEADING,
  STRICT_CSP,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  waitForApp,
} from './lib/browser.mjs';

let browser;
const servers = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(headers = {}) {
  const server = await startServer({ headers });
  servers.push(server);
  return server;
}

// Checks that the page booted: the heading is there, the loading message is
// gone, and nothing went wrong on the way.
async function assertBooted(page, errors) {
  await waitForApp(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).first().textContent(), APP_HEADING);
  assert.equal(await page.locator('#boot-status').count(), 0, 'the loading message should be removed');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.title(), 'jixiao 预算绩效表单');
  assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
}

test('the app loads and renders its Chinese heading', async () => {
  const server = await serve();
  const { page, context, errors } = await openPage(browser, server.url);
  await assertBooted(page, errors);
  const path = await screenshot(page, 'smoke-home');
  console.log(`screenshot: ${path}`);
  await context.close();
});

test('the wasm module is served as application/wasm', async () => {
  const server = await serve();
  const res = await fetch(new URL('jixiao_bg.wasm', server.url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'wasm magic number');
});

test('the app works under the strict CSP', async () => {
  const server = await serve({ 'Content-Security-Policy': STRICT_CSP });
  const { page, context, errors } = await openPage(browser, server.url);
  await assertBooted(page, errors);
  await screenshot(page, 'smoke-strict-csp');
  await context.close();
});

test('a CSP that blocks WebAssembly gives a Chinese message, not a blank page', async () => {
  const server = await serve({ 'Content-Security-Policy': "default-src 'self'; script-src 'self'" });
  const { page, context } = await openPage(browser, server.url);
  const status = page.locator('#boot-status.boot-error');
  await status.waitFor({ timeout: 30_000 });
  assert.match(await status.textContent(), /安全策略.*WebAssembly/);
  assert.equal(await page.getByRole('heading', { name: APP_HEADING }).count(), 0);
  await screenshot(page, 'smoke-wasm-blocked');
  await context.close();
});

test('a missing program file gives a Chinese message, not a blank page', async () => {
  const server = await serve();
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.route('**/jixiao.js', (route) => route.abort());
  await page.goto(server.url);
  const status = page.locator('#boot-status.boot-error');
  await status.waitFor({ timeout: 30_000 });
  assert.match(await status.textContent(), /jixiao\.js.*加载失败/);
  await context.close();
});
