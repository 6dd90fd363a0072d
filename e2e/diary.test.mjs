// The symptom diary end to end: keyboard-only check-ins, triage results, history with edit,
// delete and undo, red flags, validation, hostile text, two tabs, and storage that is corrupt,
// full or blocked. Runs against the built dist/ like walkthrough.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { focusIs, start, openHost, ready, axe, screenshot, seedDiary, DIARY_KEY, diaryReady, seedOnce, fillStorageOnce, lateEvening, shortDay, blockStorage, misaligned } from './helpers.mjs';

const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
/** What full storage is said to be, with what to do next. */
const QUOTA = `${diaryText.reason_quota} ${diaryText.quota_next}`;
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const triageText = JSON.parse(await fs.readFile('content/en/triage.json', 'utf8'));
const LEVEL = Object.fromEntries(Object.entries(triageText.levels).map(([k, v]) => [k, v.title]));
const UNREADABLE_KEY = `${DIARY_KEY}.unreadable-1`;

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

// ---------------------------------------------------------------------------------------------
// Keyboard helpers. They only press keys; they read the page to know when to stop.

/** What has focus: tag, id, name, type, checked, text, and which `li.cg-entry` it is in (-1: none). */
function focusInfo() {
  const e = cgActive();
  if (!e || e === document.body) return { tag: 'BODY' };
  const entry = e.closest('li.cg-entry');
  return {
    tag: e.tagName,
    id: e.id,
    name: e.getAttribute('name') ?? '',
    type: e.getAttribute('type') ?? '',
    checked: Boolean(e.checked),
    text: (e.textContent ?? '').trim(),
    entry: entry ? [...cgAll('li.cg-entry')].indexOf(entry) : -1,
  };
}

/** Presses Tab (or Shift+Tab) until `want(focusInfo)` holds; fails after `max` presses. */
async function tabUntil(page, want, { back = false, max = 120, what = 'the element' } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await page.evaluate(focusInfo);
    if (want(f)) return f;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${what} after ${max} presses`);
}

const tabToId = (page, id, opts = {}) => tabUntil(page, (f) => f.id === id, { what: `#${id}`, ...opts });
const tabToButton = (page, text, opts = {}) =>
  tabUntil(page, (f) => f.tag === 'BUTTON' && f.text.replace(/^\+\s*/, '') === text, { what: `button "${text}"`, ...opts });

/** Ids of a radio group's options in order, and which is checked. */
async function radios(page, name) {
  return page.evaluate((n) => {
    const all = [...cgAll(`input[type=radio][name="${n}"]`)];
    return { ids: all.map((r) => r.id), checked: all.findIndex((r) => r.checked) };
  }, name);
}

/**
 * Chooses `targetId` in the radio group `name` with the keyboard: Tab into the group (from
 * before it, or Shift+Tab from after it), Space if nothing is chosen yet, then arrow keys.
 */
async function chooseRadio(page, name, targetId, { back = false } = {}) {
  await tabUntil(page, (f) => f.name === name, { back, what: `radio group ${name}` });
  let { ids, checked } = await radios(page, name);
  const target = ids.indexOf(targetId);
  assert.ok(target >= 0, `${targetId} is in group ${name}`);
  if (checked < 0) {
    await page.keyboard.press('Space');
    ({ checked } = await radios(page, name));
  }
  for (let i = 0; i < ids.length * 2 && checked !== target; i++) {
    await page.keyboard.press(checked < target ? 'ArrowRight' : 'ArrowLeft');
    ({ checked } = await radios(page, name));
  }
  assert.equal(ids[checked], targetId, `keyboard chose ${targetId}`);
}

/** A 0-10 scale (`cg-pain`, `cg-daily`, `cg-lesion-N-pain`). */
const choosePain = (page, name, value, opts) => chooseRadio(page, name, `${name}-${value}`, opts);

/** Ticks a checkbox with Tab + Space. */
async function tick(page, id, opts) {
  await tabToId(page, id, opts);
  await page.keyboard.press('Space');
  assert.equal(await page.locator(`#${id}`).isChecked(), true, `#${id} is ticked`);
}

/** Chooses a body site in a lesion's `<select>` by typing its label (the select's type-ahead). */
async function chooseSite(page, lesionKey, label, value, opts) {
  const id = `cg-lesion-${lesionKey}-site`;
  await tabToId(page, id, opts);
  await page.keyboard.type(label);
  await page.waitForFunction(([i, v]) => cgOne(`#${i}`)?.value === v, [id, value]);
}

/** Opens "My diary" with the keyboard, from a freshly loaded page. */
async function openDiaryByKeyboard(page) {
  await tabToButton(page, uiText.tab_diary);
  await page.keyboard.press('Enter');
  await diaryReady(page);
}

async function newCheckInByKeyboard(page) {
  await tabToButton(page, diaryText.new_check_in);
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
}

/** Presses Save with the keyboard and waits for the triage result; returns its heading. */
async function saveByKeyboard(page) {
  await tabToButton(page, diaryText.save);
  await page.keyboard.press('Enter');
  await page.locator('.cg-result h4').waitFor();
  return (await page.locator('.cg-result h4').textContent()).trim();
}

// ---------------------------------------------------------------------------------------------
// Page helpers.

/** A page whose diary already holds `text` (set before the widget's script runs, once). */
async function pageWithDiary(text, opts) {
  const page = await app.page(opts);
  await seedOnce(page.context(), DIARY_KEY, text);
  return page;
}

async function openDiary(page) {
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
}

/**
 * The history's entries, newest first, each as [overall pain, "Lumps or sores: n" when any,
 * "Open sores: n" when any], read from what the entry shows: its pain chip, one line per lump and
 * the lumps whose chips include "Open sore" (history.test.mjs checks the entries in full).
 */
async function historyChips(page) {
  return page.locator('li.cg-entry').evaluateAll((lis, t) => lis.map((li) => {
    const lesions = [...li.querySelectorAll('.cg-entry-lesion')];
    const open = lesions.filter((l) => [...l.querySelectorAll('.cg-chip')].some((c) => c.textContent.trim() === t.signs['open-sore'])).length;
    return [
      li.querySelector('.cg-entry-facts .cg-chip').textContent.trim(),
      ...(lesions.length ? [t.lesions_short.replace('{n}', lesions.length)] : []),
      ...(open ? [t.open_short.replace('{n}', open)] : []),
    ];
  }), diaryText);
}

const painChip = (n) => diaryText.pain_short.replace('{n}', n);
const lesionsChip = (n) => diaryText.lesions_short.replace('{n}', n);
const openChip = (n) => diaryText.open_short.replace('{n}', n);

async function storedDiary(page) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
  return raw === null ? null : JSON.parse(raw);
}

/** Buttons in the widget smaller than 44x44 CSS px (hidden ones are skipped). */
async function smallButtons(page) {
  return page.evaluate(() => [...cgAll('.cg button, .cg summary, .cg a.cg-button')]
    .map((b) => ({ t: b.textContent.trim().slice(0, 40), r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
    .map(({ t, r }) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`));
}

// ---------------------------------------------------------------------------------------------

test('keyboard only: three check-ins, triage after each, history survives reload, edit, delete and undo', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  await openDiaryByKeyboard(page);
  assert.ok(await page.getByText(diaryText.no_entries).isVisible(), 'an empty diary says so');

  // 1: a lesion on the right index finger, pain 6, about a pea, open sore + chalky discharge;
  // overall pain 5.
  await newCheckInByKeyboard(page);
  await choosePain(page, 'cg-pain', 5);
  await tabToButton(page, diaryText.add_lesion);
  await page.keyboard.press('Enter');
  await page.locator('#cg-lesion-1-site').waitFor();
  await chooseSite(page, 1, 'Right index', 'right-index-finger', { back: true });
  await choosePain(page, 'cg-lesion-1-pain', 6);
  await chooseRadio(page, 'cg-lesion-1-size', 'cg-lesion-1-size-Pea');
  await tick(page, 'cg-lesion-1-signs-open-sore');
  await tick(page, 'cg-lesion-1-signs-chalky-discharge');
  // A new open sore on a finger: get advice today (FACTS.md); the rest, under the next-visit title.
  assert.equal(await saveByKeyboard(page), LEVEL['call-today'], 'a new finger sore is a same-day call');
  const why1 = await page.locator('.cg-result-reasons li').allTextContents();
  assert.deepEqual(why1, [triageText.reasons['new-finger-sore']]);
  assert.equal(await page.locator('.cg-result-more h5').allTextContents().then((h) => h.join('|')), LEVEL['next-visit']);
  const more1 = await page.locator('.cg-result-more li').allTextContents();
  for (const r of ['open-sore', 'chalky-discharge', 'pain']) {
    assert.ok(more1.includes(triageText.reasons[r]), `reason "${r}" is listed: ${JSON.stringify(more1)}`);
  }
  await focusIs(page, 'tag', 'H4', 'focus moves to the result heading');

  // 2: the same lumps as last time, plus one on the left forearm; overall pain 3.
  await newCheckInByKeyboard(page);
  await choosePain(page, 'cg-pain', 3);
  await tabToButton(page, diaryText.same_as_last);
  await page.keyboard.press('Enter');
  await page.locator('#cg-lesion-1-site').waitFor();
  assert.equal(await page.locator('#cg-lesion-1-site').inputValue(), 'right-index-finger');
  assert.equal(await page.locator('#cg-lesion-1-size-Pea').isChecked(), true, 'the last size is carried over');
  await tabToButton(page, diaryText.add_lesion);
  await page.keyboard.press('Enter');
  await page.locator('#cg-lesion-2-site').waitFor();
  await chooseSite(page, 2, 'Left forearm', 'left-forearm', { back: true });
  assert.equal(await saveByKeyboard(page), LEVEL['next-visit'], 'pain alone is for the next appointment');

  // 3: overall pain 2 and a note.
  const note = 'Warm water helped. Left hand stiff in the morning.';
  await newCheckInByKeyboard(page);
  await choosePain(page, 'cg-pain', 2);
  await tabToId(page, 'cg-notes');
  await page.keyboard.type(note);
  assert.equal(await saveByKeyboard(page), LEVEL['next-visit']);

  // Reload: all three are there, newest first.
  await page.reload();
  await ready(page);
  await openDiaryByKeyboard(page);
  assert.deepEqual(await historyChips(page), [
    [painChip(2)],
    [painChip(3), lesionsChip(2)],
    [painChip(5), lesionsChip(1), openChip(1)],
  ]);
  const stored = await storedDiary(page);
  assert.equal(stored.schema, 2);
  assert.equal(stored.data.checkins.length, 3);
  assert.deepEqual(stored.data.lesions.map((l) => l.site).sort(), ['left-forearm', 'right-index-finger']);
  assert.equal(stored.data.checkins[0].notes, note);
  const first = stored.data.checkins[2];
  assert.deepEqual(first.obs, [{ l: first.obs[0].l, pain: 6, size: 'pea', signs: ['open-sore', 'chalky-discharge'] }]);

  // Edit the oldest: overall pain 5 -> 7.
  await tabUntil(page, (f) => f.tag === 'BUTTON' && f.text === diaryText.edit && f.entry === 2, { what: 'Edit on the oldest' });
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
  assert.equal((await page.locator('form.cg-form h4').textContent()).trim(), diaryText.edit_check_in);
  assert.equal(await page.locator('#cg-pain-5').isChecked(), true, 'the form shows the stored pain');
  await choosePain(page, 'cg-pain', 7);
  assert.equal(await saveByKeyboard(page), LEVEL['call-today'], 'still the first check-in with that finger sore');
  await page.reload();
  await ready(page);
  await openDiaryByKeyboard(page);
  assert.deepEqual(await historyChips(page), [
    [painChip(2)],
    [painChip(3), lesionsChip(2)],
    [painChip(7), lesionsChip(1), openChip(1)],
  ], 'the edit is kept, and it kept its lesion');

  // Delete the middle one (confirm), then undo.
  await tabUntil(page, (f) => f.tag === 'BUTTON' && f.text === diaryText.delete && f.entry === 1, { what: 'Delete on the middle entry' });
  await page.keyboard.press('Enter');
  // The question's buttons are new ones, not "Delete" restyled: nothing fades in.
  const fading = await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return cgAll('.cg-confirm button').flatMap((b) => b.getAnimations()).length;
  });
  assert.equal(fading, 0, 'the question\'s buttons do not fade in');
  await tabToButton(page, diaryText.confirm_yes);
  await page.keyboard.press('Enter');
  await page.getByText(diaryText.deleted).waitFor();
  assert.deepEqual(await historyChips(page), [[painChip(2)], [painChip(7), lesionsChip(1), openChip(1)]], 'deleted');
  await tabToButton(page, diaryText.undo, { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('li.cg-entry').length === 3);
  const restored = [[painChip(2)], [painChip(3), lesionsChip(2)], [painChip(7), lesionsChip(1), openChip(1)]];
  assert.deepEqual(await historyChips(page), restored, 'undo brings it back');
  await page.reload();
  await ready(page);
  await openDiaryByKeyboard(page);
  assert.deepEqual(await historyChips(page), restored, 'still back after a reload');
  assert.deepEqual(page.errors, []);
});

test('red flag: chest pain routes to the emergency level with its reason, and never says "stop taking"', async () => {
  const page = await app.page();
  await openDiary(page);
  await newCheckInByKeyboard(page);
  await choosePain(page, 'cg-pain', 1);
  await tick(page, 'cg-warn-chest-pain');
  assert.equal(await saveByKeyboard(page), LEVEL.emergency);
  const result = page.locator('.cg-result');
  assert.ok(await result.evaluate((e) => e.classList.contains('cg-flag-emergency')), 'styled as an emergency');
  const reasons = await result.locator('.cg-result-reasons li').allTextContents();
  assert.equal(reasons[0], triageText.reasons['chest-pain'], 'the chest pain reason comes first');
  const advice = await result.innerText();
  // The demo page is a UK clinic's and sets emergency-number="999" (words take its place when
  // none is set: triage.test.mjs).
  assert.ok(advice.includes(triageText.levels.emergency.advice.replace('{emergency}', '999')),
    'the emergency advice names the number the page set');
  assert.ok(await result.locator('a[href="tel:999"]').count() > 0, 'as a link to call it');
  assert.doesNotMatch(advice, /stop taking/i, 'the result never says "stop taking"');
  assert.doesNotMatch(await page.locator('.cg').innerText(), /stop taking/i, 'nor does anything else on screen');
  assert.deepEqual(page.errors, []);
});

test('red flag: pain scored 8 of 10 with no box ticked is a same-day call, as the guide says for very bad pain', async () => {
  const page = await app.page();
  await openDiary(page);
  await newCheckInByKeyboard(page);
  await choosePain(page, 'cg-pain', 8);
  assert.equal(await saveByKeyboard(page), LEVEL['call-today']);
  const result = page.locator('.cg-result');
  assert.ok(await result.evaluate((e) => e.classList.contains('cg-flag-call-today')), 'styled as a same-day call');
  const reasons = await result.locator('.cg-result-reasons li').allTextContents();
  assert.equal(reasons[0], triageText.reasons['severe-pain'], 'the very bad pain reason comes first');
  assert.equal(reasons.filter((r) => r === triageText.reasons['severe-pain']).length, 1, 'listed once');
  assert.deepEqual(page.errors, []);
});

test('validation: missing pain, a lesion with no site, a future date and a year typed short are refused next to the field; typed text stays', async () => {
  const page = await app.page();
  await openDiary(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  const note = 'Typed before the mistake: keep me.';
  await page.locator('#cg-notes').click();
  await page.keyboard.type(note);

  // No overall pain.
  await page.getByRole('button', { name: diaryText.save }).click();
  const painError = page.locator('fieldset.cg-scale:has(input[name="cg-pain"]) .cg-error');
  await painError.waitFor();
  assert.equal((await painError.textContent()).trim(), diaryText.err_pain);
  assert.equal(await page.locator('fieldset:has(#cg-pain-error)').getAttribute('aria-describedby'), 'cg-pain-hint cg-pain-error',
    'the error is tied to the scale');
  assert.equal((await page.locator('.cg-error-summary').textContent()).trim(), diaryText.saving_fixes);
  assert.deepEqual(await page.locator('.cg-problems button').allTextContents(), [`${diaryText.pain_legend}: ${diaryText.err_pain}`]);
  await page.locator('.cg-problems button').click();
  await page.waitForFunction(() => cgActive()?.id === 'cg-pain-0', null, { timeout: 5000 });
  assert.equal(await page.locator('#cg-pain-0').getAttribute('aria-invalid'), 'true', 'the choice focused says it is not answered, as the site list does');
  // And what is wrong, on the choice itself (found by review: only the group carried it).
  assert.equal(await page.locator('#cg-pain-0').getAttribute('aria-describedby'), 'cg-pain-error');
  assert.equal(await page.locator('#cg-notes').inputValue(), note, 'the note is still in the textarea');
  assert.equal(await storedDiary(page), null, 'nothing was stored');

  // A lesion with no site.
  await page.locator('#cg-pain-4').check();
  await page.getByRole('button', { name: `+ ${diaryText.add_lesion}` }).click();
  await page.locator('#cg-lesion-1-pain-3').check();
  await page.getByRole('button', { name: diaryText.save }).click();
  const siteError = page.locator('#cg-lesion-1-site-error');
  await siteError.waitFor();
  assert.equal((await siteError.textContent()).trim(), diaryText.err_no_site);
  assert.equal(await page.locator('#cg-lesion-1-site').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#cg-lesion-1-site').getAttribute('aria-describedby'), 'cg-lesion-1-site-error');
  assert.equal(await page.locator('#cg-pain-error').count(), 0, 'the fixed pain error is gone');
  assert.equal(await page.locator('#cg-notes').inputValue(), note);
  assert.equal(await page.locator('#cg-lesion-1-pain-3').isChecked(), true, 'the lesion pain is kept');
  assert.equal(await storedDiary(page), null);
  // Above the form, each problem names its question and is a button that goes there: with large
  // text on a phone the lump's "Where is it?" is screens below the message.
  const lump1 = diaryText.lesion_number.replace('{n}', '1');
  assert.equal((await page.locator('#cg-lesion-1-title').textContent()).trim(), lump1, 'the new lump is "Lump or sore 1"');
  assert.deepEqual(await page.locator('.cg-problems button').allTextContents(), [`${lump1}: ${diaryText.err_no_site}`]);
  await page.locator('.cg-problems button').click();
  await page.waitForFunction(() => cgActive()?.id === 'cg-lesion-1-site');

  // A future date: a year ahead, set with the keyboard in the date field's year part.
  await page.locator('#cg-lesion-1-site').selectOption('right-thumb');
  const today = await page.locator('#cg-date').inputValue();
  await page.locator('#cg-date').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  const future = await page.locator('#cg-date').inputValue();
  assert.equal(Number(future.slice(0, 4)), Number(today.slice(0, 4)) + 1, `date moved a year ahead (${today} -> ${future})`);
  await page.getByRole('button', { name: diaryText.save }).click();
  const whenError = page.locator('#cg-when-error');
  await whenError.waitFor();
  assert.equal((await whenError.textContent()).trim(), diaryText.err_future);
  assert.equal(await page.locator('#cg-date').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#cg-lesion-1-site-error').count(), 0);
  assert.equal(await page.locator('#cg-notes').inputValue(), note);
  assert.equal(await storedDiary(page), null, 'a future check-in is not stored');

  // A year typed short: "26" in the year part is the year 0026 to the date field.
  await page.locator('#cg-date').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('26');
  assert.equal((await page.locator('#cg-date').inputValue()).slice(0, 4), '0026');
  assert.equal(await page.locator('#cg-date').getAttribute('min'), '2000-01-01');
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.waitForFunction((t) => cgOne('#cg-when-error')?.textContent.trim() === t,
    diaryText.err_too_early.replace('{earliest}', '2000'));
  assert.equal(await page.locator('#cg-date').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#cg-notes').inputValue(), note);
  assert.equal(await storedDiary(page), null, 'a check-in dated 0026 is not stored');
  // The year typed in full again (a year ahead, as before).
  await page.locator('#cg-date').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(future.slice(0, 4));
  assert.equal(await page.locator('#cg-date').inputValue(), future);

  // Back to today: it saves.
  await page.locator('#cg-date').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#cg-date').inputValue(), today);
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();
  const stored = await storedDiary(page);
  assert.equal(stored.data.checkins.length, 1);
  assert.equal(stored.data.checkins[0].notes, note);
  assert.deepEqual(page.errors, []);
});

test('hostile and huge text: HTML in a note or a name stays text, a 100,000-character note stops whole at the 2,000 limit', async () => {
  const page = await app.page();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await openDiary(page);
  const html = '<img src=x onerror=alert(1)><script>alert(2)</script>';

  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-2').check();
  await page.getByRole('button', { name: `+ ${diaryText.add_lesion}` }).click();
  await page.locator('#cg-lesion-1-site').selectOption('left-thumb');
  await page.locator('#cg-lesion-1-name').click();
  await page.keyboard.type(html);
  await page.locator('#cg-notes').click();
  await page.keyboard.type(html);
  assert.equal((await page.locator('.cg-lesion-title').textContent()).trim(), `1. ${html} (Left thumb)`, 'the name is shown as text');
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();

  // A 100,000-character note (JS length): quotes, backslashes, markup, accents, an emoji and
  // line breaks. The field takes its first 2,000 (its limit); what it took is saved exactly.
  // (100,000-character texts already stored stay whole: see kept-limits.test.mjs.)
  const unit = `${'Chalk "and" \\ <b>pain</b> & more; élan ✓ 痛み. '.repeat(20)}🦴\n`;
  const huge = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
  assert.equal(huge.length, 100_000);
  assert.ok(huge.isWellFormed(), "no emoji is cut in half");
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-1').check();
  await page.locator('#cg-notes').fill(huge);
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();

  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  assert.equal(await page.locator('li.cg-entry').count(), 2);
  assert.equal(await page.locator('.cg img, .cg script').count(), 0, 'no element was made from the text');

  // Newest first: the huge note, then the HTML one. Read both back from the edit form.
  await page.locator('li.cg-entry').nth(0).getByRole('button', { name: /^Edit/ }).click();
  const back = await page.locator('#cg-notes').inputValue();
  assert.ok(back.length > 1990 && back.length <= 2000, `the note stopped at the limit (${back.length})`);
  assert.ok(huge.startsWith(back) && back.isWellFormed(), 'what was taken is unchanged, no emoji cut in half');
  await page.getByRole('button', { name: diaryText.cancel }).click();
  await page.locator('li.cg-entry').nth(1).getByRole('button', { name: /^Edit/ }).click();
  assert.equal(await page.locator('#cg-notes').inputValue(), html);
  assert.equal(await page.locator('#cg-lesion-1-name').inputValue(), html);
  assert.equal((await page.locator('.cg-lesion-title').textContent()).trim(), `1. ${html} (Left thumb)`);
  assert.equal(await page.locator('.cg img, .cg script').count(), 0);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no script ran');
  assert.deepEqual(page.errors, []);
});

test('two tabs in one browser: check-ins from both are kept, and each tab sees the other without a reload', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const open = async () => {
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`${app.url}/`);
    await ready(p);
    await p.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
    await diaryReady(p);
    return p;
  };
  const a = await open();
  const b = await open();
  // B starts a check-in before A saves, so B's form was opened on the old (empty) diary.
  await b.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await b.locator('#cg-pain-6').check();
  await b.locator('#cg-notes').click();
  await b.keyboard.type('from tab B');

  await a.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await a.locator('#cg-pain-4').check();
  await a.locator('#cg-notes').click();
  await a.keyboard.type('from tab A');
  await a.getByRole('button', { name: diaryText.save }).click();
  await a.locator('.cg-result').waitFor();

  await b.bringToFront();
  await b.getByRole('button', { name: diaryText.save }).click();
  await b.locator('.cg-result').waitFor();
  const stored = await storedDiary(b);
  assert.deepEqual(stored.data.checkins.map((c) => c.notes).sort(), ['from tab A', 'from tab B'], 'both are stored');
  assert.equal(await b.locator('li.cg-entry').count(), 2, 'B shows both after its save');

  // A learns about B's check-in from the storage event, without a reload.
  await a.bringToFront();
  await a.waitForFunction(() => cgAll('li.cg-entry').length === 2, null, { timeout: 10000 });
  assert.ok(await a.getByText(diaryText.other_tab).isVisible(), 'A says the diary changed in another tab');
  const chips = [[painChip(6)], [painChip(4)]].sort();
  assert.deepEqual((await historyChips(a)).sort(), chips);

  for (const p of [a, b]) {
    await p.reload();
    await ready(p);
    await p.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
    await diaryReady(p);
    assert.deepEqual((await historyChips(p)).sort(), chips, 'both check-ins after a reload');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt storage: the garbage is kept byte for byte, can be downloaded, and the diary still works', async () => {
  // Looks like the start of a diary, then breaks; non-ASCII, quotes, a NUL and CRLF included.
  const garbage = '{"schema":1,"data":{"checkins":[{"id":"c1","notes":"ünïcødé ✓ 🦴 \\"q\\" \u0000 tab\there\r\nnext line';
  const page = await app.page();
  await seedOnce(page.context(), DIARY_KEY, garbage);
  await openDiary(page);
  const notice = page.locator('.cg-unreadable');
  await notice.waitFor();
  assert.ok((await notice.innerText()).includes(diaryText.unreadable), 'the notice says the data could not be read');
  assert.equal(await page.getByText(diaryText.no_entries).count(), 1, 'the diary opens empty');
  const kept = await page.evaluate(([k, u]) => ({ main: localStorage.getItem(k), aside: localStorage.getItem(u) }), [DIARY_KEY, UNREADABLE_KEY]);
  assert.equal(kept.aside, garbage, 'kept byte for byte under .unreadable-1');
  assert.equal(kept.main, null, 'the diary key is free for new data');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: diaryText.download_raw }).click(),
  ]);
  const saved = await fs.readFile(await download.path(), 'utf8');
  assert.equal(saved, garbage, 'the download is the garbage, unchanged');
  assert.match(download.suggestedFilename(), /unreadable-1\.txt$/);

  // A new check-in saves next to the kept copy, and a reload neither loses nor moves anything.
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-3').check();
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();
  assert.equal((await storedDiary(page)).data.checkins.length, 1);
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  assert.equal(await page.locator('li.cg-entry').count(), 1, 'the new check-in is there after a reload');
  assert.equal(await page.locator('.cg-unreadable').count(), 1, 'the notice stays until the copy is deleted');
  const keys = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(k)).sort(), DIARY_KEY);
  assert.deepEqual(keys, [DIARY_KEY, UNREADABLE_KEY], 'no second copy was set aside');
  assert.equal(await page.evaluate((u) => localStorage.getItem(u), UNREADABLE_KEY), garbage);
  assert.deepEqual(page.errors, []);
});

test('full storage: saving fails visibly, the form keeps what was typed, the stored diary is unchanged', async () => {
  const { text: seed } = seedDiary({ checkIns: 1, lesions: 1 });
  const page = await app.page();
  // Full to the last character, then a little freed: enough for the widget's one-character
  // probe, the form kept as a draft and a short check-in, not for a long note.
  await fillStorageOnce(page.context(), { items: { [DIARY_KEY]: seed }, leave: 900 });
  await openDiary(page);
  assert.equal(await page.locator('li.cg-entry').count(), 1);
  assert.equal(await page.getByText(diaryText.blocked).count(), 0, 'a full store is not reported as blocked');
  const before = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
  assert.equal(before, seed);

  // Longer than the 900 characters left free, within the notes' 2,000-character limit.
  const note = `Long note. ${'The lump on my finger was sore all day. '.repeat(45)}`;
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-3').check();
  await page.locator('#cg-notes').click();
  await page.keyboard.insertText(note);
  await page.getByRole('button', { name: diaryText.save }).click();
  const failed = page.locator('.cg-form .cg-notice-error');
  await failed.waitFor();
  assert.ok(await failed.isVisible());
  assert.equal((await failed.textContent()).trim(), `${diaryText.save_failed} ${QUOTA}`);
  assert.equal(await failed.getAttribute('role'), 'alert');
  assert.equal(await page.locator('#cg-notes').inputValue(), note, 'the note is still in the form');
  assert.equal(await page.locator('#cg-pain-3').isChecked(), true, 'and so is the pain');
  // No "saved" result: the result shown says it was not saved, and has no Close.
  assert.equal((await page.locator('.cg-form .cg-result .cg-result-saved').textContent()).trim(), diaryText.result_not_saved);
  assert.equal(await page.getByText(diaryText.saved, { exact: true }).count(), 0, 'never "Check-in saved."');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY), before, 'the stored diary is unchanged');

  // Without the long note it fits: the patient can still save.
  await page.locator('#cg-notes').fill('');
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result').waitFor();
  assert.equal((await storedDiary(page)).data.checkins.length, 2);
  assert.equal(await page.locator('li.cg-entry').count(), 2);
  assert.deepEqual(page.errors, []);
});

test('blocked storage: the widget still works and says nothing will be kept', async () => {
  const page = await app.page();
  await blockStorage(page.context());
  await page.goto(`${app.url}/`);
  await ready(page);
  const ui = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
  assert.ok(await page.getByText(ui.storage_blocked).isVisible(), 'the Learn view warns that nothing will be kept');
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  const warning = page.getByText(diaryText.blocked);
  assert.ok(await warning.isVisible(), 'the diary warns that nothing will be kept');
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-5').check();
  await page.locator('#cg-warn-chest-pain').check();
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-result h4').waitFor();
  assert.equal((await page.locator('.cg-result h4').textContent()).trim(), LEVEL.emergency, 'triage works without storage');
  // Not "Check-in saved.": it is on this page only (found by an audit of consent scripts).
  assert.equal((await page.locator('.cg-result .cg-result-saved').textContent()).trim(), diaryText.result_not_saved);
  assert.deepEqual(await historyChips(page), [[painChip(5)]], 'the check-in is shown for this visit');
  assert.ok(await warning.isVisible(), 'the warning stays');
  assert.deepEqual(page.errors, []);
});

test('zero axe violations (WCAG 2.2 AA), targets at least 44 px, no sideways scroll, screenshots: every diary state at 375 and 1280 px', async () => {
  for (const width of [375, 1280]) {
    const check = async (page, state) => {
      assert.deepEqual(await axe(page), [], `axe at ${width}px: ${state}`);
      assert.deepEqual(await smallButtons(page), [], `${width}px ${state}: targets under 44 px`);
      assert.deepEqual(await page.evaluate(misaligned), [], `${width}px ${state}: buttons side by side out of line`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px ${state}: page scrolls sideways by ${overflow}px`);
      await screenshot(page, `diary-${state}-${width}`);
    };

    // The empty diary.
    const page = await app.page({ width, height: 800 });
    await openDiary(page);
    await check(page, 'empty');

    // The form with a lesion added and errors shown (no overall pain, no site).
    await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await page.getByRole('button', { name: `+ ${diaryText.add_lesion}` }).click();
    await page.locator('#cg-lesion-1-size-Measured').check();
    await page.getByRole('button', { name: diaryText.save }).click();
    await page.locator('#cg-lesion-1-site-error').waitFor();
    assert.equal(await page.locator('#cg-pain-error').count(), 1);
    await check(page, 'form-errors');

    // The triage result (call today: pus, with an open sore).
    await page.locator('#cg-pain-6').check();
    await page.locator('#cg-lesion-1-site').selectOption('right-middle-finger');
    await page.locator('#cg-lesion-1-size-Pea').check();
    await page.locator('#cg-lesion-1-signs-open-sore').check();
    await page.locator('#cg-lesion-1-signs-pus-cloudy').check();
    await page.getByRole('button', { name: diaryText.save }).click();
    await page.locator('.cg-result').waitFor();
    assert.equal((await page.locator('.cg-result h4').textContent()).trim(), LEVEL['call-today']);
    await check(page, 'result');

    // The history with entries (a seeded year, so "Show more" is there too), a delete being
    // confirmed, and the trend table opened on "All".
    const { text } = seedDiary({ checkIns: 45, lesions: 2 });
    const full = await pageWithDiary(text, { width, height: 800 });
    await openDiary(full);
    assert.equal(await full.locator('li.cg-entry').count(), 20);
    assert.equal(await full.getByRole('button', { name: diaryText.show_more }).count(), 1);
    await check(full, 'history');
    await full.locator('li.cg-entry').nth(1).getByRole('button', { name: /^Delete/ }).click();
    await full.getByRole('button', { name: diaryText.confirm_yes }).waitFor();
    assert.deepEqual(await axe(full), [], `axe at ${width}px: confirming a delete`);
    assert.deepEqual(await smallButtons(full), [], `${width}px confirming a delete: targets under 44 px`);
    assert.deepEqual(await full.evaluate(misaligned), [], `${width}px confirming a delete: buttons out of line`);
    await full.getByRole('button', { name: diaryText.confirm_yes }).click();
    await full.getByRole('button', { name: diaryText.undo }).waitFor();
    assert.deepEqual(await axe(full), [], `axe at ${width}px: deleted, with undo`);
    assert.deepEqual(await smallButtons(full), [], `${width}px deleted, with undo: targets under 44 px`);
    assert.deepEqual(await full.evaluate(misaligned), [], `${width}px deleted, with undo: buttons out of line`);
    await full.getByRole('button', { name: diaryText.range_all, exact: true }).click();
    // The table's rows are drawn only while it is open (a ten-year diary has hundreds).
    assert.equal(await full.locator('.cg-trend-table table').count(), 0, 'a closed trend table draws no rows');
    await full.locator('.cg-trend-table summary').click();
    await full.locator('.cg-trend-table table').waitFor();
    assert.ok(await full.locator('.cg-trend-table tbody tr').count() > 0);
    await check(full, 'trend-table');
    await full.locator('.cg-trend-table summary').click();
    await full.locator('.cg-trend-table table').waitFor({ state: 'detached' });
    await full.locator('.cg-trend-table summary').click();
    await full.locator('.cg-trend-table tbody tr').first().waitFor();
    assert.deepEqual([...page.errors, ...full.errors], []);
  }
});

// ---------------------------------------------------------------------------------------------
// Regression tests for widget bugs found while writing these tests (daylight saving, exact
// copies of unreadable data, a newer tab's diary, full-versus-blocked storage, focus).

test('a check-in from the other side of a daylight-saving change keeps its time when shown and edited', async () => {
  const zone = 'Europe/London';
  const nowIsSummer = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .format(new Date()).endsWith('BST');
  const year = new Date().getUTCFullYear() - 1;
  // 09:00 on the wall clock in London, in the half of the year that is not now.
  const at = nowIsSummer ? `${year}-01-15T09:00:00Z` : `${year}-07-15T08:00:00Z`;
  const text = JSON.stringify({ schema: 1, data: { lesions: [], checkins: [{ id: 'cdst', at, upd: at, pain: 4 }] } });
  const context = await app.browser.newContext({ timezoneId: zone });
  try {
    await seedOnce(context, DIARY_KEY, text);
    const page = await context.newPage();
    await openDiary(page);
    const when = (await page.locator('.cg-entry-when').textContent()).trim();
    await page.getByRole('button', { name: /^Edit/ }).click();
    const formTime = await page.locator('#cg-time').inputValue();
    await page.locator('#cg-pain-5').check();
    await page.getByRole('button', { name: diaryText.save }).click();
    await page.locator('.cg-result').waitFor();
    const stored = (await storedDiary(page)).data.checkins[0];
    assert.equal(stored.pain, 5);
    // All three facts at once, so a failure shows each that is wrong: the history and the edit
    // form show the wall-clock time it was logged at, and editing only the pain keeps the time.
    assert.deepEqual(
      { historyTime: when.slice(-5), formTime, storedAt: stored.at },
      { historyTime: '09:00', formTime: '09:00', storedAt: at },
    );
  } finally {
    await context.close();
  }
});

test('a time in the hour the clocks skip is not saved: the patient is asked to check it', async () => {
  // Lisbon, 29 March 2026: the clocks go from 01:00 to 02:00, so 01:30 never happened.
  const context = await app.browser.newContext({ timezoneId: 'Europe/Lisbon' });
  try {
    const page = await context.newPage();
    await openDiary(page);
    await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await page.locator('#cg-pain-3').check();
    await page.locator('#cg-date').fill('2026-03-29');
    await page.locator('#cg-time').fill('01:30');
    await page.getByRole('button', { name: diaryText.save }).click();
    await page.waitForFunction((t) => cgOne('#cg-when-error')?.textContent.trim() === t, diaryText.err_no_such_time);
    assert.equal(await page.locator('#cg-time').getAttribute('aria-invalid'), 'true');
    assert.equal(await storedDiary(page), null, 'nothing saved at a time that did not happen');
    // The time the patient then types is kept as typed.
    await page.locator('#cg-time').fill('02:30');
    await page.getByRole('button', { name: diaryText.save }).click();
    await page.locator('.cg-result').waitFor();
    assert.equal((await storedDiary(page)).data.checkins[0].at, '2026-03-29T01:30:00Z', '02:30 summer time');
  } finally {
    await context.close();
  }
});

test('an edit left unsaved in Lisbon and saved after a flight to Tokyo or New York keeps its time', async () => {
  // The kept form held "06:00" as words. Read in Tokyo they named 21:00 UTC the day before: the
  // check-in moved (and could change place and result); in New York they lay in the future and
  // the patient had to type again a time they never changed. Now the form shows the time there,
  // and the save keeps the instant.
  const made = '2026-11-24T06:00:00Z';
  const diary = JSON.stringify({ schema: 1, data: { checkins: [{ id: 'cmade1', at: made, upd: made, pain: 3 }] } });
  const DRAFTS = 'calcinosis-guide.default.drafts';
  const lisbon = await app.browser.newContext({ timezoneId: 'Europe/Lisbon' });
  let kept;
  try {
    await seedOnce(lisbon, DIARY_KEY, diary);
    const page = await lisbon.newPage();
    await openDiary(page);
    await page.locator('li.cg-entry').first().getByRole('button', { name: /^Edit/ }).click();
    assert.equal(await page.locator('#cg-time').inputValue(), '06:00');
    await page.locator('#cg-notes').fill('only a note');
    await page.waitForFunction((k) => localStorage.getItem(k)?.includes('only a note'), DRAFTS);
    kept = await page.evaluate((k) => localStorage.getItem(k), DRAFTS);
  } finally {
    await lisbon.close();
  }
  for (const [zone, shown] of [['Asia/Tokyo', '15:00'], ['America/New_York', '01:00']]) {
    const context = await app.browser.newContext({ timezoneId: zone });
    try {
      await seedOnce(context, DIARY_KEY, diary);
      await context.addInitScript(([k, v]) => { if (!localStorage.getItem(k)) localStorage.setItem(k, v); }, [DRAFTS, kept]);
      const page = await context.newPage();
      await openDiary(page);
      await page.locator('#cg-notes').waitFor();
      assert.equal(await page.locator('#cg-notes').inputValue(), 'only a note', zone);
      assert.equal(await page.locator('#cg-time').inputValue(), shown, `${zone}: the time there`);
      await page.getByRole('button', { name: diaryText.save }).click();
      await page.locator('.cg-result').waitFor();
      const c = (await storedDiary(page)).data.checkins[0];
      assert.deepEqual([c.at, c.notes], [made, 'only a note'], zone);
    } finally {
      await context.close();
    }
  }
});

test('corrupt storage with a lone UTF-16 surrogate is still kept byte for byte', async () => {
  const garbage = '{"schema":1,"data":{"notes":"half an emoji: \uD83D"}';
  const page = await app.page();
  await seedOnce(page.context(), DIARY_KEY, garbage);
  await openDiary(page);
  await page.locator('.cg-unreadable').waitFor();
  const kept = await page.evaluate(([k, u]) => [localStorage.getItem(k), localStorage.getItem(u)], [DIARY_KEY, UNREADABLE_KEY]);
  assert.deepEqual(kept.map((v) => v && [...v].map((c) => c.codePointAt(0).toString(16)).join(' ')),
    [null, [...garbage].map((c) => c.codePointAt(0).toString(16)).join(' ')]);
});

test('a tab does not move aside a diary that another tab (a newer version of the widget) just wrote', async () => {
  const context = await app.browser.newContext();
  try {
    const older = await context.newPage();
    await openDiary(older);
    await older.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await older.locator('#cg-pain-2').check();
    await older.getByRole('button', { name: diaryText.save }).click();
    await older.locator('.cg-result').waitFor();
    // Another tab, running a later release after an update, writes the diary in schema 3.
    const newer = await context.newPage();
    await newer.goto(`${app.url}/`);
    const written = JSON.stringify({ schema: 3, data: { lesions: [], checkins: [], questions: [], v2: true } });
    await newer.evaluate(([k, v]) => localStorage.setItem(k, v), [DIARY_KEY, written]);
    await older.waitForTimeout(1000);
    const keys = await newer.evaluate((k) => Object.fromEntries(Object.entries(localStorage).filter(([x]) => x.startsWith(k))), DIARY_KEY);
    assert.deepEqual(keys, { [DIARY_KEY]: written }, 'the newer tab\'s diary stays where the newer tab will look for it');
  } finally {
    await context.close();
  }
});

test('storage that is full to the last byte still shows the stored diary (full is not blocked)', async () => {
  const { text: seed } = seedDiary({ checkIns: 2, lesions: 1 });
  const page = await app.page();
  await fillStorageOnce(page.context(), { items: { [DIARY_KEY]: seed } });
  await openDiary(page);
  const shown = {
    blockedWarning: await page.getByText(diaryText.blocked).count(),
    entries: await page.locator('li.cg-entry').count(),
  };
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-3').check();
  await page.getByRole('button', { name: diaryText.save }).click();
  await page.locator('.cg-form .cg-notice-error, .cg-result').first().waitFor();
  // Not reported as blocked; the two stored check-ins are shown; a check-in that could not be
  // kept is not reported as saved, the save-failed message is shown instead (with what the
  // answers mean, saying they were not saved).
  assert.deepEqual(
    {
      ...shown,
      savedResult: await page.getByText(diaryText.saved, { exact: true }).count(),
      notSavedResult: await page.locator('.cg-form .cg-result').getByText(diaryText.result_not_saved, { exact: true }).count(),
      saveFailed: await page.locator('.cg-form .cg-notice-error').count(),
    },
    { blockedWarning: 0, entries: 2, savedResult: 0, notSavedResult: 1, saveFailed: 1 },
  );
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY), seed, 'the stored diary is unchanged');
});

test('Windows high contrast (forced colours): the chosen pain number, part and period stand out from the rest', async () => {
  const page = await app.page({ width: 375 });
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-5').check();
  const looks = (sel) => page.evaluate((s) => cgAll(s).map((e) => getComputedStyle(e).backgroundColor), sel);
  const scale = await page.evaluate(() => cgAll('.cg-scale-option').filter((e) => e.querySelector('input[name="cg-pain"]'))
    .map((e) => getComputedStyle(e).backgroundColor));
  assert.equal(scale.length, 11, 'the overall pain scale, 0 to 10');
  const chosen = scale[5];
  assert.equal(scale.filter((b) => b === chosen).length, 1, `only the chosen number looks chosen: ${scale.join(' | ')}`);
  const tabs = await looks('.cg-tab');
  assert.equal(new Set(tabs).size, 2, `the open part looks different from the others: ${tabs.join(' | ')}`);
  assert.deepEqual(page.errors, []);
});

test('focus is never dropped to <body> when the diary swaps what is on screen', async () => {
  const { text } = seedDiary({ checkIns: 3, lesions: 1 });
  const page = await pageWithDiary(text);
  await openDiary(page);
  const where = () => page.evaluate(() => cgActive()?.tagName ?? 'none');
  const after = {};
  const press = async (locator, name) => {
    await locator.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    after[name] = await where();
  };
  await press(page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }), 'new check-in');
  await press(page.getByRole('button', { name: diaryText.cancel }), 'cancel');
  await press(page.locator('li.cg-entry').nth(0).getByRole('button', { name: /^Edit/ }), 'edit');
  await press(page.getByRole('button', { name: diaryText.cancel }), 'cancel edit');
  await press(page.locator('li.cg-entry').nth(1).getByRole('button', { name: /^Delete/ }), 'delete');
  await press(page.locator('li.cg-entry').nth(1).getByRole('button', { name: diaryText.confirm_yes }), 'yes, delete');
  await press(page.getByRole('button', { name: diaryText.undo }), 'undo');
  // A lump added takes focus to its first question; removed, focus goes to "+ Add a lump or sore".
  await press(page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }), 'new check-in again');
  await press(page.getByRole('button', { name: `+ ${diaryText.add_lesion}` }), 'add a lump');
  await focusIs(page, 'id', 'cg-lesion-1-site', 'focus on "Where is it?" of the new lump');
  await press(page.getByRole('button', { name: diaryText.remove_lesion }), 'remove the lump');
  await focusIs(page, 'text', `+ ${diaryText.add_lesion}`, 'focus on "+ Add a lump or sore"');
  assert.deepEqual(Object.entries(after).filter(([, tag]) => tag === 'BODY').map(([name]) => name), [],
    `focus went to <body> after: ${JSON.stringify(after)}`);
});

// A diary left open overnight: the pain chart's last day is today's at its next drawing (here,
// opening its table), not the day it was first drawn on.
test('the pain chart left open past midnight ends on the new day when next drawn', async () => {
  const { text } = seedDiary({ checkIns: 5 });
  const page = await pageWithDiary(text);
  const { evening, next } = await lateEvening(page);
  await openDiary(page);
  const lastDay = page.locator('.cg-trend svg .cg-axis-date').last();
  assert.equal((await lastDay.textContent()).trim(), shortDay(diaryText, evening));
  await page.clock.fastForward('05:00');
  await page.locator('.cg-trend-table summary').click();
  await page.locator('.cg-trend-table table').waitFor();
  assert.equal((await lastDay.textContent()).trim(), shortDay(diaryText, next));
  assert.deepEqual(page.errors, []);
});

test('the check-in form says the date and time typed in words, in the guide\'s language, whatever order the browser shows its fields in', async () => {
  // Found by a usability check: on a device set to English the Portuguese form's date field shows
  // 12/04/2026 for 4 December, while the guide and the printout write 04/12/2026.
  for (const [lang, want] of [['en', 'That is 4 December 2026, at 14:30.'], ['pt-PT', 'Ou seja, 4 de dezembro de 2026, às 14:30.']]) {
    const t = JSON.parse(await fs.readFile(`content/${lang}/diary.json`, 'utf8'));
    const ui = JSON.parse(await fs.readFile(`content/${lang}/ui.json`, 'utf8'));
    const page = await app.page({ width: 375 });
    await openHost(page, app.url, { lang });
    await ready(page);
    await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
    await diaryReady(page);
    await page.getByRole('button', { name: `+ ${t.new_check_in}` }).click();
    await page.locator('#cg-date').fill('2026-12-04');
    await page.locator('#cg-time').fill('14:30');
    const words = page.locator('#cg-when-words');
    assert.equal((await words.textContent()).trim(), want, lang);
    assert.equal(await page.locator('#cg-date').getAttribute('aria-describedby'), 'cg-when-words');
    await page.locator('#cg-date').fill('');
    assert.equal(await words.count(), 0, `${lang}: no words for a date not given`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
