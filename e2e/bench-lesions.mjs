// Lesion trend bench: opening one lesion's own trend ("Show its trend" in "Your lumps and
// sores") in a diary of ten years of daily check-ins. Run by `make bench` (through bench.mjs) or
// on its own: `node e2e/bench-lesions.mjs [--runs 9]` (needs a built dist/). Benchmarks only:
// nothing here fails on a slow number; the goal is printed next to the result.
//
// Method
// - Scenarios: N = 365 and N = 3650 daily check-ins, each observing two lesions (helpers.seedDiary),
//   seeded into localStorage by an init script before the widget's script runs.
// - Every run is a fresh browser context and page. The diary tab is opened and the page left to
//   settle; then, inside the page, a MutationObserver is installed, t0 = performance.now(), and
//   the first lesion's "Show its trend" button's click() is dispatched in the same task. The clock
//   stops the first time that lesion's trend chart (`.cg-mylesion-trend-view svg`) and the
//   toggle of its table (`.cg-trend-table summary`) are in the DOM: the lesion's points over all
//   its check-ins (range "All", monthly buckets for ten years), first and latest, open-sore days,
//   and the render. "-> frame" goes on to the next requestAnimationFrame plus a setTimeout(0),
//   past that frame's style, layout and paint.
// - Then the table, which is built when it is opened: a click on its toggle until its rows are in
//   the DOM ("table ms"), and on to the next frame.
// - Each timing is the MEDIAN of the runs.
import { start, ready, seedDiary, DIARY_KEY, diaryReady } from './helpers.mjs';
import { isMain } from '../scripts/is-main.mjs';

const SIZES = [365, 3650];
const GOAL_MS = 50;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** In the page: clock `act()` until `done()` holds in `item`, and on to the next frame. */
function clock(item, act, done) {
  return new Promise((resolve) => {
    let t0 = 0;
    let stopped = false;
    const stop = () => {
      if (stopped || !done()) return;
      stopped = true;
      const dom = performance.now() - t0;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - t0 }), 0));
    };
    const observer = new MutationObserver(stop);
    observer.observe(item, { childList: true, subtree: true, attributes: true, characterData: true });
    t0 = performance.now();
    act();
    stop();
  });
}

/** In the page: click the first lesion's "Show its trend" and time until its chart is shown. */
function timeTrend({ label }) {
  const item = cgOne('.cg-mylesion');
  const button = [...item.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
  const view = '.cg-mylesion-trend-view';
  return CLOCK(item, () => button.click(), () => item.querySelector(`${view} svg`) && item.querySelector(`${view} .cg-trend-table summary`));
}

/** In the page: open the trend's table and time until its rows are there. */
async function timeTable() {
  const item = cgOne('.cg-mylesion');
  const rows = '.cg-mylesion-trend-view .cg-trend-table tbody tr';
  const timing = await CLOCK(item, () => item.querySelector('.cg-mylesion-trend-view .cg-trend-table summary').click(), () => item.querySelector(rows));
  return { ...timing, points: item.querySelectorAll(rows).length };
}

async function oneRun(app, seedText, labels) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [DIARY_KEY, seedText]);
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await ready(page);
    await page.locator('.cg-tabs').getByRole('button', { name: labels.tab, exact: true }).click();
    await diaryReady(page);
    await page.locator('.cg-mylesion').first().waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await page.evaluate(`globalThis.CLOCK = ${clock}`);
    const trend = await page.evaluate(timeTrend, { label: labels.show });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const table = await page.evaluate(timeTable);
    return { ...trend, table: table.dom, tableFrame: table.frame, points: table.points };
  } finally {
    await context.close();
  }
}

/** Runs the bench and prints its table; returns the rows. */
export async function benchLesions({ runs = 9 } = {}) {
  const fs = await import('node:fs/promises');
  const t = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
  const ui = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
  const labels = { tab: ui.tab_diary, show: t.lesion_show_trend };
  const app = await start();
  const rows = [];
  try {
    const seeds = SIZES.map((n) => seedDiary({ checkIns: n, lesions: 2 }).text);
    await oneRun(app, seeds[0], labels); // warm-up: server, browser, disk cache
    for (const [i, n] of SIZES.entries()) {
      const results = [];
      for (let r = 0; r < runs; r++) results.push(await oneRun(app, seeds[i], labels));
      if (process.env.BENCH_VERBOSE) console.error(n, JSON.stringify(results.map((x) => Math.round(x.dom * 10) / 10)));
      rows.push({
        n,
        dom: median(results.map((x) => x.dom)),
        frame: median(results.map((x) => x.frame)),
        table: median(results.map((x) => x.table)),
        tableFrame: median(results.map((x) => x.tableFrame)),
        points: results[0].points,
      });
    }
  } finally {
    await app.stop();
  }
  console.log(`\nOne lesion's trend (headless Chromium, median of ${runs} runs, fresh page each run; times in ms)`);
  console.log(`${'check-ins'.padEnd(12)}${'open ms'.padStart(9)}${'->frame'.padStart(9)}${'table ms'.padStart(10)}${'->frame'.padStart(9)}${'table rows'.padStart(12)}`);
  for (const r of rows) {
    console.log(`${String(r.n).padEnd(12)}${r.dom.toFixed(1).padStart(9)}${r.frame.toFixed(1).padStart(9)}${r.table.toFixed(1).padStart(10)}${r.tableFrame.toFixed(1).padStart(9)}${String(r.points).padStart(12)}`);
  }
  const big = rows.at(-1);
  console.log(`goal at ${big.n}: lesion trend < ${GOAL_MS} ms: ${big.dom < GOAL_MS ? 'met' : 'MISSED'} (${big.dom.toFixed(1)}); its table, opened, < ${GOAL_MS} ms: ${big.table < GOAL_MS ? 'met' : 'MISSED'} (${big.table.toFixed(1)})`);
  return rows;
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchLesions({ runs: i > 0 ? Math.max(7, Number(process.argv[i + 1])) : 9 });
}
