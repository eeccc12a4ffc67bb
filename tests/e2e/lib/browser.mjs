// Helpers for the Playwright tests: serve the built dist/, launch Debian's
// Chromium through playwright-core (no browser download), open a page while
// recording console errors, and save screenshots to test-results/screenshots/.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../../scripts/static-server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The strict Content Security Policy the app must work under. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** The heading the wasm app renders once it has mounted. */
export const APP_HEADING = 'jixiao 预算绩效表单';

/**
 * Serves dist/ on a free port of 127.0.0.1. `headers` are added to every
 * response (e.g. `{ 'Content-Security-Policy': STRICT_CSP }`).
 * Resolves to `{ url, port, close() }`.
 */
export async function startServer({ root = DIST, headers = {} } = {}) {
  if (!existsSync(join(root, 'index.html')) || !existsSync(join(root, 'jixiao_bg.wasm'))) {
    throw new Error(`${root} has no built app (index.html, jixiao_bg.wasm): run scripts/build first`);
  }
  return startStaticServer({ root, headers });
}

/** The flags Debian's Chromium runs headless with here. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (Debian's) with the flags that work here. */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/setup (installs chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * Opens `url` in a new page of `browser` and records every console error,
 * uncaught exception and failed request in `errors` (strings), so a test can
 * assert there were none. Resolves to `{ page, context, errors }`.
 */
export async function openPage(browser, url, { locale = 'zh-CN', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`http ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  return { page, context, errors };
}

/** Waits until the wasm app has rendered its heading. */
export async function waitForApp(page, { timeout = 30_000 } = {}) {
  await page.getByRole('heading', { name: APP_HEADING }).waitFor({ timeout });
}

/**
 * Saves a full-page PNG to test-results/screenshots/<name>.png and returns
 * its path.
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
