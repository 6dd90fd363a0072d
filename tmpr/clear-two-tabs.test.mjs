import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, diaryReady, seedDiary, DIARY_KEY } from '../e2e/helpers.mjs';

const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function open(page) {
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
}

for (let round = 0; round < 4; round++) {
  test(`two tabs, site clear (round ${round}): B's unsaved form is stored again`, async () => {
    const { text } = seedDiary({ checkIns: 3 });
    const a = await app.page();
    const ctx = a.context();
    await ctx.addInitScript(([k, v]) => {
      if (!localStorage.getItem('cg-test-seeded')) { localStorage.setItem(k, v); localStorage.setItem('cg-test-seeded', '1'); }
    }, [DIARY_KEY, text]);
    await open(a);
    const b = await ctx.newPage();
    await open(b);
    await b.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await b.locator('#cg-pain-4').check();
    await b.locator('#cg-notes').fill('typed in B only');
    await b.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('typed in B only'), DRAFTS_KEY);
    const c = await ctx.newPage();
    await c.goto(`${app.url}/content/en.json`);
    await c.evaluate(() => localStorage.clear());
    await new Promise((r) => setTimeout(r, 1500));
    const drafts = await c.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY);
    const noticeA = await a.getByText(diaryText.removed_by_other).count();
    const noticeB = await b.getByText(diaryText.removed_by_other).count();
    const otherB = await b.locator('.cg-notice').allTextContents();
    console.log(JSON.stringify({ round, draftsStored: (drafts ?? '').includes('typed in B only'), noticeA, noticeB, otherB }));
    assert.match(drafts ?? '', /typed in B only/, "B's form is stored again");
    await ctx.close();
  });
}
