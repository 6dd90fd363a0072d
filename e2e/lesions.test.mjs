// Each lesion's own trend, end to end: the "Your lumps and sores" list with rename, "Mark as
// healed" / "Follow again" and "Show its trend" (chart, table, first and latest in words, days
// with an open sore); healed lesions left out of new check-ins but kept in history; a failed
// save shown; both languages; axe at 375 and 1280 px; the printed summary's first → latest.
// Screenshots go to out/screenshots and /tmp/shots-lesions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, focusIs, ready, axe, DIARY_KEY, diaryReady, rfc3339, OUT, pdfPages, pdfText, printPdf, run, watched, shortDay } from './helpers.mjs';

const read = async (f) => JSON.parse(await fs.readFile(f, 'utf8'));
const en = { ui: await read('content/en/ui.json'), diary: await read('content/en/diary.json'), summary: await read('content/en/summary.json'), sites: await read('content/en/sites.json') };
const pt = { ui: await read('content/pt-PT/ui.json'), diary: await read('content/pt-PT/diary.json'), summary: await read('content/pt-PT/summary.json'), sites: await read('content/pt-PT/sites.json') };
const SHOTS = '/tmp/shots-lesions';

let app;
before(async () => {
  app = await start();
  await fs.mkdir(SHOTS, { recursive: true });
});
after(async () => { await app.stop(); });

/** Local `hour`:00 `n` days before today, in ms (the test and the browser share a time zone). */
function daysAgo(n, hour = 12) {
  const d = new Date();
  d.setHours(hour, 0, 0, 0);
  d.setDate(d.getDate() - n);
  return d.getTime();
}

/** "25 Nov 2026" (or "25/11/2026"): the language's short_date_pattern for the local date. */
const day = (text, ms) => shortDay(text, new Date(ms));

const fill = (template, values) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template);

/**
 * Two lesions: "finger lump" on the right index finger, and an unnamed one on the left elbow.
 * The finger: pain 6 and a pea (open sore) 10 days ago; pain 5 and a pea (open) at noon 5 days
 * ago and pain 4 with no size (open) at 20:00 that day; pain 3 and a grain of rice yesterday.
 * The elbow: a grape with pain 2 five days ago, a grape with pain 1 yesterday.
 */
function fixture() {
  const upd = rfc3339(daysAgo(30));
  const check = (id, ms, pain, obs) => ({ id, at: rfc3339(ms), upd: rfc3339(ms), pain, obs });
  return {
    lesions: [
      { id: 'lelbow', site: 'left-elbow', upd },
      { id: 'lfinger', site: 'right-index-finger', name: 'finger lump', upd },
    ],
    checkins: [
      check('c1', daysAgo(1), 2, [
        { l: 'lfinger', pain: 3, size: 'rice-grain' },
        { l: 'lelbow', pain: 1, size: 'grape' },
      ]),
      check('c5b', daysAgo(5, 20), 4, [{ l: 'lfinger', pain: 4, signs: ['open-sore'] }]),
      check('c5', daysAgo(5), 5, [
        { l: 'lfinger', pain: 5, size: 'pea', signs: ['open-sore'] },
        { l: 'lelbow', pain: 2, size: 'grape' },
      ]),
      check('c10', daysAgo(10), 6, [{ l: 'lfinger', pain: 6, size: 'pea', signs: ['open-sore'] }]),
    ],
  };
}

/** A page whose localStorage holds `diary` before the widget starts (once per context). */
async function pageWith(diary, opts) {
  const page = await app.page(opts);
  await page.context().addInitScript(([key, value]) => {
    if (sessionStorage.getItem('cg-test-seeded')) return;
    localStorage.setItem(key, value);
    sessionStorage.setItem('cg-test-seeded', '1');
  }, [DIARY_KEY, JSON.stringify({ schema: 1, data: diary })]);
  return page;
}

async function openDiary(page, text = en) {
  await page.goto(`${app.url}/`);
  await ready(page);
  if (text === pt) {
    await page.locator('.cg-lang', { hasText: 'Português' }).click();
    await page.waitForFunction((t) => cgOne('.cg-tabs')?.textContent.includes(t), pt.ui.tab_diary);
  }
  await page.locator('.cg-tabs').getByRole('button', { name: text.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.locator('.cg-mylesions').waitFor();
}

const item = (page, name) => page.locator('.cg-mylesion').filter({ has: page.locator('.cg-mylesion-name', { hasText: name }) });
/** A button by its words; a lump's buttons say which lump after them ("Rename: finger lump (…)"). */
const button = (scope, name) => scope.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(: |$)`) });

/** Renames the finger lump to `name` in `page`'s list of lumps, saves, and waits for it. */
async function renameFinger(page, name) {
  await button(item(page, 'finger lump'), en.diary.lesion_rename).click();
  await page.locator('#cg-mylesion-lfinger-new-name').fill(name);
  await button(item(page, 'finger lump'), en.diary.lesion_save_name).click();
  await item(page, name).waitFor();
}

/** Opens a new check-in's form on last time's lumps. */
async function formOnLastLumps(page) {
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.getByRole('button', { name: en.diary.same_as_last, exact: true }).click();
  await page.locator('.cg-lesion').first().waitFor();
}

/** Two tabs on the fixture's diary; tab A with a new check-in's form open on last time's lumps. */
async function twoTabsWithAFormInA() {
  const a = await pageWith(fixture());
  await openDiary(a);
  const b = await watched(a.context());
  await openDiary(b);
  await formOnLastLumps(a);
  return { a, b };
}

/** The form's name field of the finger lump. */
async function fingerNameField(page) {
  const names = page.locator('.cg-lesion input[id$="-name"]');
  const values = await names.evaluateAll((inputs) => inputs.map((i) => i.value));
  return names.nth(values.indexOf('finger lump'));
}

/** Waits for the form to say, at `field`, that the lump was renamed `name` elsewhere. */
async function renamedElsewhereSaid(page, field, name) {
  const said = fill(en.diary.err_renamed_elsewhere, { name, save: en.diary.save });
  const fieldError = page.locator(`#${await field.getAttribute('id')}-error`);
  await fieldError.waitFor();
  assert.equal((await fieldError.innerText()).trim(), said);
  return said;
}

async function storedDiary(page) {
  return JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY)).data;
}

/** Table rows of the open trend (built once opened: waits for them), as arrays of cell texts. */
async function trendRows(scope) {
  const rows = scope.locator('.cg-trend-table tbody tr');
  await rows.first().waitFor();
  const out = [];
  for (let i = 0; i < await rows.count(); i++) out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.trim()));
  return out;
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('a lesion\'s trend: chart with a text alternative, table, first and latest in words, open-sore days', async () => {
  const page = await pageWith(fixture());
  await openDiary(page);
  const names = await page.locator('.cg-mylesion-name').allInnerTexts();
  assert.deepEqual(names, [en.sites['left-elbow'], `finger lump (${en.sites['right-index-finger']})`]);
  const finger = item(page, 'finger lump');
  // Keyboard only: Tab to "Show its trend" and press Enter.
  // Each button names its lump (a screen reader's list of buttons read "Rename, Rename, Rename").
  const place = `finger lump (${en.sites['right-index-finger']})`;
  for (const word of [en.diary.lesion_rename, en.diary.lesion_mark_healed, en.diary.lesion_show_trend]) {
    assert.equal(await button(finger, word).getAttribute('aria-label'), `${word}: ${place}`);
  }
  const show = button(finger, en.diary.lesion_show_trend);
  await show.focus();
  await page.keyboard.press('Enter');
  const hide = button(finger, en.diary.lesion_hide_trend);
  await hide.waitFor();
  assert.equal(await hide.getAttribute('aria-expanded'), 'true');
  const view = finger.locator('.cg-mylesion-trend-view');
  await view.waitFor();

  const seen = await view.locator('.cg-mylesion-seen').allInnerTexts();
  assert.deepEqual(seen.map((s) => s.split('\n').map((x) => x.trim()).filter(Boolean)), [
    [fill(en.diary.lesion_first, { date: day(en.diary, daysAgo(10)) }), en.diary.size_pea, fill(en.diary.pain_short, { n: 6 })],
    [fill(en.diary.lesion_latest, { date: day(en.diary, daysAgo(1)) }), en.diary.size_rice, fill(en.diary.pain_short, { n: 3 })],
  ]);
  const change = (await view.locator('.cg-mylesion-change').innerText()).split('\n').map((s) => s.trim());
  assert.deepEqual(change, ['About a pea → About a grain of rice', 'Pain 6 of 10 → Pain 3 of 10']);
  // Two local days with an open sore (two check-ins on one of them).
  assert.equal((await view.locator('.cg-mylesion-open-days').innerText()).trim(), 'Days with an open sore: 2');

  // The chart: an image with a label naming the lesion and what the lines mean.
  const svg = view.locator('svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.equal(await svg.getAttribute('aria-label'), `finger lump (${en.sites['right-index-finger']}): ${en.diary.lesion_trend_caption}`);
  assert.equal(await svg.getAttribute('aria-describedby'), null, 'the caption is in its name: not read a third time as its description');
  assert.equal(await view.locator('svg .cg-dot').count(), 3, 'one pain dot per day');
  assert.equal(await view.locator('svg .cg-bar').count(), 2, 'one mark per day with an open sore');
  assert.ok(await view.locator('svg .cg-line-size').count() >= 1, 'a size line');

  // The table alternative: a real table, newest first, worked out by hand from the fixture. It
  // is built only once opened (over ten years it outweighs the rest of the view).
  assert.equal(await view.locator('.cg-trend-table table').count(), 0, 'a closed trend table draws no rows');
  await view.locator('.cg-trend-table summary').click();
  await view.locator('.cg-trend-table table').waitFor();
  const headers = (await view.locator('.cg-trend-table thead th').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(headers, [en.diary.col_period, en.diary.lesion_col_pain, en.diary.lesion_col_size, en.diary.lesion_col_open]);
  assert.deepEqual(await trendRows(view), [
    [day(en.diary, daysAgo(1)), '3.0', en.diary.size_rice, en.diary.lesion_open_no],
    [day(en.diary, daysAgo(5)), '4.5', en.diary.size_pea, en.diary.lesion_open_yes],
    [day(en.diary, daysAgo(10)), '6.0', en.diary.size_pea, en.diary.lesion_open_yes],
  ]);
  // The 30-day range keeps all three; the same words.
  await button(view, en.diary.range_30).click();
  assert.equal((await trendRows(view)).length, 3);
  await shot(page, 'trend-1280');
  assert.deepEqual(page.errors, []);
});

test('a check-in saved in one tab keeps the name another tab gave a lump while its form was open', async () => {
  const { a, b } = await twoTabsWithAFormInA();
  // Tab B renames the finger lump while A's form is open.
  await renameFinger(b, 'right pointer lump');
  // A saves its check-in without touching the names.
  await a.locator('#cg-pain-3').check();
  await a.getByRole('button', { name: en.diary.save, exact: true }).click();
  await a.locator('.cg-result h4').waitFor();
  const stored = await storedDiary(a);
  assert.equal(stored.lesions.find((l) => l.id === 'lfinger').name, 'right pointer lump', "B's name is kept");
  assert.equal(stored.checkins.length, 5);
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('a name typed in a check-in form is not saved over the name another tab gave the lump meanwhile until the patient has seen it', async () => {
  const { a, b } = await twoTabsWithAFormInA();
  // A renames the finger lump in its form.
  const finger = await fingerNameField(a);
  await finger.fill('name typed in the form');
  // Tab B renames the same lump and saves, while A's form is open.
  await renameFinger(b, 'name from B');
  // A has heard of it (it says the diary changed in another tab).
  await a.getByText(en.diary.other_tab).waitFor();
  // A saves: nothing is saved; the problem names B's name, at the field and in the list.
  await a.locator('#cg-pain-3').check();
  await a.getByRole('button', { name: en.diary.save, exact: true }).click();
  const said = await renamedElsewhereSaid(a, finger, 'name from B');
  assert.equal(await finger.getAttribute('aria-invalid'), 'true');
  assert.ok((await a.locator('.cg-problems').innerText()).includes(said), 'listed above the form too');
  assert.equal(await finger.inputValue(), 'name typed in the form', 'what A typed is still there');
  let stored = await storedDiary(a);
  assert.equal(stored.lesions.find((l) => l.id === 'lfinger').name, 'name from B', "B's name is not written over");
  assert.equal(stored.checkins.length, 4, 'nothing saved yet');
  assert.deepEqual(await axe(a), []);
  // Saving again keeps the name typed here, with the check-in.
  await a.getByRole('button', { name: en.diary.save, exact: true }).click();
  await a.locator('.cg-result h4').waitFor();
  stored = await storedDiary(a);
  assert.equal(stored.lesions.find((l) => l.id === 'lfinger').name, 'name typed in the form');
  assert.equal(stored.checkins.length, 5);
  await item(b, 'name typed in the form').waitFor();
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('a check-in form checks names against the diary as stored, even when this tab never heard of the change', async () => {
  // One tab, with a new check-in's form open on last time's lumps.
  const a = await pageWith(fixture());
  await openDiary(a);
  await formOnLastLumps(a);
  const finger = await fingerNameField(a);
  await finger.fill('name typed in the form');
  // The stored diary changes with no storage event reaching this page (as for a page brought
  // back from the browser's history, or an event still on its way): the finger lump is
  // renamed and moved to the middle finger, stamped later.
  await a.evaluate((key) => {
    const stored = JSON.parse(localStorage.getItem(key));
    const l = stored.data.lesions.find((x) => x.id === 'lfinger');
    Object.assign(l, { name: 'name from elsewhere', site: 'right-middle-finger', upd: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
    localStorage.setItem(key, JSON.stringify(stored));
  }, DIARY_KEY);
  await a.locator('#cg-pain-3').check();
  await a.getByRole('button', { name: en.diary.save, exact: true }).click();
  // Nothing saved: the patient is shown the other name first.
  await renamedElsewhereSaid(a, finger, 'name from elsewhere');
  assert.equal(await finger.inputValue(), 'name typed in the form', 'what was typed is still there');
  let stored = await storedDiary(a);
  assert.equal(stored.lesions.find((l) => l.id === 'lfinger').name, 'name from elsewhere', 'the other name is not written over');
  assert.equal(stored.checkins.length, 4, 'nothing saved yet');
  // Saving again keeps the name typed here; the other change to the lump (its place) stays.
  await a.getByRole('button', { name: en.diary.save, exact: true }).click();
  await a.locator('.cg-result h4').waitFor();
  stored = await storedDiary(a);
  const l = stored.lesions.find((x) => x.id === 'lfinger');
  assert.deepEqual([l.name, l.site], ['name typed in the form', 'right-middle-finger']);
  assert.equal(stored.checkins.length, 5);
  assert.deepEqual(a.errors, []);
});

test('rename by keyboard survives a reload, old check-ins show the new name, an empty name uses the site', async () => {
  const page = await pageWith(fixture());
  await openDiary(page);
  const finger = item(page, 'finger lump');
  await button(finger, en.diary.lesion_rename).focus();
  await page.keyboard.press('Enter');
  const field = page.locator('#cg-mylesion-lfinger-new-name');
  await field.waitFor();
  await focusIs(page, 'id', 'cg-mylesion-lfinger-new-name', 'focus moves into the field');
  assert.equal(await field.inputValue(), 'finger lump');
  assert.equal(await field.getAttribute('maxlength'), '60');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('right pointer lump');
  await page.keyboard.press('Enter');
  const renamed = item(page, 'right pointer lump');
  await renamed.waitFor();
  assert.equal((await renamed.locator('.cg-mylesion-message').innerText()).trim(), en.diary.lesion_renamed);
  await focusIs(page, 'text', en.diary.lesion_rename, 'focus back on Rename');

  const stored = await storedDiary(page);
  assert.deepEqual(stored.lesions.map((l) => [l.id, l.name ?? '']), [['lelbow', ''], ['lfinger', 'right pointer lump']]);
  assert.equal(stored.checkins.length, 4);
  assert.ok(stored.checkins.find((c) => c.id === 'c10').obs.some((o) => o.l === 'lfinger'), 'old check-ins point to the same id');

  await page.reload();
  await openDiary(page);
  await item(page, 'right pointer lump').waitFor();
  // The oldest check-in, opened for editing, names the lesion by its new name.
  const entries = page.locator('.cg-history .cg-entry');
  await entries.last().locator('button', { hasText: en.diary.edit }).first().click();
  const nameField = page.locator('.cg-lesion input[type="text"]').first();
  await nameField.waitFor();
  assert.equal(await nameField.inputValue(), 'right pointer lump');
  await button(page.locator('.cg-diary'), en.diary.cancel).click();

  // Cancel leaves the name as it was; an empty name falls back to the site's words.
  const again = item(page, 'right pointer lump');
  await button(again, en.diary.lesion_rename).click();
  await page.locator('#cg-mylesion-lfinger-new-name').fill('something else');
  await button(again, en.diary.cancel).click();
  await focusIs(page, 'text', en.diary.lesion_rename, 'focus back on Rename after Cancel');
  await button(again, en.diary.lesion_rename).click();
  await page.locator('#cg-mylesion-lfinger-new-name').fill('');
  await button(again, en.diary.lesion_save_name).click();
  await page.waitForFunction((n) => cgAll('.cg-mylesion-name').map((e) => e.textContent).includes(n), en.sites['right-index-finger']);
  assert.equal((await storedDiary(page)).lesions.find((l) => l.id === 'lfinger').name, undefined, 'an empty name is not stored');
  assert.deepEqual(page.errors, []);
});

test('a new name typed and not saved survives a switch of part and a reload; saving it clears what was kept', async () => {
  const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
  const page = await pageWith(fixture());
  page.on('dialog', (d) => d.accept());
  await openDiary(page);
  await button(item(page, 'finger lump'), en.diary.lesion_rename).click();
  const field = page.locator('#cg-mylesion-lfinger-new-name');
  await field.fill('right pointer lump');
  const tabs = page.locator('.cg-tabs');
  await tabs.getByRole('button', { name: en.ui.tab_learn, exact: true }).click();
  await ready(page);
  await tabs.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  assert.equal(await field.inputValue(), 'right pointer lump', 'kept across a part switch');
  await page.reload();
  await openDiary(page);
  assert.equal(await field.inputValue(), 'right pointer lump', 'kept across a reload');
  assert.equal((await storedDiary(page)).lesions.find((l) => l.id === 'lfinger').name, 'finger lump', 'not saved yet');
  await button(item(page, 'finger lump'), en.diary.lesion_save_name).click();
  await item(page, 'right pointer lump').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY), null, 'nothing unsaved is left');
  await page.reload();
  await openDiary(page);
  assert.equal(await field.count(), 0, 'the field stays closed');
  assert.deepEqual(page.errors, []);
});

test('a new name typed in one tab stays kept when another tab saves a name for the same lump: it comes back in the next tab', async () => {
  const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
  const a = await pageWith(fixture());
  await openDiary(a);
  const b = await watched(a.context());
  await openDiary(b);
  await button(item(a, 'finger lump'), en.diary.lesion_rename).click();
  await a.locator('#cg-mylesion-lfinger-new-name').fill('name typed in A');
  await a.waitForFunction((k) => localStorage.getItem(k)?.includes('name typed in A'), DRAFTS_KEY);
  // Tab B names the same lump and saves: that takes the lump's typed name out of storage.
  await renameFinger(b, 'name from B');
  // Tab A still shows its name, so it keeps it again.
  await a.waitForFunction((k) => localStorage.getItem(k)?.includes('name typed in A'), DRAFTS_KEY, { timeout: 5000 });
  const context = a.context();
  await a.close({ runBeforeUnload: false });
  await b.close({ runBeforeUnload: false });
  const c = await watched(context);
  await openDiary(c);
  assert.equal(await c.locator('#cg-mylesion-lfinger-new-name').inputValue(), 'name typed in A');
  assert.deepEqual([...a.errors, ...b.errors, ...c.errors], []);
});

test('a name saved in one tab is never written over by a stale rename field in another: the patient is told and chooses', async () => {
  const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
  const a = await pageWith(fixture());
  await openDiary(a);
  const b = await watched(a.context());
  await openDiary(b);
  await button(item(a, 'finger lump'), en.diary.lesion_rename).click();
  const fieldA = a.locator('#cg-mylesion-lfinger-new-name');
  await fieldA.fill('name typed in A');
  // Tab B renames the same lump and saves first.
  await renameFinger(b, 'name from B');
  // A reloads with its text kept: the field still knows the name it was typed over.
  await a.waitForFunction((k) => localStorage.getItem(k)?.includes('name typed in A'), DRAFTS_KEY, { timeout: 5000 });
  await a.reload();
  await openDiary(a);
  assert.equal(await fieldA.inputValue(), 'name typed in A');
  // A saves: refused, with B's name and what to do; A's text stays, B's name stays stored.
  const itemA = a.locator('.cg-mylesion').filter({ has: fieldA });
  await button(itemA, en.diary.lesion_save_name).click();
  const alert = itemA.locator('.cg-notice-error[role="alert"]');
  await alert.waitFor();
  const said = fill(en.diary.lesion_renamed_elsewhere, { name: 'name from B', save: en.diary.lesion_save_name, cancel: en.diary.cancel });
  assert.equal((await alert.innerText()).trim(), said);
  assert.equal(await fieldA.inputValue(), 'name typed in A', 'what A typed is still there');
  assert.equal((await storedDiary(a)).lesions.find((l) => l.id === 'lfinger').name, 'name from B', "B's name is not written over");
  await item(a, 'name from B').waitFor();
  await a.screenshot({ path: `${SHOTS}/renamed-elsewhere.png` });
  assert.deepEqual(await axe(a), []);
  // Saving again (the patient has now seen B's name) keeps A's, in both tabs.
  await button(itemA, en.diary.lesion_save_name).click();
  await item(a, 'name typed in A').waitFor();
  assert.equal((await storedDiary(a)).lesions.find((l) => l.id === 'lfinger').name, 'name typed in A');
  await item(b, 'name typed in A').waitFor();
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY), null, 'nothing unsaved is left');
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('a healed lesion is left out of a new check-in, stays in history and the list; "Follow again" brings it back', async () => {
  const page = await pageWith(fixture());
  await openDiary(page);
  const elbow = item(page, en.sites['left-elbow']);
  await button(elbow, en.diary.lesion_mark_healed).click();
  await button(elbow, en.diary.lesion_follow_again).waitFor();
  assert.equal((await elbow.locator('.cg-mylesion-state').innerText()).trim(), en.diary.lesion_healed);
  assert.equal((await elbow.locator('.cg-mylesion-message').innerText()).trim(), en.diary.lesion_healed_done);
  assert.equal(await page.evaluate(() => cgActive()?.textContent.trim()), en.diary.lesion_follow_again, 'focus stays on the button');
  let stored = await storedDiary(page);
  assert.equal(stored.lesions.find((l) => l.id === 'lelbow').healed, true);
  assert.equal(stored.lesions.find((l) => l.id === 'lfinger').healed, undefined, '"healed" is left out when false');

  // Its trend is still there, and so are its check-ins in the history.
  await button(elbow, en.diary.lesion_show_trend).click();
  assert.match(await elbow.locator('.cg-mylesion-change').innerText(), /About a grape → About a grape/);
  assert.equal(await page.locator('.cg-history .cg-entry').count(), 4);

  const sameAsLast = async () => {
    await page.locator('.cg-new').click();
    await button(page.locator('.cg-diary'), en.diary.same_as_last).click();
    const titles = await page.locator('.cg-lesion-title').allInnerTexts();
    await button(page.locator('.cg-diary'), en.diary.cancel).click();
    // "Same as last time" filled the form in: Cancel asks before throwing it away.
    await button(page.locator('.cg-diary'), en.diary.cancel_discard).click();
    await page.locator('.cg-mylesions').waitFor();
    return titles.map((s) => s.trim());
  };
  assert.deepEqual(await sameAsLast(), [`1. finger lump (${en.sites['right-index-finger']})`]);
  // The quick check-in asks only about the followed one too.
  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  const legends = (await page.locator('.cg-quick-lesion > legend').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(legends.map((l) => l.includes('finger lump')), [true], legends.join(' | '));
  await button(page.locator('.cg-diary'), en.diary.cancel).click();
  await page.locator('.cg-mylesions').waitFor();

  await button(item(page, en.sites['left-elbow']), en.diary.lesion_follow_again).click();
  await button(item(page, en.sites['left-elbow']), en.diary.lesion_mark_healed).waitFor();
  stored = await storedDiary(page);
  assert.equal(stored.lesions.find((l) => l.id === 'lelbow').healed, undefined);
  assert.deepEqual((await sameAsLast()).sort(), [`1. finger lump (${en.sites['right-index-finger']})`, `2. ${en.sites['left-elbow']}`].sort());
  assert.deepEqual(page.errors, []);
});

test('a change that cannot be saved is shown and changes nothing', async () => {
  const page = await pageWith(fixture());
  await openDiary(page);
  const before = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const elbow = item(page, en.sites['left-elbow']);
  await button(elbow, en.diary.lesion_mark_healed).click();
  const alert = elbow.locator('[role="alert"]');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), fill(en.diary.lesion_not_saved, { reason: `${en.diary.reason_quota} ${en.diary.quota_next}` }));
  assert.equal((await elbow.locator('.cg-mylesion-state').innerText()).trim(), en.diary.lesion_followed, 'still followed');
  await button(elbow, en.diary.lesion_rename).click();
  await page.locator('#cg-mylesion-lelbow-new-name').fill('elbow');
  await button(elbow, en.diary.lesion_save_name).click();
  await page.waitForFunction(() => cgAll('.cg-mylesion .cg-notice-error[role="alert"]').length === 1);
  assert.equal(await page.locator('#cg-mylesion-lelbow-new-name').inputValue(), 'elbow', 'what was typed stays in the field');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY), before);
});

test('another tab\'s change to the same lesion is kept', async () => {
  const page = await pageWith(fixture());
  await openDiary(page);
  const other = await page.context().newPage();
  await openDiary(other);
  // The other tab renames the elbow; this one then marks it healed: both stay.
  const there = item(other, en.sites['left-elbow']);
  await button(there, en.diary.lesion_rename).click();
  await other.locator('#cg-mylesion-lelbow-new-name').fill('elbow bump');
  await button(there, en.diary.lesion_save_name).click();
  await item(other, 'elbow bump').waitFor();
  const here = page.locator('.cg-mylesion').filter({ has: page.locator('#cg-mylesion-lelbow-name') });
  await button(here, en.diary.lesion_mark_healed).click();
  await button(here, en.diary.lesion_follow_again).waitFor();
  const l = (await storedDiary(page)).lesions.find((x) => x.id === 'lelbow');
  assert.deepEqual([l.name, l.healed], ['elbow bump', true]);
  await other.close();
});

test('in European Portuguese', async () => {
  const page = await pageWith(fixture(), { width: 375, height: 800 });
  await openDiary(page, pt);
  assert.equal((await page.locator('#cg-mylesions-heading').innerText()).trim(), pt.diary.lesions_heading);
  const finger = item(page, 'finger lump');
  await button(finger, pt.diary.lesion_show_trend).click();
  const view = finger.locator('.cg-mylesion-trend-view');
  await view.waitFor();
  const change = (await view.locator('.cg-mylesion-change').innerText()).split('\n').map((s) => s.trim());
  assert.deepEqual(change, [
    fill(pt.diary.lesion_change, { first: pt.diary.size_pea, latest: pt.diary.size_rice }),
    fill(pt.diary.lesion_change, { first: fill(pt.diary.pain_short, { n: 6 }), latest: fill(pt.diary.pain_short, { n: 3 }) }),
  ]);
  assert.equal((await view.locator('.cg-mylesion-open-days').innerText()).trim(), fill(pt.diary.lesion_open_days, { n: 2 }));
  await view.locator('.cg-trend-table summary').click();
  assert.deepEqual((await trendRows(view))[1], [day(pt.diary, daysAgo(5)), '4,5', pt.diary.size_pea, pt.diary.lesion_open_yes]);
  await button(item(page, pt.sites['left-elbow']), pt.diary.lesion_mark_healed).click();
  await button(item(page, pt.sites['left-elbow']), pt.diary.lesion_follow_again).waitFor();
  assert.deepEqual(await axe(page), []);
  // The table fits the phone's width: nothing sticks out of the section.
  const sticking = await page.evaluate(() => {
    const box = cgOne('.cg-mylesions').getBoundingClientRect();
    return cgAll('.cg-mylesions table, .cg-mylesions svg, .cg-mylesions button')
      .filter((e) => e.getBoundingClientRect().right > box.right + 1).map((e) => e.tagName + ' ' + e.textContent.trim().slice(0, 20));
  });
  assert.deepEqual(sticking, []);
  await shot(page, 'pt-PT-375');
  await page.locator('.cg-mylesions').screenshot({ path: `${SHOTS}/lesions-section-pt-PT-375.png` });
  assert.deepEqual(page.errors, []);
});

for (const width of [375, 1280]) {
  test(`axe finds nothing at ${width} px with a trend and a rename open; targets at least 44 px; no sideways scroll`, async () => {
    const page = await pageWith(fixture(), { width, height: 900 });
    await openDiary(page);
    assert.deepEqual(await axe(page), [], 'the list');
    const finger = item(page, 'finger lump');
    await button(finger, en.diary.lesion_show_trend).click();
    await finger.locator('.cg-trend-table summary').click();
    await finger.locator('.cg-trend-table tbody tr').first().waitFor();
    await button(item(page, en.sites['left-elbow']), en.diary.lesion_mark_healed).click();
    await button(item(page, en.sites['left-elbow']), en.diary.lesion_rename).click();
    assert.deepEqual(await axe(page), [], 'trend, table and rename open');
    const small = await page.evaluate(() => cgAll('.cg-mylesions button, .cg-mylesions summary, .cg-mylesions input')
      .map((e) => [e.textContent.trim() || e.id, e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`));
    assert.deepEqual(small, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    await page.locator('.cg-mylesions').scrollIntoViewIfNeeded();
    await shot(page, `lesions-${width}`);
    await page.locator('.cg-mylesions').screenshot({ path: `${SHOTS}/lesions-section-${width}.png` });
    assert.deepEqual(page.errors, []);
  });
}

test('the printed summary shows each lesion\'s first → latest in the period, on one page', async () => {
  const page = await pageWith(fixture());
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.locator('.cg-tabs').getByRole('button', { name: en.ui.tab_summary, exact: true }).click();
  await page.locator('.cg-summary').waitFor();
  const rows = page.locator('.cg-summary-table tbody tr');
  const cells = [];
  for (let i = 0; i < await rows.count(); i++) cells.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.trim()));
  const finger = cells.find((r) => r[0].startsWith('finger lump'));
  const elbow = cells.find((r) => r[0].startsWith(en.sites['left-elbow']));
  assert.deepEqual([finger[2], finger[3]], ['6 → 3', 'pea → grain of rice']);
  assert.deepEqual([elbow[2], elbow[3]], ['2 → 1', 'grape → grape']);
  assert.equal((await page.locator('.cg-summary-note').innerText()).trim(), en.summary.lesions_change_note);
  const file = await printPdf(page, 'A4', 'lesions-summary-a4');
  assert.equal(await pdfPages(file), 1);
  const text = await pdfText(file);
  for (const want of ['6 → 3', 'pea → grain of rice', en.summary.lesions_change_note]) {
    assert.ok(text.includes(want), `printed: ${want}`);
  }
  await run('pdftoppm', ['-png', '-r', '80', '-singlefile', file, `${SHOTS}/summary-print-a4`]);
  await fs.mkdir(`${OUT}/screenshots`, { recursive: true });
  await fs.copyFile(`${SHOTS}/summary-print-a4.png`, `${OUT}/screenshots/lesions-summary-print-a4.png`);
  assert.deepEqual(page.errors, []);
});

test('a lump in no check-in says so and can be taken off the list, with an Undo; one a check-in notes cannot (both languages, axe)', async () => {
  // Found by the patient review: a lump added by mistake and taken out of its only check-in
  // stayed listed "In your check-ins", with no way to take it off.
  for (const text of [en, pt]) {
    const diary = fixture();
    diary.lesions.push({ id: 'lmistake', site: 'left-knee', name: 'added by mistake', upd: diary.lesions[0].upd });
    const page = await pageWith(diary, { width: 375 });
    await openDiary(page, text);
    const mistake = item(page, 'added by mistake');
    assert.equal((await mistake.locator('.cg-mylesion-state').textContent()).trim(), text.diary.lesion_in_none);
    assert.equal((await item(page, 'finger lump').locator('.cg-mylesion-state').textContent()).trim(), text.diary.lesion_followed);
    assert.equal(await button(item(page, 'finger lump'), text.diary.lesion_remove).count(), 0, 'a lump a check-in notes is not removable');
    await button(mistake, text.diary.lesion_remove).click();
    await mistake.waitFor({ state: 'detached' });
    const status = page.locator('.cg-mylesions-status');
    assert.ok((await status.textContent()).includes(fill(text.diary.lesion_removed_list, { place: `added by mistake (${text.sites['left-knee']})` })),
      await status.textContent());
    await focusIs(page, 'text', text.diary.undo, 'focus on Undo');
    let stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY)).data.lesions.find((l) => l.id === 'lmistake');
    assert.equal(stored.del, true, 'a tombstone reaches other tabs and backups');
    assert.equal(stored.name, undefined, 'without its name');
    assert.deepEqual(await axe(page), [], `${text === en ? 'en' : 'pt'}: no axe violations`);
    await button(status, text.diary.undo).click();
    await mistake.waitFor();
    stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY)).data.lesions.find((l) => l.id === 'lmistake');
    assert.equal(stored.name, 'added by mistake', 'put back as it was');
    assert.equal(stored.del, undefined);
    await focusIs(page, 'id', 'cg-mylesions-heading', 'focus on the list\'s heading');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

// Found by the adversary: a lump taken off the list in another tab while its new name was typed
// here vanished with the field and the name, without a word (the name stayed stored, shown
// nowhere). It stays, says what happened, and saving the name puts it back; Cancel lets it go.
test('a lump taken off the list in another tab while its new name is typed here: the name stays, is said, and saving puts the lump back', async () => {
  const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
  const diary = fixture();
  diary.lesions.push({ id: 'lmistake', site: 'left-knee', name: 'added by mistake', upd: diary.lesions[0].upd });
  const a = await pageWith(diary, { width: 375 });
  await openDiary(a);
  const b = await watched(a.context());
  await openDiary(b);
  const stored = async (p) => JSON.parse(await p.evaluate((k) => localStorage.getItem(k), DIARY_KEY)).data.lesions.find((l) => l.id === 'lmistake');
  const field = a.locator('#cg-mylesion-lmistake-new-name');
  const knee = a.locator('.cg-mylesion').filter({ has: field });
  const typeName = async (name) => {
    await button(item(a, 'added by mistake'), en.diary.lesion_rename).click();
    await field.fill(name);
    await a.waitForFunction(([k, n]) => localStorage.getItem(k)?.includes(n), [DRAFTS_KEY, name]);
  };
  const removeInB = async () => {
    await button(item(b, 'added by mistake'), en.diary.lesion_remove).click();
    await item(b, 'added by mistake').waitFor({ state: 'detached' });
    assert.equal((await stored(b)).del, true);
  };

  await typeName('knee lump');
  await removeInB();
  // Tab A hears it: the item stays with the name typed, and says what happened.
  const said = fill(en.diary.lesion_removed_elsewhere, { cancel: en.diary.cancel });
  await knee.locator('[role="alert"]', { hasText: said }).waitFor();
  assert.equal(await field.inputValue(), 'knee lump');
  assert.deepEqual(await axe(a), []);
  await knee.screenshot({ path: `${SHOTS}/removed-elsewhere-375.png` });
  // Tab B, which took it off, does not show A's typing.
  assert.equal(await b.locator('#cg-mylesion-lmistake-new-name').count(), 0);
  // Saving the name puts it back on the list, with that name, here and in the other tab.
  await button(knee, en.diary.lesion_save_name).click();
  await item(a, 'knee lump').locator('.cg-mylesion-message', { hasText: en.diary.lesion_put_back_named }).waitFor();
  const back = await stored(a);
  assert.equal(back.del, undefined, 'live again');
  assert.equal(back.name, 'knee lump');
  assert.equal(back.site, 'left-knee');
  await item(b, 'knee lump').waitFor();
  assert.equal(await a.evaluate((k) => localStorage.getItem(k)?.includes('knee lump') ?? false, DRAFTS_KEY), false, 'nothing left typed');

  // Cancel lets it go: the item goes, focus goes to the list's heading, nothing stays typed.
  await button(item(a, 'knee lump'), en.diary.lesion_rename).click();
  await field.fill('another name');
  await a.waitForFunction(([k, n]) => localStorage.getItem(k)?.includes(n), [DRAFTS_KEY, 'another name']);
  await button(item(b, 'knee lump'), en.diary.lesion_remove).click();
  await knee.locator('[role="alert"]').waitFor();
  await button(knee, en.diary.cancel).click();
  await knee.waitFor({ state: 'detached' });
  await focusIs(a, 'id', 'cg-mylesions-heading');
  assert.equal(await a.evaluate((k) => localStorage.getItem(k)?.includes('another name') ?? false, DRAFTS_KEY), false);
  assert.equal((await stored(a)).del, true, 'still off the list');
  assert.deepEqual([...a.errors, ...b.errors], []);
});
