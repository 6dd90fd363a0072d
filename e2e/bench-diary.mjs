// Diary scale bench: how opening the diary, switching the trend to "All" and the stored size grow
// with ten years of daily check-ins. Run by `make bench` (through bench.mjs) or on its own:
// `node e2e/bench-diary.mjs [--runs 9]` (needs a built dist/). Benchmarks only: nothing here
// fails on a slow number; the targets are printed next to the results.
//
// Method
// - Scenarios: an EMPTY diary (the baseline, measured in the same run), then N = 365 and
//   N = 3650 daily check-ins with two lesions each, seeded into localStorage by an init script
//   before the widget's script runs (helpers.seedDiary: the exact stored field names).
// - Every run is a fresh browser context and page (nothing cached in memory, nothing shared).
// - (a) open: inside the page, a MutationObserver is installed, then t0 = performance.now(), then
//   the "My diary" tab button's click() is dispatched in the same task. The observer callback
//   (a microtask after each DOM change Yew makes) stops the clock the first time the history's
//   first entry (`li.cg-entry`) AND the trend chart (`.cg-trend svg`) are both in the
//   DOM; for the empty diary, when the history and trend sections are. "open -> frame" goes on
//   to the next requestAnimationFrame plus a setTimeout(0), i.e. past the style, layout and paint
//   of that frame, so it includes the browser's own rendering of what Yew built.
// - (b) trend "All": same page, after (a): t0, click() on the "All" range button, stop when that
//   button is aria-pressed="true" and the chart's SVG differs from before (for the empty diary:
//   when the button is pressed). "All -> frame" as above.
// - (c) stored: at the end of each run the widget saves one more check-in through its own form,
//   so the value measured is the widget's own serialization (N + 1 check-ins):
//   `localStorage.getItem(key).length` (UTF-16 code units, what the browser's quota counts) and
//   its UTF-8 byte length (what it would take in a file or on the wire).
// - (d) load -> widget: performance.now() (from navigation start) when the widget's first
//   heading exists; the diary is read and parsed when the widget mounts, so its parse cost is
//   here, not in (a). Includes fetching and compiling the wasm from the local server.
// - (e) save: with the form filled in (overall pain only), t0, click() on "Save check-in", stop
//   when the triage result is in the DOM. A save re-reads the stored text (parsing and merging
//   it only when it is not the text this tab last read or wrote) and rewrites the whole diary;
//   the time includes showing the trend and history again. Goal (issue #10): the 3,650 save at
//   most SAVE_GOAL times the empty-diary save of the same run.
// - Each timing is the MEDIAN of the runs; ratios are of medians.
import { start, ready, seedDiary, DIARY_KEY } from './helpers.mjs';
import { isMain } from '../scripts/is-main.mjs';

const LESIONS = 2;
const SIZES = [365, 3650];
const TARGET_MS = 100;
const TARGET_BYTES = 1_000_000;
const SAVE_GOAL = 3.0;
/** Chromium's localStorage quota per origin: 10 MiB of UTF-16, i.e. 5 Mi code units (keys + values). */
const QUOTA_UNITS = 5 * 1024 * 1024;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** In the page: click "My diary" and time until history + trend are in the DOM. */
function timeOpen({ label, expectEntries }) {
  return new Promise((resolve) => {
    const done = () => (expectEntries
      ? cgOne('li.cg-entry') && cgOne('.cg-trend svg')
      : cgOne('.cg-history') && cgOne('.cg-trend'));
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
    observer.observe(document.querySelector('calcinosis-guide')?.shadowRoot ?? document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    const tab = [...cgAll('button.cg-tab')].find((b) => b.textContent.trim() === label);
    t0 = performance.now();
    tab.click();
    stop();
  });
}

/** In the page: click the trend's "All" and time until the chart shows it. */
function timeAll({ label }) {
  return new Promise((resolve) => {
    const button = [...cgAll('.cg-trend button.cg-range')].find((b) => b.textContent.trim() === label);
    const chart = () => cgOne('.cg-trend svg')?.innerHTML ?? null;
    const before = chart();
    const done = () => button.getAttribute('aria-pressed') === 'true' && (before === null || chart() !== before);
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
    observer.observe(cgOne('.cg-trend'), { childList: true, subtree: true, attributes: true, characterData: true });
    t0 = performance.now();
    button.click();
    stop();
  });
}

/** In the page: press Save on a filled-in form and time until the triage result is shown. */
function timeSave({ label }) {
  return new Promise((resolve) => {
    const button = [...cgAll('.cg-form button[type=submit]')].find((b) => b.textContent.trim() === label);
    const done = () => cgOne('.cg-result');
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
    observer.observe(document.querySelector('calcinosis-guide')?.shadowRoot ?? document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    t0 = performance.now();
    button.click();
    stop();
  });
}

/** Records when the widget's first heading appears, from navigation start. */
function watchMount() {
  const seen = () => {
    if (!window.__cgMounted && cgOne('.cg-step-title')) window.__cgMounted = performance.now();
  };
  // The widget mounts inside a shadow root that does not exist yet: poll once a frame.
  const poll = () => {
    seen();
    if (!window.__cgMounted) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function oneRun(app, seedText, labels) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (seedText !== null) {
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [DIARY_KEY, seedText]);
    }
    await context.addInitScript(watchMount);
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await ready(page);
    const mounted = await page.evaluate(() => window.__cgMounted);
    const open = await page.evaluate(timeOpen, { label: labels.tab, expectEntries: seedText !== null });
    const all = await page.evaluate(timeAll, { label: labels.all });
    await page.getByRole('button', { name: `+ ${labels.newCheckIn}` }).click();
    await page.locator('#cg-pain-3').check();
    const save = await page.evaluate(timeSave, { label: labels.save });
    const value = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
    const stored = { utf16: value.length, utf8: Buffer.byteLength(value, 'utf8'), checkIns: JSON.parse(value).data.checkins.length };
    return { mounted, open, all, save, stored };
  } finally {
    await context.close();
  }
}

async function scenario(app, name, seedText, labels, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await oneRun(app, seedText, labels));
  if (process.env.BENCH_VERBOSE) {
    console.error(name, JSON.stringify(results.map((r) => [r.open.dom, r.all.dom, r.save.dom, r.mounted].map((x) => Math.round(x * 10) / 10))));
  }
  return {
    name,
    open: median(results.map((r) => r.open.dom)),
    openFrame: median(results.map((r) => r.open.frame)),
    all: median(results.map((r) => r.all.dom)),
    allFrame: median(results.map((r) => r.all.frame)),
    save: median(results.map((r) => r.save.dom)),
    mounted: median(results.map((r) => r.mounted)),
    stored: results.at(-1).stored,
    seeded: seedText === null ? 0 : seedText.length,
  };
}

/** Runs the bench and prints its table; returns the rows. */
export async function benchDiary({ runs = 9 } = {}) {
  const fs = await import('node:fs/promises');
  const t = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
  const ui = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
  const labels = { tab: ui.tab_diary, all: t.range_all, newCheckIn: t.new_check_in, save: t.save };
  const app = await start();
  const rows = [];
  try {
    await oneRun(app, null, labels); // warm-up: server, browser, disk cache
    rows.push(await scenario(app, 'empty diary (baseline)', null, labels, runs));
    for (const n of SIZES) {
      rows.push(await scenario(app, `${n} check-ins x ${LESIONS} lesions`, seedDiary({ checkIns: n, lesions: LESIONS }).text, labels, runs));
    }
  } finally {
    await app.stop();
  }
  print(rows, runs);
  return rows;
}

function print(rows, runs) {
  const ms = (x) => x.toFixed(1);
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  const cols = [
    ['scenario', 30, (r) => r.name],
    ['open ms', 9, (r) => ms(r.open)],
    ['open->frame', 12, (r) => ms(r.openFrame)],
    ['"All" ms', 9, (r) => ms(r.all)],
    ['All->frame', 11, (r) => ms(r.allFrame)],
    ['save ms', 8, (r) => ms(r.save)],
    ['load->widget', 13, (r) => ms(r.mounted)],
    ['stored UTF-16', 14, (r) => r.stored.utf16],
    ['stored UTF-8 B', 15, (r) => r.stored.utf8],
  ];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(cols[i][1]) : String(c).padStart(cols[i][1]))).join(' ');
  console.log(`\nDiary scale (headless Chromium, median of ${runs} runs, fresh page each run; times in ms)`);
  console.log(line(cols.map((c) => c[0])));
  for (const r of rows) console.log(line(cols.map((c) => c[2](r))));
  const [base, small, big] = rows;
  const ratios = (name, a, b) => line([name, ratio(a.open, b.open), ratio(a.openFrame, b.openFrame), ratio(a.all, b.all),
    ratio(a.allFrame, b.allFrame), ratio(a.save, b.save), ratio(a.mounted, b.mounted), ratio(a.stored.utf16, b.stored.utf16), ratio(a.stored.utf8, b.stored.utf8)]);
  console.log(ratios(`ratio ${SIZES[1]}/${SIZES[0]} (10x data)`, big, small));
  console.log(ratios(`ratio ${SIZES[0]}/baseline`, small, base));
  console.log(ratios(`ratio ${SIZES[1]}/baseline`, big, base));
  console.log(`(stored = the widget's own write after one more check-in, i.e. ${small.stored.checkIns} and ${big.stored.checkIns} check-ins;` +
    ` the seeded text was ${small.seeded} and ${big.seeded} UTF-16 units)`);
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const growth = (a, b) => (b > 0 ? a / b : Infinity);
  console.log(`targets at ${SIZES[1]}: open < ${TARGET_MS} ms: ${verdict(big.open < TARGET_MS)} (${ms(big.open)});` +
    ` "All" < ${TARGET_MS} ms: ${verdict(big.all < TARGET_MS)} (${ms(big.all)});` +
    ` stored < 1 MB: ${verdict(big.stored.utf8 < TARGET_BYTES)} (${big.stored.utf8} UTF-8 bytes; the browser counts ${big.stored.utf16} UTF-16 units,` +
    ` ${((100 * big.stored.utf16) / QUOTA_UNITS).toFixed(1)}% of Chromium's ${QUOTA_UNITS}-unit localStorage quota);` +
    ` growth no worse than linear (ratio <= ~10): open ${growth(big.open, small.open).toFixed(1)}, All ${growth(big.all, small.all).toFixed(1)}`);
  const saveRatio = growth(big.save, base.save);
  console.log(`save one check-in (median ms): empty ${ms(base.save)}, ${SIZES[0]}: ${ms(small.save)} (${growth(small.save, base.save).toFixed(2)}x),` +
    ` ${SIZES[1]}: ${ms(big.save)} (${saveRatio.toFixed(2)}x); goal ${SIZES[1]}/empty <= ${SAVE_GOAL.toFixed(1)}x:` +
    ` ${saveRatio <= SAVE_GOAL ? 'met' : 'NOT met'}`);
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchDiary({ runs: i > 0 ? Math.max(7, Number(process.argv[i + 1])) : 9 });
}
