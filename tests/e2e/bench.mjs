// Benchmark (not a test): how quickly the editor answers a keystroke on a
// 500-row self-evaluation. For each of 50 keystrokes in one row's 实际完成值,
// it measures with the Performance API, inside the page:
//   sync    – input event → the app's render done (Yew renders in a
//             microtask; measured at the next task, before layout),
//   render  – input event → the next animation frame (layout included),
//   result  – input event → the summary and score recomputed over the whole
//             document and rendered (the #perf marker's revision changes;
//             measured at the next task, when its children have rendered),
// and prints p50/p95/max of each, plus the check+score time the app records.
//
//   scripts/build && [ROW=n] node tests/e2e/bench.mjs [rows]

import { launchBrowser, openPage, startServer } from './lib/browser.mjs';

const ROWS = Number(process.argv[2] ?? 500);
const KEYS = 50;

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
  const row = Number(process.env.ROW ?? Math.floor(ROWS / 2));
  // A long grid renders the rows near the screen: scroll until the row is there.
  await page.evaluate(async (id) => {
    for (let i = 0; i < 200 && !document.getElementById(id); i++) {
      window.scrollBy(0, 600);
      await new Promise((r) => setTimeout(r, 30));
    }
    document.getElementById(id).scrollIntoView({ block: 'center' });
  }, `f-indicators-${row}-actual`);
  const rendered = await page.locator('#grid tbody tr:not(.spacer)').count();
  console.log(`rows rendered at a time: ${rendered} of ${ROWS}`);
  const m = await page.evaluate(
    async ({ id, keys }) => {
      const el = document.getElementById(id);
      const perf = document.getElementById('perf');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const out = { sync: [], render: [], result: [], took: [] };
      el.focus();
      for (let i = 0; i < keys; i++) {
        const rev = perf.dataset.revision;
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (perf.dataset.revision !== rev) {
              obs.disconnect();
              // The marker is in the app's own render; the summary, the
              // score panel and the rows' notes are its children and render
              // after it in the same scheduler run. A message-channel task
              // runs once that run is over.
              const ch = new MessageChannel();
              ch.port1.onmessage = () => resolve(performance.now());
              ch.port2.postMessage(0);
            }
          });
          obs.observe(perf, { attributes: true });
        });
        const start = performance.now();
        el.value = el.value + String(i % 10);
        el.dispatchEvent(new InputEvent('input', { bubbles: true, data: String(i % 10), inputType: 'insertText' }));
        // Yew renders in a microtask after the event: a message-channel task
        // runs after those microtasks, before layout; this is the app's own time.
        await new Promise((r) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => r();
          ch.port2.postMessage(0);
        });
        out.sync.push(performance.now() - start);
        await frame();
        out.render.push(performance.now() - start);
        out.result.push((await changed) - start);
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
    { id: `f-indicators-${row}-actual`, keys: KEYS },
  );
  const summary = await page.locator('#error-summary').innerText();
  console.log(`${ROWS} rows, ${KEYS} keystrokes in row ${row + 1} 实际完成值:`);
  console.log(`  keystroke → DOM updated (app code only):   ${stats(m.sync)}`);
  console.log(`  keystroke → next frame (with layout):      ${stats(m.render)}`);
  console.log(`  same, value set without the app (baseline): ${stats(m.baseline)}`);
  console.log(`  keystroke → summary and score updated:     ${stats(m.result)}`);
  const waited = m.result.filter((t) => t > 100).length;
  console.log(`  of which waited for a pause in typing:     ${waited} of ${KEYS} (the last three checks took 4 ms or more)`);
  console.log(`  check + score over the whole document:     ${stats(m.took)}`);
  console.log(`  summary: ${summary.split('\n')[0]}; total score ${await page.locator('#score-total').textContent()}`);
  if (errors.length) console.log('page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}
