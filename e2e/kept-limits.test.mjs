// Nothing the patient keeps is lost silently (issue 9, items 5, 8 and 9): a restore says which
// entries deleted since the backup it did not bring back, and brings them back on request;
// unreadable or newer-version settings, place in the guide and diary are each told, kept, and
// (when unreadable) downloadable; long text has limits and counters, and the summary opens
// quickly and prints one page whatever was typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { start, ready, axe, seedDiary, recent, DIARY_KEY, diaryReady, OUT, pdfPages, printPdf, watched, fillStorageOnce } from './helpers.mjs';

const summaryText = JSON.parse(await fs.readFile('content/en/summary.json', 'utf8'));
const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const PREFS_KEY = 'calcinosis-guide.default.prefs';
const PLACE_KEY = 'calcinosis-guide.default.walkthrough';
const FILES = `${OUT}/kept-limits-files`;

let app;
before(async () => {
  app = await start();
  await fs.mkdir(FILES, { recursive: true });
});
after(async () => { await app.stop(); });

const fill = (template, values) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template);
const tabButton = (page, name) => page.locator('.cg-tabs').getByRole('button', { name, exact: true });
const exportButton = (page, name) => page.locator('.cg-export').getByRole('button', { name, exact: true });

/** A page whose localStorage holds `items` (raw strings) before the widget starts, once per context. */
async function pageWith(items) {
  const page = await app.page();
  await page.context().addInitScript((entries) => {
    if (sessionStorage.getItem('cg-test-seeded')) return;
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    sessionStorage.setItem('cg-test-seeded', '1');
  }, items);
  await page.goto(`${app.url}/`);
  await ready(page);
  return page;
}

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

async function openDiary(page) {
  await tabButton(page, uiText.tab_diary).click();
  await diaryReady(page);
}

async function openSummary(page) {
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor({ state: 'visible' });
}

async function waitForMessage(page, want) {
  await page.waitForFunction((t) => cgOne('.cg-export > .cg-notice')?.textContent.trim() === t, want, { timeout: 10000 })
    .catch(async () => assert.fail(`the export panel never said ${JSON.stringify(want)}; it shows ${JSON.stringify(await page.locator('.cg-export > .cg-notice').allTextContents())}`));
}

// ---------------------------------------------------------------------------------------------
// Item 5: a backup cannot silently undo (or fail to undo) a deletion.

test('restore after deleting an entry: the report says it was not brought back, and "Bring them back" does', async () => {
  const { text } = seedDiary({ checkIns: 3 });
  const page = await pageWith({ [DIARY_KEY]: text });
  await openSummary(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), exportButton(page, summaryText.backup).click()]);
  const backupFile = path.join(FILES, 'backup.json');
  await dl.saveAs(backupFile);

  // Delete the newest check-in after the backup.
  await openDiary(page);
  const first = page.locator('li.cg-entry').first();
  const when = (await first.locator('.cg-entry-when').textContent()).trim();
  await first.getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('button', { name: diaryText.confirm_yes, exact: true }).click();
  await page.waitForFunction(() => cgAll('li.cg-entry').length === 2);

  await openSummary(page);
  await page.locator('#cg-restore').setInputFiles(backupFile);
  const report = `${fill(summaryText.restore_report, { added: 0, updated: 0, skipped: 2, kept: 0 })} ${summaryText.restore_deleted_here_one}`;
  await waitForMessage(page, report);
  assert.equal(JSON.parse(await stored(page, DIARY_KEY)).data.checkins.filter((c) => !c.del).length, 2, 'the deletion stands until asked');
  assert.deepEqual(await axe(page), [], 'no axe violations with the offer shown');

  await exportButton(page, summaryText.bring_back).click();
  await waitForMessage(page, summaryText.brought_back_one);
  assert.equal(await exportButton(page, summaryText.bring_back).count(), 0, 'the offer is gone once done');
  await openDiary(page);
  assert.equal(await page.locator('li.cg-entry').count(), 3, 'the entry is in the history again');
  assert.equal((await page.locator('li.cg-entry .cg-entry-when').first().textContent()).trim(), when);
  await page.reload();
  await ready(page);
  await openDiary(page);
  assert.equal(await page.locator('li.cg-entry').count(), 3, 'and still there after a reload');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------------
// Item 8: unreadable or newer-version data is never silent.

test('well-formed data with one field that cannot be read is kept aside and told, like broken data, and never written over', async () => {
  // Found by an adversarial check: only broken JSON was set aside. A diary with one check-in's
  // pain "seven" opened empty with no notice; settings and another tab's unsaved notes with one
  // such field were written over, without a copy, by the next letter typed.
  const { diary } = seedDiary({ checkIns: 3, notes: 'my own words' });
  diary.checkins[1].pain = 'seven';
  const items = {
    [DIARY_KEY]: JSON.stringify({ schema: 1, data: diary }),
    [PREFS_KEY]: JSON.stringify({ schema: 1, data: { patient_name: 'Maria Alves da Silva', last_backup: 'last Tuesday' } }),
    'calcinosis-guide.default.drafts': JSON.stringify({ schema: 3, data: { question: 7, check_in: { notes: 'typed in another tab' } } }),
  };
  const page = await pageWith(items);
  await openDiary(page);
  for (const notice of [diaryText.unreadable, diaryText.unreadable_prefs, diaryText.unreadable_drafts]) {
    await page.locator('.cg-unreadable', { hasText: notice }).waitFor();
  }
  for (const [key, raw] of Object.entries(items)) {
    assert.equal(await stored(page, `${key}.unreadable-1`), raw, `${key}: kept exactly`);
  }
  // Typing a name and a question now writes fresh values; the kept copies stay as they were.
  await openSummary(page);
  await page.locator('#cg-patient-name').fill('Maria');
  await page.getByLabel(diaryText.question_label).fill('Can I swim?');
  await page.waitForFunction(() => localStorage.getItem('calcinosis-guide.default.drafts')?.includes('Can I swim?'));
  for (const [key, raw] of Object.entries(items)) {
    assert.equal(await stored(page, `${key}.unreadable-1`), raw, `${key}: still kept exactly`);
  }
  assert.deepEqual(page.errors, []);
});

for (const [what, key, notice] of [
  ['settings', PREFS_KEY, diaryText.unreadable_prefs],
  ['place in the guide', PLACE_KEY, diaryText.unreadable_place],
]) {
  test(`unreadable ${what}: kept byte for byte, the patient is told, and can download the kept copy`, async () => {
    const garbage = '{"schema":1,"data":{"patient_name":"Ana ✓ \\"q\\" \u0000 🦴';
    const page = await pageWith({ [key]: garbage });
    const box = page.locator('.cg-unreadable', { hasText: notice });
    await box.waitFor();
    assert.equal(await stored(page, `${key}.unreadable-1`), garbage, 'kept exactly');
    assert.notEqual(await stored(page, key), garbage, 'the key is free for new data');
    const [dl] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', { name: diaryText.download_raw }).click()]);
    assert.equal(await fs.readFile(await dl.path(), 'utf8'), garbage, 'the download is the kept copy, unchanged');
    // Told in the other parts too, and after a reload, until deleted.
    await openSummary(page);
    assert.equal(await page.locator('.cg-unreadable', { hasText: notice }).count(), 1);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('.cg-unreadable', { hasText: notice }).count(), 1);
    assert.deepEqual((await storedKeys(page)).filter((k) => k.startsWith(`${key}.`)), [`${key}.unreadable-1`], 'no second copy');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
  });
}

test('a kept copy deleted in another tab leaves the list here; a Download of a copy that is gone says so and makes no file', async () => {
  const garbage = '{"schema":1,"data":{"patient_name":"Ana';
  const a = await app.page();
  await a.goto(`${app.url}/`);
  await ready(a);
  // Damaged settings and a damaged place in the guide, set aside at the next open.
  await a.evaluate(([p, w, g]) => { localStorage.setItem(p, g); localStorage.setItem(w, g); }, [PREFS_KEY, PLACE_KEY, garbage]);
  await a.reload();
  await ready(a);
  const prefsBox = a.locator('.cg-unreadable', { hasText: diaryText.unreadable_prefs });
  const placeBox = a.locator('.cg-unreadable', { hasText: diaryText.unreadable_place });
  await prefsBox.waitFor();
  await placeBox.waitFor();
  // Tab B deletes the settings' copy: tab A stops offering it.
  const b = await watched(a.context());
  await b.goto(`${app.url}/`);
  await ready(b);
  const bBox = b.locator('.cg-unreadable', { hasText: diaryText.unreadable_prefs });
  await bBox.getByRole('button', { name: diaryText.delete_raw }).click();
  await bBox.getByRole('button', { name: diaryText.confirm_yes }).click();
  await bBox.waitFor({ state: 'detached' });
  await prefsBox.waitFor({ state: 'detached' });
  assert.equal(await placeBox.count(), 1, 'the other copy is still offered');
  // A copy gone without this tab hearing of it (its own storage changed under it): Download
  // says so, makes no file, and the copy leaves the list.
  let downloads = 0;
  a.on('download', () => { downloads += 1; });
  await a.evaluate((k) => localStorage.removeItem(`${k}.unreadable-1`), PLACE_KEY);
  await placeBox.getByRole('button', { name: diaryText.download_raw }).click();
  const said = a.locator('.cg-notice-error', { hasText: diaryText.raw_gone });
  await said.waitFor();
  assert.equal(await said.getAttribute('role'), 'alert');
  await placeBox.waitFor({ state: 'detached' });
  await a.waitForTimeout(300);
  assert.equal(downloads, 0, 'no empty file');
  assert.deepEqual(await axe(a), []);
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('newer-version settings stay in place, are told, and typing a name is refused with a message', async () => {
  const newer = JSON.stringify({ schema: 7, data: { patient_name: 'Ana from the future', theme: 'dark' } });
  const page = await pageWith({ [PREFS_KEY]: newer });
  await page.locator('.cg-newer', { hasText: diaryText.newer_prefs }).waitFor();
  await openSummary(page);
  await page.locator('#cg-patient-name').fill('Ana');
  await page.getByText(fill(summaryText.name_not_kept, { reason: diaryText.reason_newer_settings })).waitFor();
  assert.equal(await page.locator('#cg-patient-name').inputValue(), 'Ana', 'what was typed stays in the field');
  assert.equal(await page.getByText(fill(summaryText.patient, { name: 'Ana' }), { exact: true }).count(), 1, 'and on the summary, for a printout from this page');
  assert.equal(await stored(page, PREFS_KEY), newer, 'not written over');
  assert.deepEqual((await storedKeys(page)).filter((k) => k.includes('unreadable')), [], 'not moved aside');
  assert.deepEqual(page.errors, []);
});

test('a newer-version place in the guide stays in place, is told, and moving on is not saved over it', async () => {
  const newer = JSON.stringify({ schema: 3, data: { chapter: 'two' } });
  const page = await pageWith({ [PLACE_KEY]: newer });
  await page.locator('.cg-newer', { hasText: diaryText.newer_place }).waitFor();
  await page.locator('.cg-pager').getByRole('button', { name: uiText.next }).click();
  await page.getByText(uiText.save_refused_step_newer).waitFor();
  assert.equal(await stored(page, PLACE_KEY), newer);
  assert.deepEqual((await storedKeys(page)).filter((k) => k.includes('unreadable')), []);
  assert.deepEqual(page.errors, []);
});

test('a diary written by a newer version: the notice is shown at open, before anything is saved', async () => {
  const newer = JSON.stringify({ schema: 3, data: { lesions: [], checkins: [], v3: true } });
  const page = await pageWith({ [DIARY_KEY]: newer });
  await page.locator('.cg-newer', { hasText: diaryText.newer_diary }).waitFor();
  await openDiary(page);
  assert.equal(await page.locator('.cg-newer', { hasText: diaryText.newer_diary }).count(), 1, 'still told in the diary');
  assert.equal(await stored(page, DIARY_KEY), newer);
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------------
// Item 9: long text.



/** Milliseconds from pressing the Summary tab until the summary is on screen. */
async function timeSummaryOpen(page) {
  const t0 = Date.now();
  await openSummary(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - t0;
}

const WORD = 'x'.repeat(100_000);

test('a 100,000-character word in "Something else", a question and the name: limits and counters, a quick summary, one page', async () => {
  const page = await pageWith({});
  await openDiary(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-2').check();
  await page.locator('#cg-fx-other').check();
  await page.locator('#cg-fx-other-text').fill(WORD);
  assert.equal((await page.locator('#cg-fx-other-text').inputValue()).length, 300, 'the field stops at its limit');
  assert.equal((await page.locator('#cg-fx-other-count').textContent()).trim(), fill(diaryText.count_of, { n: 300, max: 300 }));
  assert.match(await page.locator('#cg-fx-other-text').getAttribute('aria-describedby'), /cg-fx-other-count/, 'the count is read with the field');
  await page.getByText(diaryText.count_full).first().waitFor();
  await page.locator('#cg-notes').fill(WORD);
  assert.equal((await page.locator('#cg-notes').inputValue()).length, 2000);
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();

  const opened = await timeSummaryOpen(page);
  await page.locator('#cg-patient-name').fill(WORD);
  assert.equal((await page.locator('#cg-patient-name').inputValue()).length, 100);
  assert.equal((await page.locator('#cg-patient-name-count').textContent()).trim(), fill(diaryText.count_of, { n: 100, max: 100 }));
  // The whole name in the printout's head, not the first 60 letters (found by an audit: a long
  // Portuguese name lost the family name records are filed by); the page stays one page.
  assert.ok((await page.locator('.cg-summary-head').innerText()).includes(WORD.slice(0, 100)), 'the whole name in the head');
  await page.locator('#cg-new-question').fill(WORD);
  assert.equal((await page.locator('#cg-new-question').inputValue()).length, 200);
  await page.locator('.cg-question-add').getByRole('button', { name: diaryText.add_question, exact: true }).click();
  await page.waitForFunction(() => cgAll('.cg-questions-list li').length === 1);
  const stored1 = JSON.parse(await stored(page, DIARY_KEY)).data;
  assert.equal(stored1.questions[0].text.length, 200);
  assert.equal(stored1.checkins[0].fx_other.length, 300);
  assert.deepEqual(await axe(page), [], 'no axe violations with full fields');

  const file = await printPdf(page, 'A4', 'summary-long-typed');
  assert.equal(await pdfPages(file), 1, `one printed page (${file})`);
  console.log(`# summary opened in ${opened} ms after typing 100,000 characters`);
  assert.ok(opened < 1500, `the summary opened in ${opened} ms`);
  assert.deepEqual(page.errors, []);
});

test('100,000-character texts already stored: kept whole in storage and in the form, the summary quick and one page', async () => {
  const { diary } = seedDiary({ checkIns: 30, lesions: 2, endMs: recent(60_000) });
  diary.lesions[0].name = WORD;
  diary.checkins.forEach((c, i) => {
    c.notes = WORD;
    if (i % 2 === 0) { c.fx = ['other']; c.fx_other = `${i}${WORD}`; }
  });
  const upd = diary.checkins[0].upd;
  diary.questions = [{ id: 'q1', text: WORD, upd }, { id: 'q2', text: `${WORD}y`, upd }];
  const text = JSON.stringify({ schema: 1, data: diary });
  const prefs = JSON.stringify({ schema: 1, data: { patient_name: WORD } });
  const page = await pageWith({ [DIARY_KEY]: text, [PREFS_KEY]: prefs });
  const opened = await timeSummaryOpen(page);
  const head = await page.locator('.cg-summary-head').innerText();
  assert.ok(head.includes('\u2026'), 'the name is shortened with an ellipsis on the summary');
  assert.ok(head.length < 1000);
  const file = await printPdf(page, 'A4', 'summary-long-stored');
  assert.equal(await pdfPages(file), 1, `one printed page (${file})`);
  console.log(`# summary with stored 100,000-character texts opened in ${opened} ms`);
  assert.ok(opened < 3000, `the summary opened in ${opened} ms`);

  // Storage is never shortened; the form shows the whole note.
  assert.equal(await stored(page, DIARY_KEY), text);
  assert.equal(await stored(page, PREFS_KEY), prefs);
  assert.equal((await page.locator('#cg-patient-name').inputValue()).length, 100_000, 'the stored name is whole in its field');
  await openDiary(page);
  assert.equal(await page.locator('li.cg-entry').count(), 20);
  await page.locator('li.cg-entry').first().getByRole('button', { name: /^Edit/ }).click();
  assert.equal((await page.locator('#cg-notes').inputValue()).length, 100_000);
  // Saving it unchanged keeps the whole note.
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();
  const after = JSON.parse(await stored(page, DIARY_KEY)).data;
  assert.equal(after.checkins[0].notes, WORD);
  assert.deepEqual(page.errors, []);
});

test('what a restore replaces or removes here is kept aside, said, and put back on request', async () => {
  // A note typed here on a check-in that the other device changed later, and a check-in it
  // deleted: the later edits win, as between tabs, but this device's copies were gone without
  // a trace. Now the report says so and "Put back this device's copies" brings them back.
  const { diary } = seedDiary({ checkIns: 3 });
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const laptop = structuredClone(diary);
  laptop.checkins[1].notes = 'typed on the laptop';
  laptop.checkins[1].upd = iso(Date.now() - 3_600_000);
  const phone = structuredClone(diary);
  phone.checkins[1].pain = 9;
  phone.checkins[1].upd = iso(Date.now() - 60_000);
  phone.checkins[2] = { id: phone.checkins[2].id, at: phone.checkins[2].at, upd: iso(Date.now() - 60_000), pain: 0, del: true };
  const page = await pageWith({ [DIARY_KEY]: JSON.stringify({ schema: 1, data: laptop }) });
  await openSummary(page);
  const backup = { format: 'calcinosis-guide-backup', schema: 1, exported: iso(Date.now() - 30_000), data: phone };
  await page.locator('#cg-restore').setInputFiles({ name: 'phone.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await waitForMessage(page, `${fill(summaryText.restore_report, { added: 0, updated: 2, skipped: 1, kept: 0 })} ${fill(summaryText.restore_replaced_here, { n: 2 })}`);
  let now = JSON.parse(await stored(page, DIARY_KEY)).data.checkins;
  assert.equal(now.find((c) => c.id === laptop.checkins[1].id).pain, 9, 'the later edit wins');
  assert.equal(now.find((c) => c.id === laptop.checkins[1].id).notes, undefined);
  assert.equal(now.find((c) => c.id === laptop.checkins[2].id).del, true, 'the later deletion wins');
  assert.deepEqual(await axe(page), [], 'no axe violations with the offer shown');
  // The patient looks at the diary first, opens a check-in form and cancels it, then comes back
  // (each takes the Summary off the page): the offer lasts until the page is left, as it says.
  // Before, it was gone, and this device's note with it.
  await tabButton(page, uiText.tab_diary).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.getByRole('button', { name: diaryText.cancel, exact: true }).click();
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor();
  assert.equal(await exportButton(page, summaryText.put_back).count(), 1, 'still offered after a part switch');
  await waitForMessage(page, `${fill(summaryText.restore_report, { added: 0, updated: 2, skipped: 1, kept: 0 })} ${fill(summaryText.restore_replaced_here, { n: 2 })}`);
  // The page changes an attribute (a phone number filled in late), which mounts the widget
  // again: the offer still lasts. Before, it was gone with the first mount.
  await page.evaluate(() => {
    const host = document.querySelector('calcinosis-guide');
    window.cgBefore = host.shadowRoot.querySelector('.cg-root');
    host.setAttribute('clinic-phone', '+44 20 7946 0999');
  });
  await page.waitForFunction(() => !window.cgBefore.isConnected
    && document.querySelector('calcinosis-guide').shadowRoot.querySelector('.cg-root .cg-summary'));
  assert.equal(await exportButton(page, summaryText.put_back).count(), 1, 'still offered after a mount');

  await exportButton(page, summaryText.put_back).click();
  await waitForMessage(page, fill(summaryText.put_back_done, { n: 2 }));
  assert.equal(await exportButton(page, summaryText.put_back).count(), 0, 'the offer is gone once done');
  now = JSON.parse(await stored(page, DIARY_KEY)).data.checkins;
  const back = now.find((c) => c.id === laptop.checkins[1].id);
  assert.equal(back.notes, 'typed on the laptop');
  assert.equal(back.pain, laptop.checkins[1].pain);
  assert.notEqual(now.find((c) => c.id === laptop.checkins[2].id).del, true, 'live again');
  await openDiary(page);
  assert.equal(await page.locator('li.cg-entry').count(), 3);
  assert.deepEqual(page.errors, []);
});

test('a note typed while the clock was behind the last backup is still offered back when a restore replaces it', async () => {
  // The patient made a backup; then, the device's clock two hours behind, added a note to a
  // check-in: stamped before that backup, which never held it. A backup from another device
  // with that check-in changed later is restored: the later edit wins, as always, and the note
  // must be offered back. Before, the offer went by the backup's time: the note was not
  // offered, and was gone without a trace.
  const real = Date.now();
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { text } = seedDiary({ checkIns: 3, endMs: real - 86_400_000 });
  const page = await pageWith({ [DIARY_KEY]: text });
  await page.clock.install({ time: real });
  await openSummary(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), exportButton(page, summaryText.backup).click()]);
  const backup = JSON.parse(await fs.readFile(await dl.path(), 'utf8'));
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').data?.backup_held, PREFS_KEY);
  const prefs = JSON.parse(await stored(page, PREFS_KEY)).data;
  assert.equal(prefs.backup_held.at, prefs.last_backup, 'the mark is of the backup just made');
  assert.equal(prefs.backup_held.copies.length, 3 * 8, 'one hash for each live record');

  await page.clock.setSystemTime(real - 2 * 3_600_000);
  await openDiary(page);
  await page.locator('li.cg-entry').first().getByRole('button', { name: new RegExp(`^${diaryText.edit}`) }).click();
  await page.locator('#cg-notes').fill('typed with the clock behind');
  await page.getByRole('button', { name: diaryText.save, exact: true }).click();
  await page.locator('.cg-result h4').waitFor();
  await page.getByRole('button', { name: diaryText.close, exact: true }).click();
  const edited = JSON.parse(await stored(page, DIARY_KEY)).data.checkins[0];
  assert.equal(edited.notes, 'typed with the clock behind');
  assert.ok(Date.parse(edited.upd) < Date.parse(prefs.last_backup), `stamped ${edited.upd}, before the backup (${prefs.last_backup})`);

  // The clock put right; the other device's backup has that check-in changed a minute ago.
  await page.clock.setSystemTime(real);
  const phone = structuredClone(backup);
  const theirs = phone.data.checkins.find((c) => c.id === edited.id);
  theirs.pain = 9;
  theirs.upd = iso(real - 60_000);
  phone.exported = iso(real - 30_000);
  await openSummary(page);
  await page.locator('#cg-restore').setInputFiles({ name: 'phone.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(phone)) });
  await waitForMessage(page, `${fill(summaryText.restore_report, { added: 0, updated: 1, skipped: 2, kept: 0 })} ${summaryText.restore_replaced_here_one}`);
  assert.equal(JSON.parse(await stored(page, DIARY_KEY)).data.checkins.find((c) => c.id === edited.id).pain, 9, 'the later edit wins');
  // The file's copies in the diary now go with the mark (a file holds them): a later restore
  // that replaces them does not offer them back as this device's own.
  const marked = JSON.parse(await stored(page, PREFS_KEY)).data.backup_held;
  assert.equal(marked.copies, prefs.backup_held.copies, 'what the backup held, as it was');
  assert.equal(marked.files.length, 3 * 8, 'the file\'s three check-ins');
  await exportButton(page, summaryText.put_back).click();
  await waitForMessage(page, summaryText.put_back_done_one);
  const back = JSON.parse(await stored(page, DIARY_KEY)).data.checkins.find((c) => c.id === edited.id);
  assert.equal(back.notes, 'typed with the clock behind');
  assert.deepEqual(page.errors, []);
});

test('a restore that does not fit in full storage says it was not restored and that nothing changed', async () => {
  // It said only "That could not be saved." and why: a patient could not tell whether half a
  // backup had gone in over their diary.
  const { text: seed } = seedDiary({ checkIns: 1 });
  const { diary: other } = seedDiary({ checkIns: 40 });
  const page = await app.page();
  await fillStorageOnce(page.context(), { items: { [DIARY_KEY]: seed }, leave: 900 });
  await page.goto(`${app.url}/`);
  await ready(page);
  await openSummary(page);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const backup = { format: 'calcinosis-guide-backup', schema: 1, exported: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), data: other };
  await page.locator('#cg-restore').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  const quota = `${diaryText.reason_quota} ${diaryText.quota_next}`;
  await waitForMessage(page, fill(summaryText.restore_not_saved, { reason: quota }));
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before, 'nothing stored changed');
  assert.equal(await page.locator('.cg-export > .cg-notice').getAttribute('role'), 'alert');
  assert.deepEqual(page.errors, []);
});

test('a backup saved again as Latin-1 is refused, not restored with its accents lost; UTF-16 with a mark is read', async () => {
  // A patient opens the backup in a text editor and saves it as "ANSI": the browser's text
  // reading turned every "ó" into "�" and the restore said it worked. Now nothing changes and
  // the message says why; the same file as UTF-16 with a byte-order mark restores whole.
  const { diary } = seedDiary({ checkIns: 3 });
  diary.checkins[0].notes = 'Dói muito à noite; não durmo.';
  const seeded = JSON.stringify({ schema: 1, data: diary });
  const page = await pageWith({ [DIARY_KEY]: seeded });
  await openSummary(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), exportButton(page, summaryText.backup).click()]);
  const original = await fs.readFile(await dl.path(), 'utf8');
  assert.ok(original.includes('Dói muito'), 'the backup holds the accents as UTF-8');
  await exportButton(page, summaryText.delete_button).click();
  await exportButton(page, summaryText.delete_yes).click();
  await waitForMessage(page, summaryText.delete_done);
  const empty = await page.evaluate(() => JSON.stringify(localStorage));

  await page.locator('#cg-restore').setInputFiles({ name: 'backup-ansi.json', mimeType: 'application/json', buffer: Buffer.from(original, 'latin1') });
  await waitForMessage(page, summaryText.restore_not_text);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), empty, 'nothing changed');

  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]);
  await page.locator('#cg-restore').setInputFiles({ name: 'backup-unicode.json', mimeType: 'application/json', buffer: utf16 });
  await waitForMessage(page, fill(summaryText.restore_report, { added: 3, updated: 0, skipped: 0, kept: 0 }));
  assert.equal(JSON.parse(await stored(page, DIARY_KEY)).data.checkins[0].notes, 'Dói muito à noite; não durmo.');
  assert.deepEqual(page.errors, []);
});

test('the widget\'s own backup of text past a field\'s limit comes back whole after "Delete all"', async () => {
  // Text longer than a field's counter allows is kept whole when stored (an earlier version, or
  // text set by dictation or an extension, which maxlength does not stop). Its backup was
  // refused whole ("longer than the guide allows"): not one of the check-ins came back.
  const { text, diary } = seedDiary({ checkIns: 31 });
  diary.checkins[0].notes = 'n'.repeat(2_050);
  diary.checkins[1].fx_other = 'o'.repeat(301);
  diary.questions = [{ id: 'qlong', text: 'q'.repeat(501), upd: diary.checkins[0].upd }];
  const seeded = JSON.stringify({ schema: 1, data: diary });
  assert.notEqual(seeded, text);
  const page = await pageWith({ [DIARY_KEY]: seeded });
  await openSummary(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), exportButton(page, summaryText.backup).click()]);
  const backupFile = path.join(FILES, 'long-text-backup.json');
  await dl.saveAs(backupFile);
  const before = JSON.parse(await stored(page, DIARY_KEY)).data;

  await exportButton(page, summaryText.delete_button).click();
  await exportButton(page, summaryText.delete_yes).click();
  await waitForMessage(page, summaryText.delete_done);
  await page.locator('#cg-restore').setInputFiles(backupFile);
  await waitForMessage(page, fill(summaryText.restore_report, { added: 31 + 1, updated: 0, skipped: 0, kept: 0 }));
  const after = JSON.parse(await stored(page, DIARY_KEY)).data;
  assert.deepEqual(after, before, 'every check-in and the question, whole');
  assert.equal(after.checkins[0].notes.length, 2_050);
  assert.equal(after.questions[0].text.length, 501);
  assert.deepEqual(page.errors, []);
});

test('the Undo of a question or a medicine just removed lasts through a part switch; "Delete all my data" lets go of every such offer', async () => {
  const medText = JSON.parse(await fs.readFile('content/en/medicines.json', 'utf8'));
  const { diary } = seedDiary({ checkIns: 2 });
  const upd = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  diary.questions = [{ id: 'q1', text: 'Should I stop methotrexate before the operation on my hand?', upd }];
  diary.medicines = [{ id: 'm1', name: 'Methotrexate', how: '15 mg once a week on Mondays', upd }];
  const page = await pageWith({ [DIARY_KEY]: JSON.stringify({ schema: 2, data: diary }) });
  await openSummary(page);
  await page.locator('.cg-questions-list li button').first().click();
  await page.getByRole('button', { name: `${medText.remove}: Methotrexate` }).click();
  await page.getByRole('button', { name: medText.confirm_yes }).click();
  const undo = page.getByRole('button', { name: medText.undo, exact: true });
  await page.waitForFunction(() => cgAll('button').filter((b) => b.textContent.trim() === 'Undo').length === 2);
  await tabButton(page, uiText.tab_diary).click();
  await diaryReady(page);
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor();
  assert.equal(await undo.count(), 2, 'both Undos are still offered');
  // Undo each: both are back, every word.
  await undo.first().click();
  await page.waitForFunction(() => cgAll('button').filter((b) => b.textContent.trim() === 'Undo').length === 1);
  await undo.first().click();
  await page.waitForFunction(() => cgAll('button').filter((b) => b.textContent.trim() === 'Undo').length === 0);
  const data = JSON.parse(await stored(page, DIARY_KEY)).data;
  assert.equal(data.questions.filter((q) => !q.del).length, 1);
  assert.equal(data.medicines.filter((m) => !m.del).length, 1);
  // Removed again; the patient goes to the Diary, and everything is deleted in another tab
  // (heard while the Summary is not on the page): no Undo comes back with the part.
  await page.locator('.cg-questions-list li button').first().click();
  await undo.waitFor();
  await tabButton(page, uiText.tab_diary).click();
  await diaryReady(page);
  const other = await page.context().newPage();
  await other.goto(`${app.url}/content/en.json`);
  await other.evaluate(() => {
    localStorage.setItem('calcinosis-guide.default.deleting', String(Date.now()));
    for (const k of Object.keys(localStorage)) if (k.startsWith('calcinosis-guide.default.')) localStorage.removeItem(k);
  });
  await page.getByText(diaryText.deleted_elsewhere).waitFor();
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor();
  assert.equal(await undo.count(), 0, 'nothing deleted can be put back');
  assert.deepEqual(page.errors, []);
});

test('framed in a sandbox without allow-downloads, "Download a backup file" says it cannot save files and records no backup; with it, the file arrives', async () => {
  // Before: the browser dropped the download without a word, the widget said "Backup saved" and
  // recorded the date, and the reminder went quiet.
  const { text } = seedDiary({ checkIns: 3 });
  for (const sandbox of ['allow-scripts allow-same-origin', 'allow-scripts allow-same-origin allow-downloads']) {
    const page = await pageWith({ [DIARY_KEY]: text });
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic page</title></head><body>
      <iframe id="f" title="Calcinosis Guide" sandbox="${sandbox}" style="width:100%;height:1400px;border:0" src="${app.url}/embed.html?lang=en&open=summary"></iframe></body></html>`;
    await page.route(`${app.url}/cms.html`, (r) => r.fulfill({ contentType: 'text/html', body }));
    const downloads = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.goto(`${app.url}/cms.html`);
    const frame = page.frameLocator('#f');
    await frame.locator('.cg-export').getByRole('button', { name: summaryText.backup, exact: true }).click();
    const inner = page.frames().find((x) => x.url().includes('embed.html'));
    if (sandbox.includes('allow-downloads')) {
      await frame.locator('.cg-export > .cg-notice').filter({ hasText: 'calcinosis-diary-backup-' }).waitFor();
      for (let i = 0; i < 50 && downloads.length === 0; i++) await page.waitForTimeout(100);
      assert.equal(downloads.length, 1, 'the file arrived');
      await inner.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.data?.last_backup, PREFS_KEY);
    } else {
      await frame.locator('.cg-export > .cg-notice').filter({ hasText: summaryText.download_sandboxed }).waitFor();
      assert.equal(await inner.evaluate((k) => localStorage.getItem(k), PREFS_KEY), null, 'no backup recorded');
      assert.deepEqual(downloads, []);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('framed in a sandbox without allow-modals, "Print or save as PDF" says the page does not let it print; with it, the print dialog opens', async () => {
  // Found by an audit: the browser ignored print() without a word ("Ignored call to 'print()'"),
  // and the patient pressed a button that did nothing.
  const { text } = seedDiary({ checkIns: 3 });
  for (const sandbox of ['allow-scripts allow-same-origin', 'allow-scripts allow-same-origin allow-modals']) {
    const page = await pageWith({ [DIARY_KEY]: text });
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic page</title></head><body>
      <iframe id="f" title="Calcinosis Guide" sandbox="${sandbox}" style="width:100%;height:1400px;border:0" src="${app.url}/embed.html?lang=en&open=summary"></iframe></body></html>`;
    await page.route(`${app.url}/cms.html`, (r) => r.fulfill({ contentType: 'text/html', body }));
    await page.goto(`${app.url}/cms.html`);
    const frame = page.frameLocator('#f');
    const print = frame.getByRole('button', { name: summaryText.print, exact: true });
    await print.waitFor();
    const inner = page.frames().find((x) => x.url().includes('embed.html'));
    await inner.evaluate(() => { window.cgPrinted = 0; window.print = () => { window.cgPrinted += 1; }; });
    await print.click();
    const said = frame.locator('#cg-print-refused');
    if (sandbox.includes('allow-modals')) {
      await inner.waitForFunction(() => window.cgPrinted === 1);
      assert.equal(await said.count(), 0);
    } else {
      await said.waitFor();
      assert.equal(await said.textContent(), summaryText.print_sandboxed);
      assert.equal(await said.getAttribute('role'), 'alert');
      assert.equal(await print.getAttribute('aria-describedby'), 'cg-print-refused');
      assert.equal(await inner.evaluate(() => window.cgPrinted), 0, 'not tried');
      assert.equal(await inner.evaluate(() => document.documentElement.classList.contains('cg-printing')), false, 'nothing left marked for printing');
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('an Undo said to last until the page is left goes when the page takes the widget away: a "Delete all" made meanwhile in another tab cannot be undone through it', async () => {
  // Found by review: the offers kept across a remount were kept across a removal too, and a
  // single-page app putting the element back brought back the Undo of a question deleted since.
  const { diary } = seedDiary({ checkIns: 1 });
  const upd = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  diary.questions = [{ id: 'q1', text: 'SECRET QUESTION TEXT', upd }];
  const page = await pageWith({ [DIARY_KEY]: JSON.stringify({ schema: 2, data: diary }) });
  await openSummary(page);
  await page.locator('.cg-questions-list li button').first().click();
  const medText = JSON.parse(await fs.readFile('content/en/medicines.json', 'utf8'));
  const undo = page.getByRole('button', { name: medText.undo, exact: true });
  await undo.waitFor();
  // The app takes the element off the page (a route change), keeping it to put back.
  await page.evaluate(() => {
    window.cgKept = document.querySelector('calcinosis-guide');
    window.cgParent = window.cgKept.parentNode;
    window.cgKept.remove();
  });
  await page.waitForFunction(() => !window.cgKept.shadowRoot.querySelector('.cg-root'));
  const other = await page.context().newPage();
  await other.goto(`${app.url}/content/en.json`);
  await other.evaluate(() => {
    localStorage.setItem('calcinosis-guide.default.deleting', String(Date.now()));
    for (const k of Object.keys(localStorage)) if (k.startsWith('calcinosis-guide.default.')) localStorage.removeItem(k);
  });
  await page.evaluate(() => { window.cgParent.append(window.cgKept); window.cgKept.scrollIntoView(); });
  await page.locator('calcinosis-guide .cg-title').waitFor();
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await undo.count(), 0, 'no Undo of what was deleted');
  assert.equal(await stored(page, DIARY_KEY), null, 'nothing written back');
  assert.deepEqual(page.errors, []);
});
