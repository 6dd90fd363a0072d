// Memory bench: the WebAssembly memory of the widget with ten years of daily check-ins (3,650,
// two lesions each) after each step a patient takes: open the diary, save one check-in, each
// export (CSV, FHIR, backup), and a refused 20 MB restore. Run by `make bench` (through
// bench.mjs) or alone: `node e2e/bench-memory.mjs [--runs 5]` (needs a built dist/).
//
// Method: each run is a fresh browser context. WebAssembly memory only ever grows, so each
// figure is the high-water mark up to that step; it is read from the app's own
// `wasm_memory_bytes()` (memory.size x 64 KiB). Figures are medians of the runs; the goal is
// under 16 MB at every step. Benchmarks only: nothing here fails on a number.
import fs from 'node:fs/promises';
import { start, ready, seedDiary, DIARY_KEY, diaryReady } from './helpers.mjs';
import { isMain } from '../scripts/is-main.mjs';

const GOAL = 16 * 1024 * 1024;
const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const summaryText = JSON.parse(await fs.readFile('content/en/summary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function memory(page) {
  return page.evaluate(async () => {
    const url = new URL('calcinosis-guide-app.js', document.baseURI).href;
    const m = await import(url);
    return m.wasm_memory_bytes();
  });
}

async function oneRun(app, seed) {
  const page = await app.page();
  await page.context().addInitScript(([k, v]) => {
    if (!localStorage.getItem('cg-bench-seeded')) { localStorage.setItem(k, v); localStorage.setItem('cg-bench-seeded', '1'); }
  }, [DIARY_KEY, seed]);
  await page.goto(`${app.url}/`);
  await ready(page);
  const steps = {};
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.locator('li.cg-entry').first().waitFor();
  steps['open the diary'] = await memory(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-3').check();
  await page.getByRole('button', { name: diaryText.save, exact: true }).click();
  await page.locator('.cg-result h4').waitFor();
  steps['save one check-in'] = await memory(page);
  await page.getByRole('button', { name: uiText.tab_summary, exact: true }).click();
  await page.locator('.cg-export').waitFor();
  for (const [label, name] of [['CSV export', summaryText.csv], ['FHIR export', summaryText.fhir], ['backup', summaryText.backup]]) {
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.locator('.cg-export').getByRole('button', { name, exact: true }).click(),
    ]);
    await dl.path();
    steps[label] = await memory(page);
  }
  // A 20 MB file that is one of our backups in form but not in content: it is refused.
  const filler = 'x'.repeat(20 * 1024 * 1024);
  const bad = `{"format":"calcinosis-guide-backup","schema":2,"exported":"2026-11-30T10:00:00Z","data":{"checkins":[{"id":"${filler}"}]}}`;
  await page.locator('#cg-restore').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await page.locator('.cg-export > .cg-notice').waitFor({ timeout: 60000 });
  steps['refused 20 MB restore'] = await memory(page);
  await page.context().close();
  return steps;
}

export async function benchMemory({ runs = 5 } = {}) {
  const app = await start();
  try {
    const { text } = seedDiary({ checkIns: 3650, lesions: 2 });
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await oneRun(app, text));
    console.log(`\nWebAssembly memory, 3,650 check-ins (median of ${runs} runs; goal under ${GOAL / 1048576} MB at every step)`);
    for (const step of Object.keys(all[0])) {
      const mb = median(all.map((r) => r[step])) / 1048576;
      console.log(`  ${step.padEnd(24)} ${mb.toFixed(1).padStart(6)} MB  ${mb * 1048576 < GOAL ? 'met' : 'NOT met'}`);
    }
  } finally {
    await app.stop();
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchMemory({ runs: i > 0 ? Number(process.argv[i + 1]) : 5 });
}
