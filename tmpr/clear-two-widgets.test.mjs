import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, seedDiary, DIARY_KEY } from '../e2e/helpers.mjs';

const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

test('two widgets on one page, site clear from another tab: W2 (typing) keeps its form stored', async () => {
  const { text } = seedDiary({ checkIns: 3 });
  const page = await app.page();
  await page.context().addInitScript(([k, v]) => {
    if (!localStorage.getItem('cg-test-seeded')) { localStorage.setItem(k, v); localStorage.setItem('cg-test-seeded', '1'); }
  }, [DIARY_KEY, text]);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two</title>
    <script type="module" src="/calcinosis-guide.js"></script></head><body>
    <calcinosis-guide id="w1" lang="en"></calcinosis-guide>
    <calcinosis-guide id="w2" lang="en"></calcinosis-guide></body></html>`;
  await page.route(`${app.url}/two.html`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${app.url}/two.html`);
  const w1 = page.locator('#w1');
  const w2 = page.locator('#w2');
  for (const w of [w1, w2]) {
    await w.scrollIntoViewIfNeeded();
    await w.locator('.cg-step-title').waitFor({ timeout: 20000 });
    await w.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
    await w.locator('.cg-diary').waitFor();
  }
  await w2.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await w2.locator('#cg-pain-4').check();
  await w2.locator('#cg-notes').fill('typed in W2 only');
  await page.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('typed in W2 only'), DRAFTS_KEY);
  const c = await page.context().newPage();
  await c.goto(`${app.url}/content/en.json`);
  await c.evaluate(() => localStorage.clear());
  await page.waitForTimeout(1500);
  const drafts = await page.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY);
  const n1 = await w1.locator('.cg-notice').allTextContents();
  const n2 = await w2.locator('.cg-notice').allTextContents();
  const diary = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
  console.log(JSON.stringify({ draftsStored: (drafts ?? '').includes('typed in W2 only'), diaryStored: diary !== null, n1, n2, w2notes: await w2.locator('#cg-notes').inputValue() }));
  assert.match(drafts ?? '', /typed in W2 only/);
});
