import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, diaryReady, seedDiary, DIARY_KEY, shadowHelpers } from '../e2e/helpers.mjs';

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

test('a new check-in kept unsaved, reopened in another time zone, stays stored', async () => {
  const { text } = seedDiary({ checkIns: 2 });
  const ctx1 = await app.browser.newContext({ timezoneId: 'Europe/Lisbon', viewport: { width: 1280, height: 900 } });
  await ctx1.addInitScript(([k, v]) => { if (!localStorage.getItem('cg-test-seeded')) { localStorage.setItem(k, v); localStorage.setItem('cg-test-seeded', '1'); } }, [DIARY_KEY, text]);
  const a = await ctx1.newPage();
  await open(a);
  await a.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await a.locator('#cg-pain-4').check();
  await a.locator('#cg-notes').fill('typed in Lisbon');
  await a.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('typed in Lisbon'), DRAFTS_KEY);
  const state = await ctx1.storageState();
  await ctx1.close();
  const ctx2 = await app.browser.newContext({ timezoneId: process.env.TZ2 ?? 'Asia/Tokyo', storageState: state, viewport: { width: 1280, height: 900 } });
  const b = await ctx2.newPage();
  await open(b);
  await b.locator('#cg-notes').waitFor();
  const notes = await b.locator('#cg-notes').inputValue();
  await b.waitForTimeout(1500);
  const drafts = await b.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY);
  console.log(JSON.stringify({ zone: process.env.TZ2 ?? 'Asia/Tokyo', notesOnScreen: notes, draftsStored: (drafts ?? '').includes('typed in Lisbon'), drafts: drafts?.slice(0, 200) }));
  await b.close();
  const c = await ctx2.newPage();
  await open(c);
  await c.waitForTimeout(1000);
  console.log(JSON.stringify({ formInNewTab: await c.locator('#cg-notes').count() }));
  assert.match(drafts ?? '', /typed in Lisbon/, 'the kept form is still kept after reopening');
  await ctx2.close();
});
