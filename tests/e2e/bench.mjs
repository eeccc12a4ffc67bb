// Benchmark (not a test): how quickly the editor answers a keystroke on a
// 500-row self-evaluation. For each of 50 keystrokes in one row's 实际完成值,
// it measures with the Performance API, inside the page, from just before
// the input event:
//   updated – the app's work done: the summary and score recomputed over
//             the whole document and rendered (the #perf marker's revision
//             changes; observed in the microtask after Yew's render run);
//   laid out – the same plus the browser's style and layout of the page
//             (forced by reading the summary's and the score's size): the
//             figure of the target, one frame's work (16 ms);
//   frame   – the next animation frame after that, which adds the wait for
//             the display's refresh (0–16.7 ms, however fast the app is);
//   echo    – the first animation frame after the keystroke, which shows
//             the typed text (with the results too unless they wait),
// and prints p50/p95/max of each, plus the check+score time the app records.
//
//   scripts/build && [ROW=n] [FIELD=name] [CPU=4] [PROFILE=1] node tests/e2e/bench.mjs [rows]
//
// CPU=4 slows the page's CPU fourfold (DevTools throttling) for the
// keystrokes, to stand in for the old office PCs the forms are filled on.
//
// PROFILE=1 also samples the keystrokes with the DevTools profiler and
// prints the functions that took the most time; with function names after
// `scripts/build --names && cp target/wasm/jixiao-names.wasm dist/jixiao_bg.wasm`.

import { launchBrowser, openPage, startServer } from './lib/browser.mjs';

const ROWS = Number(process.argv[2] ?? 500);
const KEYS = 50;
const FIELD = process.env.FIELD ?? 'actual';

const CATS = [
  ['产出指标', '数量指标', '≥120公里', '118'],
  ['产出指标', '质量指标', '≥85%', '90%'],
  ['产出指标', '时效指标', '2024年12月31日前', '2024-12-20'],
  ['成本指标', '经济成本指标', '≤120万元', '118'],
  ['效益指标', '社会效益指标', '≥90%', '95%'],
  ['满意度指标', '服务对象满意度指标', '≥90%', '93%'],
];

function rows(n) {
  const lines = ['一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施'];
  for (let i = 0; i < n; i++) {
    const [l1, l2, target, actual] = CATS[i % CATS.length];
    lines.push(`${l1}\t${l2}\t第${i + 1}项养护指标\t${target}\t${actual}\t0.18\t\t`);
  }
  return lines.join('\n');
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

// Self time per function over a CPU profile, the largest first; and the
// time spent in (under) each function whose name matches PROFILE when it is
// not `1` (a regular expression: PROFILE='view|check').
function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const clean = (f) => (f.functionName || '(anonymous)').replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 150);
  const pattern = process.env.PROFILE === '1' ? null : new RegExp(process.env.PROFILE);
  const self = new Map();
  const under = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const ms = (dt[i + 1] ?? 0) / 1000;
    const name = clean(byId.get(id).callFrame);
    self.set(name, (self.get(name) ?? 0) + ms);
    if (!pattern) return;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = clean(byId.get(n).callFrame);
      if (pattern.test(f) && !seen.has(f)) {
        seen.add(f);
        under.set(f, (under.get(f) ?? 0) + ms);
      }
    }
  });
  const busy = [...self].filter(([n]) => n !== '(idle)' && n !== '(program)');
  const total = busy.reduce((a, [, t]) => a + t, 0);
  console.log(`profile: ${total.toFixed(0)} ms busy over the keystrokes; most self time:`);
  for (const [n, t] of busy.sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${t.toFixed(1).padStart(7)} ms  ${n}`);
  }
  if (pattern) {
    console.log(`time in and under functions matching /${pattern.source}/:`);
    for (const [n, t] of [...under].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`  ${t.toFixed(1).padStart(7)} ms  ${n}`);
    }
  }
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser, `${server.url}?kind=project-self-eval`, {
    viewport: { width: 1366, height: 768 },
  });
  await page.getByRole('heading', { level: 2, name: '项目支出绩效自评表' }).waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await page.evaluate((text) => {
    const el = document.querySelector('#paste-box');
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, rows(ROWS));
  await page.locator('.paste-report').getByText(`已粘贴 ${ROWS} 行指标`).waitFor({ timeout: 60_000 });
  console.log(`pasted ${ROWS} rows and rendered them in ${Date.now() - t0} ms`);
  await page.getByRole('button', { name: '检查' }).click();
  await page.waitForTimeout(500);

  // ROW=n picks another row (0-based); the middle one by default.
  // FIELD=name (target, weight, …) types in another column than actual.
  const row = Number(process.env.ROW ?? Math.floor(ROWS / 2));
  // A long grid renders the rows near the screen: scroll until the row is there.
  await page.evaluate(async (id) => {
    for (let i = 0; i < 200 && !document.getElementById(id); i++) {
      window.scrollBy(0, 600);
      await new Promise((r) => setTimeout(r, 30));
    }
    document.getElementById(id).scrollIntoView({ block: 'center' });
  }, `f-indicators-${row}-${FIELD}`);
  const rendered = await page.locator('#grid tbody tr:not(.spacer)').count();
  console.log(`rows rendered at a time: ${rendered} of ${ROWS}`);
  const cpu = Number(process.env.CPU ?? 1);
  if (cpu > 1) {
    const session = await page.context().newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    console.log(`CPU slowed ${cpu}× for the keystrokes`);
  }
  let cdp;
  if (process.env.PROFILE) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const m = await page.evaluate(
    async ({ id, keys }) => {
      const el = document.getElementById(id);
      const perf = document.getElementById('perf');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const out = { echo: [], updated: [], laidOut: [], frame: [], took: [] };
      el.focus();
      for (let i = 0; i < keys; i++) {
        const rev = perf.dataset.revision;
        let start = 0;
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (perf.dataset.revision === rev) return;
            obs.disconnect();
            // The marker is in the app's own render; the summary, the score
            // panel and the rows' notes are its children, rendered in the
            // same run, before this observer is called.
            const updated = performance.now();
            const summary = document.getElementById('error-summary');
            const total = document.getElementById('score-total');
            // Reading a size makes the browser lay the page out now.
            void (summary?.offsetHeight ?? 0) + (total?.offsetHeight ?? 0);
            resolve([updated, performance.now()]);
          });
          obs.observe(perf, { attributes: true });
        });
        start = performance.now();
        el.value = el.value + String(i % 10);
        el.dispatchEvent(new InputEvent('input', { bubbles: true, data: String(i % 10), inputType: 'insertText' }));
        // The first frame after the keystroke shows what was typed; where
        // the check waits for a pause in typing, it comes before the results.
        const echoed = frame().then(() => performance.now());
        const [updated, laidOut] = await changed;
        await frame();
        out.echo.push((await echoed) - start);
        out.updated.push(updated - start);
        out.laidOut.push(laidOut - start);
        out.frame.push(performance.now() - start);
        out.took.push(Number(perf.dataset.took));
        // Types at about eight keys a second, as a quick typist does.
        await new Promise((r) => setTimeout(r, 120));
      }
      // Baseline: the same keystrokes without the app (no input event), to
      // tell the browser's own layout and frame pacing from the app's work.
      out.baseline = [];
      for (let i = 0; i < keys; i++) {
        const start = performance.now();
        el.value = el.value + String(i % 10);
        await frame();
        out.baseline.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 120));
      }
      return out;
    },
    { id: `f-indicators-${row}-${FIELD}`, keys: KEYS },
  );
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
  const summary = await page.locator('#error-summary').innerText();
  console.log(`${ROWS} rows, ${KEYS} keystrokes in row ${row + 1}, field ${FIELD}:`);
  console.log(`  keystroke → first frame (the typed text):  ${stats(m.echo)}`);
  console.log(`  keystroke → summary and score updated:    ${stats(m.updated)}`);
  console.log(`  keystroke → updated and laid out (target): ${stats(m.laidOut)}`);
  console.log(`  keystroke → next frame:                    ${stats(m.frame)}`);
  console.log(`  value set without the app → next frame:    ${stats(m.baseline)}`);
  const waited = m.updated.filter((t) => t > 100).length;
  console.log(`  of which over 100 ms:                      ${waited} of ${KEYS} (checks waited for a pause in typing)`);
  console.log(`  check + score over the whole document:     ${stats(m.took)}`);
  console.log(`  summary: ${summary.split('\n')[0]}; total score ${await page.locator('#score-total').textContent()}`);
  if (errors.length) console.log('page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}
