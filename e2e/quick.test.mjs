// The quick check-in end to end (issue #12): a same-as-last-time check-in with one changed pain
// value in at most six activations, with one finger and with the keyboard alone; the same record
// and triage as the full form for the same answers; the warning-sign question must be answered;
// switching forms, reloading and changing language lose nothing; axe at both widths in both
// languages. Runs against the built dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, focusIs, ready, axe, screenshot, seedDiary, DIARY_KEY, diaryReady, seedOnce, shortDay } from './helpers.mjs';

const text = async (lang) => ({
  diary: JSON.parse(await fs.readFile(`content/${lang}/diary.json`, 'utf8')),
  ui: JSON.parse(await fs.readFile(`content/${lang}/ui.json`, 'utf8')),
  triage: JSON.parse(await fs.readFile(`content/${lang}/triage.json`, 'utf8')),
});
const en = await text('en');
const pt = await text('pt-PT');
const DRAFTS_KEY = 'calcinosis-guide.default.drafts';
/** Form keys the quick form gives the seeded diary's two lesions (newest check-in's order). */
const K1 = 1;
const K2 = 2;

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/** A page whose diary holds one check-in with two lesions (seeded once, before the widget runs). */
async function seededPage({ width = 1280, checkIns = 1, key = DIARY_KEY } = {}) {
  const page = await app.page({ width });
  const { text: seeded, diary } = seedDiary({ checkIns, lesions: 2 });
  await seedOnce(page.context(), key, seeded);
  page.seeded = diary;
  return page;
}

async function openDiary(page, path = '/', t = en) {
  await page.goto(`${app.url}${path}`);
  await ready(page);
  await page.getByRole('button', { name: t.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
}

/** The stored diary's records (`data` of the stored envelope). */
async function stored(page, key = DIARY_KEY) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)).data, key);
}

/**
 * Counts the patient's activations in the page: each press of a finger or mouse button
 * (`pointerdown`; a tap on a label also clicks its input, which is still one tap) and each key.
 */
async function countActivations(page) {
  await page.evaluate(() => {
    globalThis.cgActivations = { clicks: 0, keys: 0 };
    if (globalThis.cgCounting) return;
    globalThis.cgCounting = true;
    addEventListener('pointerdown', (e) => { if (e.isTrusted) cgActivations.clicks += 1; }, true);
    addEventListener('keydown', (e) => { if (e.isTrusted) cgActivations.keys += 1; }, true);
  });
}
const activations = (page) => page.evaluate(() => ({ ...cgActivations }));

/** The newest check-in without its id and times, for comparing two saves. */
function answers(diary) {
  const { id, at, upd, given, ...rest } = diary.checkins[0];
  // The advice kept with it, without the edit stamp it is for.
  return { ...rest, given: given && { level: given.level, why: given.why } };
}

test('a same-as-last-time check-in with one changed pain takes five taps, each target at least 44 px', async () => {
  const page = await seededPage({ width: 375 });
  await openDiary(page);
  const before = page.seeded.checkins[0];
  await countActivations(page);

  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  await page.locator('form.cg-form').waitFor();
  assert.equal((await page.locator('form.cg-form h4').first().textContent()).trim(), en.diary.quick_heading);
  // Each lesion starts as it was: last time's words and pain score are shown; today's pain is
  // asked, not set in advance (a score passed over would be saved as one the patient gave).
  const hints = await page.locator('.cg-quick-lesion > .cg-hint').allTextContents();
  assert.equal(hints.length, 2);
  const painWas = en.diary.pain_short.replace('{n}', before.obs[1].pain);
  // With the date of that note: "same as last time" is never taken for last week when it was months ago.
  const noted = shortDay(en.diary, new Date(before.at));
  assert.equal(hints[1], en.diary.quick_last_time.replace('{date}', noted).replace('{what}', `${en.diary.size_pea}. ${en.diary.signs['chalky-discharge']}. ${painWas}.`));
  for (const k of [K1, K2]) {
    assert.deepEqual(await page.locator(`input[name="cg-quick-${k}-pain"]:checked`).evaluateAll((es) => es.map((e) => e.id)),
      [`cg-quick-${k}-pain-skip`], 'no score chosen yet');
  }

  // Every control the quick form shows is at least 44 px both ways at 375 px.
  await page.getByRole('button', { name: en.diary.quick_show_list }).click();
  const small = await page.evaluate(() => [...cgAll('form.cg-form button, form.cg-form label.cg-check, form.cg-form label.cg-scale-option, form.cg-form select')]
    .map((e) => ({ t: e.textContent.trim().slice(0, 30), r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
    .map(({ t, r }) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`));
  assert.deepEqual(small, []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scroll');
  await page.getByRole('button', { name: en.diary.quick_hide_list }).click();
  await countActivations(page);

  // The counted path: quick check-in, overall pain, one lesion's new pain, "None of these", Save.
  await page.getByRole('button', { name: en.diary.quick_check_in }).count(); // (already open)
  await page.locator('label[for="cg-pain-3"]').click();
  await page.locator(`label[for="cg-quick-${K1}-pain-6"]`).click();
  await page.locator('label[for="cg-quick-none"]').click();
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.locator('.cg-result h4').waitFor();
  const counted = await activations(page);
  // Plus the one tap that opened the quick form (counted before the list check above).
  const taps = counted.clicks + 1;
  assert.ok(taps <= 6, `at most 6 activations, took ${taps}`);
  assert.equal(counted.keys, 0, 'no typing needed');

  const after = (await stored(page)).checkins;
  assert.equal(after.length, 2);
  const saved = after[0];
  assert.equal(saved.pain, 3);
  assert.deepEqual(saved.obs[0], { ...before.obs[0], pain: 6 }, 'changed pain, same size and signs');
  const { pain: _, ...asLastTime } = before.obs[1];
  assert.deepEqual(saved.obs[1], asLastTime, 'the other lesion as last time, with no pain score it was not given');
  assert.equal(saved.warn, undefined);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY), null, 'the draft is cleared on save');
  assert.deepEqual(page.errors, []);
});

test('with the keyboard alone: Tab, arrows, Space and Enter reach and answer every quick question', async () => {
  const page = await seededPage();
  await openDiary(page);
  const focusMatches = (sel) => page.evaluate((s) => cgActive()?.matches(s) ?? false, sel);
  const tabTo = async (sel, max = 80) => {
    for (let i = 0; i < max; i++) {
      if (await focusMatches(sel)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${sel}`);
  };
  await tabTo('button.cg-quick-start');
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
  await focusIs(page, 'tag', 'H4', 'focus moves to the form heading');
  assert.equal(await focusMatches('form.cg-form h4'), true, 'the form\'s own heading');
  await tabTo('input[name="cg-pain"]');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await tabTo(`input[name="cg-quick-${K2}-since"]`);
  await page.keyboard.press('ArrowRight');
  await page.locator(`#cg-lesion-${K2}-signs-pus-cloudy`).waitFor();
  await tabTo(`#cg-lesion-${K2}-signs-pus-cloudy`);
  await page.keyboard.press('Space');
  await tabTo('input[name="cg-quick-any"]');
  await page.keyboard.press('Space');
  await tabTo('button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.locator('.cg-result h4').waitFor();
  assert.equal((await page.locator('.cg-result h4').textContent()).trim(), en.triage.levels['call-today'].title,
    'pus from a lump is a same-day call, from the quick form too');
  const saved = (await stored(page)).checkins[0];
  assert.equal(saved.pain, 4);
  assert.ok(saved.obs[1].signs.includes('pus-cloudy'));
  assert.deepEqual(page.errors, []);
});

test('more pain overall with an open sore passed over in the quick form is a same-day call, as in the full form', async () => {
  // Last time: overall pain 0, and lump 2 an open sore scored 3. Today overall pain is 2 and the
  // patient passes over each lump's own pain. Nothing says the sore hurts no more, so FACTS' "a
  // sore that gets more painful" asks for a call today. Before, the quick form set last time's 3
  // in advance and saved it as today's: the rise looked like pain elsewhere, a next-visit note.
  for (const form of ['quick', 'full']) {
    const page = await app.page({ width: 375 });
    const { diary } = seedDiary({ checkIns: 1, lesions: 2 });
    diary.checkins[0].obs[1].signs = ['open-sore'];
    await seedOnce(page.context(), DIARY_KEY, JSON.stringify({ schema: 1, data: diary }));
    await openDiary(page);
    if (form === 'quick') {
      await page.getByRole('button', { name: en.diary.quick_check_in }).click();
      await page.locator('label[for="cg-pain-2"]').click();
      await page.locator('label[for="cg-quick-none"]').click();
    } else {
      await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
      await page.locator('label[for="cg-pain-2"]').click();
      await page.getByRole('button', { name: en.diary.same_as_last }).click();
      await page.locator(`label[for="cg-lesion-${K2}-signs-open-sore"]`).click();
    }
    await page.getByRole('button', { name: en.diary.save }).click();
    await page.locator('.cg-result h4').waitFor();
    assert.equal((await page.locator('.cg-result h4').textContent()).trim(), en.triage.levels['call-today'].title, form);
    assert.ok((await page.locator('.cg-result').textContent()).includes(en.triage.reasons['pain-worse-unscored-sore']), form);
    const saved = (await stored(page)).checkins[0];
    assert.deepEqual(saved.obs.map((o) => o.pain), [undefined, undefined], `${form}: no lump score saved that was not given`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a quick check-in on a device clock before the last check-in is not saved: the patient is told, the answers are kept', async () => {
  // The quick form asks no date. On a clock reset to 1970 (or years behind) it saved the
  // check-in there without a word: at the bottom of the history, outside every summary, and
  // compared with no earlier check-in. Now the form says what the clock says and what to do.
  for (const [what, time] of [['reset to 1970', Date.UTC(1970, 0, 1, 0, 5)], ['two years behind', Date.now() - 730 * 86_400_000]]) {
    const page = await seededPage({ width: 375 });
    await page.clock.install({ time });
    await openDiary(page);
    const before = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
    await page.getByRole('button', { name: en.diary.quick_check_in }).click();
    await page.locator('label[for="cg-pain-4"]').click();
    await page.locator(`label[for="cg-quick-${K2}-pain-5"]`).click();
    await page.locator('label[for="cg-quick-none"]').click();
    await page.getByRole('button', { name: en.diary.save }).click();
    const summary = page.locator('.cg-error-summary');
    await summary.waitFor();
    const problem = (await page.locator('.cg-form-status').innerText()).replace(/\s+/g, ' ');
    const year = new Date(time).getFullYear();
    assert.ok(problem.includes(`${year},`), `${what}: names what the clock says: ${problem}`);
    assert.ok(problem.includes(en.diary.history_heading) && problem.includes(`“${en.diary.edit}”`), `${what}: says where to fix a date`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY), before, `${what}: nothing saved`);
    assert.equal(await page.locator('.cg-result').count(), 0);
    // Its button leads to the full form's switch, which shows the date the device gives.
    await page.locator('.cg-form-status button', { hasText: en.diary.when_legend }).click();
    await focusIs(page, 'id', 'cg-use-full');
    // The answers are kept, as unsaved work.
    assert.equal(await page.locator('#cg-pain-4').isChecked(), true);
    assert.equal(await page.locator(`#cg-quick-${K2}-pain-5`).isChecked(), true);
    assert.ok((await page.evaluate((k) => localStorage.getItem(k), DRAFTS_KEY)).length > 0, `${what}: kept as unsaved work`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the quick form stores the same check-in and gets the same triage as the full form', async () => {
  const cases = [
    {
      what: 'chest pain',
      quick: async (page) => {
        await page.locator('label[for="cg-quick-yes"]').click();
        await page.locator('label[for="cg-warn-chest-pain"]').click();
      },
      full: async (page) => { await page.locator('label[for="cg-warn-chest-pain"]').click(); },
      level: 'emergency',
    },
    {
      what: 'fever and a lump newly red and warm',
      quick: async (page) => {
        await page.locator(`label[for="cg-quick-${K1}-changed"]`).click();
        await page.locator(`label[for="cg-lesion-${K1}-signs-redness-warmth"]`).click();
        await page.getByRole('button', { name: en.diary.quick_show_list }).click();
        await page.locator('label[for="cg-body-fever"]').click();
      },
      full: async (page) => {
        await page.locator(`label[for="cg-lesion-${K1}-signs-redness-warmth"]`).click();
        await page.locator('label[for="cg-body-fever"]').click();
      },
      level: 'call-today',
    },
    {
      // Started since the last check-in: the quick form asks too, so a possible infection with
      // these medicines is a same-day call from it as from the full form.
      what: 'a lump newly red and warm, on immune-weakening medicines',
      quick: async (page) => {
        await page.locator(`label[for="cg-quick-${K1}-changed"]`).click();
        await page.locator(`label[for="cg-lesion-${K1}-signs-redness-warmth"]`).click();
        assert.equal(await page.locator('#cg-immune').isChecked(), false, 'not ticked last time');
        await page.locator('label[for="cg-immune"]').click();
        await page.locator('label[for="cg-quick-none"]').click();
      },
      full: async (page) => {
        await page.locator(`label[for="cg-lesion-${K1}-signs-redness-warmth"]`).click();
        await page.locator('label[for="cg-immune"]').click();
      },
      level: 'call-today',
    },
  ];
  for (const c of cases) {
    const records = [];
    const levels = [];
    for (const form of ['quick', 'full']) {
      const page = await seededPage();
      await openDiary(page);
      const last = page.seeded.checkins[0];
      if (form === 'quick') {
        await page.getByRole('button', { name: en.diary.quick_check_in }).click();
        await page.locator('label[for="cg-pain-2"]').click();
        for (const [i, k] of [K1, K2].entries()) {
          await page.locator(`label[for="cg-quick-${k}-pain-${last.obs[i].pain}"]`).click();
        }
        await c.quick(page);
      } else {
        // The full form, answered the same way: same lumps as last time, each value again.
        await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
        await page.locator('label[for="cg-pain-2"]').click();
        await page.getByRole('button', { name: en.diary.same_as_last }).click();
        for (const [i, k] of [K1, K2].entries()) {
          await page.locator(`label[for="cg-lesion-${k}-pain-${last.obs[i].pain}"]`).click();
          for (const s of last.obs[i].signs ?? []) await page.locator(`label[for="cg-lesion-${k}-signs-${s}"]`).click();
        }
        await c.full(page);
      }
      await page.getByRole('button', { name: en.diary.save }).click();
      await page.locator('.cg-result h4').waitFor();
      levels.push((await page.locator('.cg-result h4').textContent()).trim());
      records.push(answers(await stored(page)));
      assert.deepEqual(page.errors, [], `${c.what}, ${form}`);
      await page.context().close();
    }
    assert.deepEqual(records[0], records[1], `${c.what}: the same record`);
    assert.deepEqual(levels, [en.triage.levels[c.level].title, en.triage.levels[c.level].title], `${c.what}: the same level`);
  }
});

test('the warning-sign question must be answered; "None of these" unticks the list; nothing is stored before', async () => {
  const page = await seededPage();
  await openDiary(page);
  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  await page.locator('label[for="cg-pain-1"]').click();
  await page.getByRole('button', { name: en.diary.save }).click();
  const error = page.locator('#cg-quick-any-error');
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), en.diary.err_any_warning);
  assert.equal(await page.locator('#cg-quick-none').getAttribute('aria-invalid'), 'true');
  assert.equal((await stored(page)).checkins.length, 1, 'nothing saved');

  await page.locator('label[for="cg-quick-yes"]').click();
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.waitForFunction((t) => cgOne('#cg-quick-any-error')?.textContent.trim() === t, en.diary.err_nothing_ticked);

  // Ticking answers yes; "None of these" then unticks and hides the list.
  await page.locator('label[for="cg-warn-hives"]').click();
  assert.equal(await page.locator('#cg-quick-yes').isChecked(), true);
  await page.locator('label[for="cg-quick-none"]').click();
  assert.equal(await page.locator('#cg-warn-hives').count(), 0, 'the list is closed');
  await page.getByRole('button', { name: en.diary.quick_show_list }).click();
  assert.equal(await page.locator('#cg-warn-hives').isChecked(), false, 'and nothing on it is ticked');
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.locator('.cg-result h4').waitFor();
  assert.equal((await stored(page)).checkins[0].warn, undefined);
  assert.deepEqual(page.errors, []);
});

test('switching forms, reloading and changing language keep every answer; cancel clears the draft', async () => {
  const page = await seededPage();
  await openDiary(page);
  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  await page.locator('label[for="cg-pain-7"]').click();
  await page.locator(`label[for="cg-quick-${K2}-changed"]`).click();
  await page.locator(`label[for="cg-lesion-${K2}-size-Walnut"]`).click();
  await page.getByRole('button', { name: en.diary.use_full_form }).click();
  assert.equal(await page.locator('#cg-pain-7').isChecked(), true, 'the full form has the quick answers');
  assert.equal(await page.locator(`#cg-lesion-${K2}-size-Walnut`).isChecked(), true);
  await page.locator('#cg-notes').fill('Stiff fingers this morning');
  await page.getByRole('button', { name: en.diary.use_quick_form }).click();
  assert.equal(await page.locator(`#cg-lesion-${K2}-size-Walnut`).isChecked(), true, 'the changed lesion is still open');

  // A reload opens the same quick form with everything in it (kept as a draft).
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('Stiff fingers'), DRAFTS_KEY);
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await page.locator('form.cg-form').waitFor();
  assert.equal((await page.locator('form.cg-form h4').first().textContent()).trim(), en.diary.quick_heading);
  assert.equal(await page.locator('#cg-pain-7').isChecked(), true);
  assert.equal(await page.locator(`#cg-lesion-${K2}-size-Walnut`).isChecked(), true);

  // In Portuguese, the same draft, in Portuguese words.
  await page.locator('button.cg-lang[lang="pt-PT"]').click();
  await page.waitForFunction((h) => cgOne('form.cg-form h4')?.textContent.trim() === h, pt.diary.quick_heading);
  assert.equal(await page.locator('#cg-pain-7').isChecked(), true);
  await page.getByRole('button', { name: pt.diary.use_full_form }).click();
  assert.equal(await page.locator('#cg-notes').inputValue(), 'Stiff fingers this morning');
  await page.getByRole('button', { name: pt.diary.cancel }).click();
  await page.getByRole('button', { name: pt.diary.cancel_discard }).click();
  await page.waitForFunction((k) => localStorage.getItem(k) === null, DRAFTS_KEY);
  assert.equal((await stored(page)).checkins.length, 1, 'cancel stored nothing');
  assert.deepEqual(page.errors, []);
});

const PT_KEY = 'calcinosis-guide.lang-pt.diary';
for (const [lang, path, t, key] of [['en', '/', en, DIARY_KEY], ['pt-PT', '/examples/lang-pt.html', pt, PT_KEY]]) {
  for (const width of [375, 1280]) {
    test(`${lang} at ${width} px: the quick form with a changed lesion and the list open has no axe violations`, async () => {
      const page = await seededPage({ width, key });
      await openDiary(page, path, t);
      assert.equal(await page.getByRole('button', { name: t.diary.quick_check_in }).count(), 1, 'offered once there is a check-in');
      await page.getByRole('button', { name: t.diary.quick_check_in }).click();
      await page.locator(`label[for="cg-quick-${K1}-changed"]`).click();
      await page.getByRole('button', { name: t.diary.quick_show_list }).click();
      await page.locator(`#cg-lesion-${K1}-signs-open-sore`).waitFor();
      assert.deepEqual(await axe(page), []);
      if (width === 375) {
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scroll');
      }
      await screenshot(page, `quick-${lang}-${width}`);
      // An error state too.
      await page.getByRole('button', { name: t.diary.save }).click();
      await page.locator('#cg-pain-error').waitFor();
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(page.errors, []);
    });
  }
}

test('the quick form saves no old sign as today\'s, nor an all-clear, unasked: a lump with signs of infection last time must be answered; one that healed and came back starts open and blank', async () => {
  const DAY = 86_400_000;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  const [longAgo, healed, lately, yesterday] = [now - 40 * DAY, now - 30 * DAY, now - 2 * DAY, now - DAY].map(iso);
  const diary = {
    lesions: [
      // Pus and an open sore 40 days ago, marked healed 30 days ago, followed again since.
      { id: 'back', site: 'right-thumb', name: 'thumb lump', upd: healed, healed_at: healed },
      { id: 'red', site: 'left-elbow', name: 'elbow lump', upd: longAgo },
      { id: 'calm', site: 'right-index-finger', name: 'finger lump', upd: longAgo },
    ],
    checkins: [
      { id: 'c3', at: yesterday, upd: yesterday, pain: 3, obs: [{ l: 'calm', pain: 2, size: 'pea', signs: ['open-sore'] }] },
      { id: 'c2', at: lately, upd: lately, pain: 4, obs: [{ l: 'red', pain: 4, size: 'grape', signs: ['redness-warmth', 'pus-cloudy'] }] },
      { id: 'c1', at: longAgo, upd: longAgo, pain: 7, obs: [{ l: 'back', pain: 7, size: 'walnut', signs: ['open-sore', 'pus-cloudy'] }] },
    ],
  };
  const page = await app.page({ width: 375 });
  await seedOnce(page.context(), DIARY_KEY, JSON.stringify({ schema: 1, data: diary }));
  await openDiary(page);
  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  await page.locator('form.cg-form').waitFor();
  const lumps = () => page.locator('.cg-quick-lesion').evaluateAll((sets) => Object.fromEntries(sets.map((f) => [
    f.querySelector('legend').textContent.trim().split(' (')[0], {
      lastTime: f.querySelector(':scope > .cg-hint')?.textContent ?? null,
      same: f.querySelector('input[id$="-same"]')?.checked ?? null,
      changed: f.querySelector('input[id$="-changed"]')?.checked ?? null,
      open: Boolean(f.querySelector('.cg-lesion')),
      ticked: [...f.querySelectorAll('.cg-lesion input[type="checkbox"]:checked')].map((c) => c.id.replace(/^.*-signs-/, '')),
    }])));
  const at = await lumps();
  // Came back: nothing from before the healing is "last time", and there is nothing to be the same as.
  assert.deepEqual(at['thumb lump'], { lastTime: null, same: null, changed: null, open: true, ticked: [] });
  // Redness two days ago: said as last time; neither answer chosen for the patient.
  assert.match(at['elbow lump'].lastTime, new RegExp(en.diary.signs['redness-warmth']));
  assert.deepEqual([at['elbow lump'].same, at['elbow lump'].changed, at['elbow lump'].open], [false, false, false]);
  // An open sore yesterday, no sign of infection: "Same as last time", as before.
  assert.deepEqual([at['finger lump'].same, at['finger lump'].open], [true, false]);
  assert.match(await page.locator('form.cg-form p').filter({ hasText: 'Tell us how you are today' }).textContent(), /in the last 14 days/);

  await page.locator('label[for="cg-pain-2"]').click();
  await page.locator('label[for="cg-quick-none"]').click();
  await page.getByRole('button', { name: en.diary.save }).click();
  // Passed over, the elbow stops the save, said beside it; nothing is stored.
  const since = page.locator('.cg-quick-lesion', { hasText: 'elbow lump' }).locator('.cg-quick-since .cg-error');
  await since.waitFor();
  assert.equal((await since.textContent()).trim(), en.diary.err_quick_since);
  // The list above the form names it as the form does, not by a number the form never shows.
  assert.match(await page.locator('.cg-problems').textContent(), /elbow lump \(Left elbow\): Answer this question/);
  // What the answers would mean, unsaved, is not worked out from last time's redness.
  assert.ok(!(await page.locator('form.cg-form').textContent()).includes(en.triage.levels['call-today'].title));
  assert.equal((await stored(page)).checkins.length, 3);
  assert.deepEqual(await axe(page), []);
  // "Changed": its details open for today's signs, with none of last time's ticked.
  await page.locator('.cg-quick-lesion', { hasText: 'elbow lump' }).locator('label', { hasText: en.diary.quick_changed }).click();
  assert.deepEqual((await lumps())['elbow lump'].ticked, []);
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.locator('.cg-result h4').waitFor();
  const saved = (await stored(page)).checkins[0];
  const signs = Object.fromEntries(saved.obs.map((o) => [o.l, o.signs ?? []]));
  assert.deepEqual(signs, { back: [], red: [], calm: ['open-sore'] }, 'what the patient said today, nothing unasked');
  assert.notEqual((await page.locator('.cg-result h4').first().textContent()).trim(), en.triage.levels['call-today'].title);
  assert.deepEqual(page.errors, []);
});

test('a quick check-in kept unsaved and opened again the next day asks each lump "Since last time" again: "the same" was said of another day', async () => {
  const today = Date.now();
  const page = await seededPage({ width: 375 });
  await page.clock.install({ time: today - 86_400_000 });
  await openDiary(page);
  await page.getByRole('button', { name: en.diary.quick_check_in }).click();
  await page.locator('label[for="cg-pain-3"]').click();
  const same = () => page.locator('.cg-quick-since input[id$="-same"]').evaluateAll((es) => es.map((e) => e.checked));
  assert.deepEqual(await same(), [true, true], 'the day it was started: as last time');
  await page.clock.setSystemTime(today);
  await page.reload();
  await ready(page);
  await page.locator('.cg-waiting button').click();
  await page.locator('form.cg-form').waitFor();
  assert.deepEqual(await same(), [false, false]);
  assert.equal(await page.locator('#cg-pain-3').isChecked(), true, 'what was typed is kept');
  await page.locator('label[for="cg-quick-none"]').click();
  await page.getByRole('button', { name: en.diary.save }).click();
  assert.equal(await page.locator('.cg-quick-since .cg-error').count(), 2);
  for (const k of [K1, K2]) await page.locator(`label[for="cg-quick-${k}-same"]`).click();
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.locator('.cg-result h4').waitFor();
  assert.equal((await stored(page)).checkins.length, 2);
  assert.deepEqual(page.errors, []);
});

test('an empty diary offers only the full form', async () => {
  const page = await app.page();
  await openDiary(page);
  assert.equal(await page.getByRole('button', { name: en.diary.quick_check_in }).count(), 0);
  assert.equal(await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).count(), 1);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  assert.equal(await page.getByRole('button', { name: en.diary.use_quick_form }).count(), 0);
  assert.deepEqual(page.errors, []);
});
