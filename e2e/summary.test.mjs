// The appointment summary and its export panel end to end: the one-page printout (A4 and
// Letter, read back with poppler), the figures against a diary of known numbers, backup,
// delete-all and restore, restore failures that change nothing, the CSV / FHIR / calendar
// downloads, the backup reminder, and accessibility. Runs against the built dist/ like the
// other e2e tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { focusIs, start, ready, axe, screenshot, seedDiary, recent, busyDiary, DIARY_KEY, diaryReady, rfc3339, OUT, pdfPages, pdfText, printPdf, run, lateEvening, shortDay } from './helpers.mjs';

const summaryText = JSON.parse(await fs.readFile('content/en/summary.json', 'utf8'));
const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const triageText = JSON.parse(await fs.readFile('content/en/triage.json', 'utf8'));
const sites = JSON.parse(await fs.readFile('content/en/sites.json', 'utf8'));
const PKG_VERSION = /^version\s*=\s*"([^"]+)"/m.exec(await fs.readFile('Cargo.toml', 'utf8'))[1];
const PREFS_KEY = 'calcinosis-guide.default.prefs';
const MINE = 'calcinosis-guide.default.';
const CLINIC = 'Riverside Rheumatology Clinic'; // the demo page's clinic-name attribute
const DAY = 86_400_000;
const FILES = `${OUT}/summary-files`;

let app;
before(async () => {
  app = await start();
  await fs.mkdir(FILES, { recursive: true });
});
after(async () => { await app.stop(); });

// ---------------------------------------------------------------------------------------------
// Dates, formatted as the widget does (the test and the browser share the machine's time zone).

/** Local noon `n` days before today, in ms. */
function noonDaysAgo(n) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - n);
  return d.getTime();
}

/** "25 Nov 2026": diary.json's short_date_pattern for the local date of `ms`. */
function day(ms) {
  return shortDay(diaryText, new Date(ms));
}

/** "2026-11-25": the local date of `ms`, as a date input wants it. */
function isoDay(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Fills a `{name}` template. */
function fill(template, values) {
  return Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template);
}

/** The summary's "covers" line for the last `days` days. */
function covers(fromMs, n, days) {
  return fill(summaryText.covers, { from: day(fromMs), to: day(Date.now()), n, days });
}

/**
 * The pain line with best, worst and average as worked out by hand for each fixture (never
 * recomputed here: a wrong formula in the core must fail these tests, not be copied by them).
 */
function painFigures(best, worst, avg) {
  return fill(summaryText.pain_figures, { best, worst, avg });
}

// ---------------------------------------------------------------------------------------------
// Pages and storage.

/**
 * A page whose localStorage holds `items` before the widget's script runs (once per context, so
 * reloads see what the widget wrote). `diary` and `prefs` are wrapped in the storage envelope.
 */
async function pageWith({ diary, prefs, items = {}, width = 1280, height = 900 } = {}) {
  const page = await app.page({ width, height });
  const all = { ...items };
  if (diary !== undefined) all[DIARY_KEY] = typeof diary === 'string' ? diary : JSON.stringify({ schema: 1, data: diary });
  if (prefs !== undefined) all[PREFS_KEY] = JSON.stringify({ schema: 1, data: prefs });
  await page.context().addInitScript((entries) => {
    if (sessionStorage.getItem('cg-test-seeded')) return;
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    sessionStorage.setItem('cg-test-seeded', '1');
  }, all);
  return page;
}

const tabButton = (page, name) => page.locator('.cg-tabs').getByRole('button', { name, exact: true });

async function openSummary(page) {
  await page.goto(`${app.url}/`);
  await ready(page);
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor({ state: 'visible' });
}

/** A page holding `diary`, on the summary, in `lang` (switched to by the patient's own button). */
async function summaryIn(lang, diary) {
  const page = await pageWith({ diary });
  await openSummary(page);
  if (lang === 'pt-PT') {
    await page.getByRole('button', { name: 'Português' }).click();
    await page.waitForFunction(() => cgOne('section.cg')?.lang === 'pt-PT' && cgOne('.cg-summary'));
  }
  return page;
}

/** The text of page `n` of a printed PDF, its white space run together. */
const pageText = async (file, n) => (await run('pdftotext', ['-f', String(n), '-l', String(n), '-raw', file, '-'])).stdout.replace(/\s+/g, ' ');

async function openDiary(page) {
  await tabButton(page, uiText.tab_diary).click();
  await diaryReady(page);
}

/** Every localStorage entry, sorted by key. */
async function storage(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
}

async function storedDiary(page) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY);
  return raw === null ? null : JSON.parse(raw).data;
}

async function storedPrefs(page) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), PREFS_KEY);
  return raw === null ? null : JSON.parse(raw).data;
}

/** Clicks `locator` and returns the download it starts: name, path, bytes and text. */
async function download(page, locator, prefix = '') {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), locator.click()]);
  const name = dl.suggestedFilename();
  const file = path.join(FILES, `${prefix}${name}`);
  await dl.saveAs(file);
  const bytes = await fs.readFile(file);
  return { name, file, bytes, text: bytes.toString('utf8') };
}

const exportButton = (page, name) => page.locator('.cg-export').getByRole('button', { name, exact: true });
const exportMessage = (page) => page.locator('.cg-export > .cg-notice');

/** Waits until the export panel's message reads `text`; returns { role, error }. */
async function waitForMessage(page, text) {
  try {
    await page.waitForFunction((t) => cgOne('.cg-export > .cg-notice')?.textContent.trim() === t, text, { timeout: 10000 });
  } catch {
    const shown = await exportMessage(page).allTextContents();
    assert.fail(`the export panel never said ${JSON.stringify(text)}; it shows ${JSON.stringify(shown)}`);
  }
  const m = exportMessage(page);
  return { role: await m.getAttribute('role'), error: await m.evaluate((e) => e.classList.contains('cg-notice-error')) };
}

/** Chooses a file for "Restore from a backup file". `file` is a path or { name, text }. */
async function restoreFrom(page, file) {
  const input = page.locator('#cg-restore');
  if (typeof file === 'string') await input.setInputFiles(file);
  else await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text, 'utf8') });
}

/** Buttons and the file-input label in the widget smaller than 44x44 CSS px (hidden ones skipped). */
async function smallTargets(page) {
  return page.evaluate(() => [...cgAll('.cg button, .cg summary, .cg a.cg-button, .cg label.cg-file')]
    .map((b) => ({ t: b.textContent.trim().slice(0, 40), r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
    .map(({ t, r }) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`));
}

/** What has focus (looking through the shadow root): tag, id and text. */
function focusInfo() {
  const e = cgActive();
  if (!e || e === document.body) return { tag: 'BODY', id: '', text: '' };
  return { tag: e.tagName, id: e.id, text: (e.textContent ?? '').trim() };
}

async function tabUntil(page, want, { back = false, max = 80, what = 'the element' } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await page.evaluate(focusInfo);
    if (want(f)) return f;
    seen.push(f.id || f.text.slice(0, 20) || f.tag);
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${what} after ${max} presses: ${seen.join(' | ')}`);
}

// ---------------------------------------------------------------------------------------------
// Printing, as the Print button does it, read back with poppler.




async function pdfPng(file, name) {
  await fs.mkdir(`${OUT}/screenshots`, { recursive: true });
  await run('pdftoppm', ['-png', '-r', '80', '-singlefile', file, `${OUT}/screenshots/${name}`]);
  const png = `${OUT}/screenshots/${name}.png`;
  assert.ok((await fs.stat(png)).size > 1000, `${png} was rendered`);
  return png;
}

/** Adds a question with the "Questions for my clinician" form. */
async function addQuestion(page, text) {
  const before = await page.locator('.cg-questions-list li').count();
  await page.locator('#cg-new-question').fill(text);
  await page.locator('.cg-question-add').getByRole('button', { name: diaryText.add_question, exact: true }).click();
  await page.waitForFunction((n) => cgAll('.cg-questions-list li').length === n, before + 1);
  assert.equal(await page.locator('#cg-new-question').inputValue(), '', 'the field is cleared after adding');
}

const PATIENT = 'Ana Sousa-Ferreira';
const QUESTIONS = [
  'Should the lump on my right index finger be taken out?',
  'Is it safe to keep taking diltiazem in the summer heat?',
];
// Things that must never be on the printout: navigation, controls and the host page around it.
const NOT_PRINTED = [
  /\bLearn\b/, uiText.tab_diary, uiText.tab_summary, summaryText.print, summaryText.backup, diaryText.add_question,
  diaryText.remove_question, summaryText.restore_label, summaryText.export_heading, summaryText.period_legend,
  diaryText.question_label, summaryText.delete_button, 'Living with calcinosis', 'Demo page',
];

/** Prints A4 and Letter, checks each is one page with `want` and without NOT_PRINTED; returns paths. */
async function printOnePage(page, label, want) {
  const made = {};
  for (const format of ['A4', 'Letter']) {
    const name = `summary-${label}-${format.toLowerCase()}`;
    const file = await printPdf(page, format, name);
    made[format] = { file, pages: await pdfPages(file) };
    const text = await pdfText(file);
    const missing = want.filter((w) => !text.includes(w));
    const present = NOT_PRINTED.filter((w) => (w instanceof RegExp ? w.test(text) : text.includes(w))).map(String);
    assert.deepEqual({ pages: made[format].pages, missing, present }, { pages: 1, missing: [], present: [] },
      `${label} on ${format}: one page, everything on it, nothing that should not print (${file})`);
  }
  return made;
}

// ---------------------------------------------------------------------------------------------

test('one printed page, A4 and Letter: a 90-day diary with 4 lesions, a name and two questions', async () => {
  const { diary } = seedDiary({ checkIns: 90, lesions: 4, endMs: recent(60_000) });
  const page = await pageWith({ diary });
  await openSummary(page);
  // The default period is the last 90 days, today included.
  assert.equal(await page.locator('#cg-period-90').isChecked(), true, 'Last 90 days is chosen by default');

  await page.locator('#cg-patient-name').click();
  await page.keyboard.type(PATIENT);
  for (const q of QUESTIONS) await addQuestion(page, q);
  assert.equal((await storedPrefs(page))?.patient_name, PATIENT, 'the name is kept on the device');
  assert.deepEqual((await storedDiary(page)).questions.map((q) => q.text), QUESTIONS, 'the questions are kept');

  // seedDiary's pains are (i * 7) % 11 for i = 0..89: eight rounds of 0..10 (8 x 55 = 440), then
  // 0 and 7, so 447 over 90 check-ins = 4.966..., shown as 5.0 (4.9 if it were cut, not rounded).
  assert.deepEqual([diary.checkins.length, diary.checkins.reduce((a, c) => a + c.pain, 0)], [90, 447],
    'the seeded fixture is the one the figures below were worked out for');
  const lesionPlaces = diary.lesions.map((l) => sites[l.site]);
  const want = [
    summaryText.print_title,
    fill(summaryText.for_clinic, { clinic: CLINIC }),
    fill(summaryText.patient, { name: PATIENT }),
    covers(noonDaysAgo(89), 90, 90),
    painFigures(0, 10, '5.0'),
    ...lesionPlaces,
    ...QUESTIONS,
    diaryText.questions_heading,
    uiText.disclaimer,
    // The content version line: "Guide content version 0.1.0, reviewed <date>." and the date it was made.
    summaryText.content_version.split('{date}')[0].replace('{version}', PKG_VERSION).trim(),
    fill(summaryText.made_on, { date: day(Date.now()) }),
    diaryText.trend_caption, // the chart's figcaption: the chart is in the printed flow
    // "Also noted", worked out by hand from seedDiary: stiffness when i % 5 === 1 (i = 1, 6, ...
    // 86: 18 check-ins, the newest a day before the last); daily tasks when i % 3 === 2 (30
    // check-ins, (i * 5) % 11: worst 10, 148 in all, average 4.93..., shown as 4.9).
    summaryText.noted_heading,
    `${summaryText.noted_stiffness}: ${fill(summaryText.noted_count, { n: 18, date: day(Date.parse(diary.checkins[1].at)) })}`,
    fill(summaryText.noted_daily, { worst: 10, avg: '4.9', n: 30 }),
  ];
  // On screen too, before printing (the same text the printout is checked for).
  const onScreen = (await page.locator('.cg-summary').innerText()).replace(/\s+/g, ' ');
  assert.deepEqual(want.filter((w) => !onScreen.includes(w)), [], 'the summary shows everything on screen');
  // On paper only: the foot of the page names the patient and says it is the only page.
  want.push(`${summaryText.print_title} \u00b7 ${PATIENT} \u00b7 ${fill(summaryText.page_of, { n: 1, total: 1 })}`);
  // The chart is drawn with a line point per day, and in print it is not hidden or empty.
  assert.equal(await page.locator('#cg-summary-chart-caption').count(), 1);
  assert.equal(await page.locator('.cg-summary .cg-chart-screen circle.cg-dot').count(), 90, 'one point per day');
  assert.equal(await page.locator('.cg-summary .cg-chart-paper circle.cg-dot').count(), 90, 'one point per day on paper too');

  // Not medical advice: at the top of the screen, and once on paper (in the footer).
  const notice = await page.locator('.cg-disclaimer').boundingBox();
  assert.ok(notice && notice.y < 900, `the notice is on the first screen: ${JSON.stringify(notice)}`);
  assert.ok((await page.locator('.cg-disclaimer').innerText()).includes(uiText.disclaimer));
  const made = await printOnePage(page, 'print', want);
  const printed = await pdfText(made.A4.file);
  const firstWords = uiText.disclaimer.split('.')[0];
  assert.equal(printed.replace(/\s+/g, ' ').split(firstWords).length - 1, 1, `"${firstWords}" is printed once`);
  assert.equal(printed.includes(diaryText.questions_none), false, 'with questions, no "none written" line');
  // The chart in print media: laid out, with some height, inside the one page.
  // On screen the paper's drawing is not shown (nor read out), and in print only it is: as wide
  // as the page, short, and its labels large enough to read (they printed at 2 pt when the screen's
  // drawing was shrunk to a strip).
  const drawings = () => page.evaluate(() => {
    const root = document.querySelector('calcinosis-guide').shadowRoot;
    const box = (el) => el.getBoundingClientRect();
    return ['screen', 'paper'].map((which) => {
      const svg = root.querySelector(`.cg-summary .cg-chart-${which}`);
      const b = box(svg);
      const scale = b.width / svg.viewBox.baseVal.width;
      const labels = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, box: box(t) }));
      return { which, shown: b.height > 0, box: { top: b.top, bottom: b.bottom, left: b.left, right: b.right }, width: b.width, height: b.height, page: root.querySelector('.cg-summary').getBoundingClientRect().width, labels, inside: labels.every((l) => l.box.left >= b.left - 1 && l.box.right <= b.right + 1 && l.box.top >= b.top - 1 && l.box.bottom <= b.bottom + 1) };
    });
  });
  const [screenNow, paperNow] = await drawings();
  assert.ok(screenNow.shown && !paperNow.shown, 'on screen, the screen drawing alone');
  await page.emulateMedia({ media: 'print' });
  const [screenPrinted, paper] = await drawings();
  await page.emulateMedia({ media: 'screen' });
  assert.ok(!screenPrinted.shown && paper.shown, 'in print, the paper drawing alone');
  assert.ok(paper.width > paper.page * 0.6, `the chart takes most of the summary's width in print (${paper.width} of ${paper.page} px)`);
  // On A4 the summary is 186 mm (703 px) wide, inside 12 mm margins: sizes there.
  const onA4 = 703 / paper.page;
  const tall = paper.height * onA4;
  assert.ok(tall > 60 && tall < 110, `the chart prints 16-29 mm tall on A4 (${(tall * 25.4 / 96).toFixed(1)} mm)`);
  assert.equal(paper.labels.length, 5, 'three pain labels and two dates');
  // 10 px is 7.5 pt.
  assert.deepEqual(paper.labels.filter((l) => l.px * onA4 < 10).map((l) => `${l.text}: ${(l.px * onA4).toFixed(1)} px`), [], 'every label prints at 7.5 pt or more on A4');
  assert.ok(paper.inside, `every label inside the drawing ${JSON.stringify(paper.box)}: ${JSON.stringify(paper.labels.map((l) => l.box))}`);

  await pdfPng(made.A4.file, 'summary-print-a4');
  await pdfPng(made.Letter.file, 'summary-print-letter');
  // After printing, the page is back to normal: the host is no longer marked.
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('cg-printing')), false);
  assert.deepEqual(page.errors, []);
});

test('a printout with many lumps goes on over the page between rows, and every page names the patient and its number', async () => {
  // Twenty-eight lumps with long names: more than one page holds. Page 1 must not be left nearly empty
  // with the table pushed whole to page 2, and page 2 must say whose it is (it was blank of any
  // name, the heading being on page 1 only).
  const { diary } = seedDiary({ checkIns: 90, lesions: 28, endMs: recent(60_000) });
  diary.lesions.forEach((l, i) => { l.name = `the big painful lump number ${i + 1} near the joint`; });
  // A fainting three days ago: an emergency sign, which must be on page 1 above the long table
  // (it was on page 2, under it, where a clinician with a minute would not turn).
  const fainted = rfc3339(recent(3 * 86_400_000));
  diary.checkins.push({ id: 'c-fainted', at: fainted, upd: fainted, pain: 6, warn: ['fainted'] });
  for (const lang of ['en', 'pt-PT']) {
    const page = await summaryIn(lang, diary);
    const text = JSON.parse(await fs.readFile(`content/${lang}/summary.json`, 'utf8'));
    const triageText = JSON.parse(await fs.readFile(`content/${lang}/triage.json`, 'utf8'));
    await page.locator('#cg-patient-name').fill(PATIENT);
    for (const format of ['A4', 'Letter']) {
      const file = await printPdf(page, format, `summary-many-lumps-${lang}-${format.toLowerCase()}`);
      const pages = await pdfPages(file);
      assert.ok(pages >= 2, `${lang} ${format}: twenty-eight long-named lumps take more than one page (${pages})`);
      for (let n = 1; n <= pages; n++) {
        const foot = `${text.print_title} \u00b7 ${PATIENT} \u00b7 ${fill(text.page_of, { n, total: pages })}`;
        assert.ok((await pageText(file, n)).includes(foot), `${lang} ${format} page ${n} of ${pages} ends "${foot}" (${file})`);
        // Every page says it is not medical advice (the full line is only at the end of the last).
        const notAdvice = lang === 'en' ? 'Not medical advice' : 'Não é um conselho médico';
        assert.ok((await pageText(file, n)).includes(notAdvice), `${lang} ${format} page ${n}: "${notAdvice}"`);
      }
      const first = await pageText(file, 1);
      assert.ok(first.includes('number 1 near the joint'), `${lang} ${format}: the table starts on page 1, under its heading`);
      const faintedNoted = triageText.reasons.fainted.split('. ')[0];
      assert.ok(first.includes(text.flags_heading) && first.includes(faintedNoted),
        `${lang} ${format}: the warning signs, and the fainting, are on page 1 (${file})`);
      assert.ok(first.indexOf(faintedNoted) < first.indexOf('number 1 near the joint'), `${lang} ${format}: above the lumps`);
      assert.ok((await pageText(file, 2)).includes(text.col_site), `${lang} ${format}: page 2 has the column names again`);
      if (lang === 'en' && format === 'A4') await pdfPng(file, 'summary-many-lumps-a4');
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a printout that runs onto a second page keeps the side effects and the medicines taken whole, under their headings', async () => {
  // Found by an audit of the printout: twelve long-named lumps and five long medicines ran onto a
  // second page that began with bare side effects, their heading left at the foot of page 1.
  const sites = ['right-index-finger', 'left-index-finger', 'right-thumb', 'left-thumb', 'right-middle-finger',
    'left-middle-finger', 'right-elbow', 'left-elbow', 'right-knee', 'left-knee', 'right-wrist', 'left-wrist'];
  const lesions = sites.map((site, i) => ({ id: `lwhole${i}`, site, name: `a hard and painful chalky lump that keeps on growing ${i + 1}`, upd: rfc3339(noonDaysAgo(70)) }));
  const effects = ['headache', 'swollen-ankles', 'dizziness', 'flushing', 'constipation'];
  const checkins = Array.from({ length: 20 }, (_, k) => {
    const at = rfc3339(k === 0 ? recent(60_000) : noonDaysAgo(3 * k));
    return {
      id: `cwhole${k}`, at, upd: at, pain: k % 11,
      obs: lesions.map((l, j) => ({ l: l.id, pain: (k + j) % 11, size: ['rice-grain', 'pea', 'grape', 'walnut'][(k + j) % 4] })),
      fx: [...effects.slice(0, 1 + (k % 5)), ...(k % 2 ? ['other'] : [])],
      ...(k % 2 ? { fx_other: 'A dry cough at night since I started the new tablets' } : {}),
      meds: k % 4 ? 'as-prescribed' : 'missed-some',
    };
  });
  const how = 'One in the morning and one in the evening with food; do not take with grapefruit juice; if a dose is missed, take the next one at the usual time.';
  const medicines = ['Diltiazem 120 mg modified-release capsules, from the rheumatology team at the hospital',
    'Sodium thiosulfate 25% cream from the hospital pharmacy, thinly twice a day on the finger sores',
    'Hydroxychloroquine 200 mg tablets with food in the evening, a lower dose since the eye check',
    'Colchicine 500 micrograms tablets', 'Alendronic acid 70 mg once a week on Sunday mornings, standing up']
    .map((name, i) => ({ id: `mwhole${i}`, name, how, upd: rfc3339(noonDaysAgo(90 - i * 10)) }));
  const questions = QUESTIONS.map((text, i) => ({ id: `qwhole${i}`, text, upd: rfc3339(noonDaysAgo(5)) }));
  const diary = { lesions, checkins, medicines, questions };
  let split = 0;
  for (const lang of ['en', 'pt-PT']) {
    const page = await summaryIn(lang, diary);
    const text = JSON.parse(await fs.readFile(`content/${lang}/summary.json`, 'utf8'));
    const diaryWords = JSON.parse(await fs.readFile(`content/${lang}/diary.json`, 'utf8'));
    const labels = effects.map((e) => `${diaryWords.side_effects[e]}:`);
    const taken = text.meds_text.split('{')[0].trim();
    for (const format of ['A4', 'Letter']) {
      const file = await printPdf(page, format, `summary-whole-sections-${lang}-${format.toLowerCase()}`);
      const pages = await pdfPages(file);
      if (pages > 1) split += 1;
      for (let n = 1; n <= pages; n++) {
        const t = await pageText(file, n);
        const shown = labels.filter((l) => t.includes(l));
        if (shown.length) {
          assert.ok(t.includes(text.side_effects_heading), `${lang} ${format} page ${n} lists side effects under their heading (${file})`);
          assert.equal(shown.length, labels.length, `${lang} ${format} page ${n}: all five side effects, not some (${file})`);
        }
        if (t.includes(taken)) assert.ok(t.includes(text.meds_heading), `${lang} ${format} page ${n}: medicines taken under their heading (${file})`);
      }
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  assert.ok(split >= 2, `the diary is long enough to run onto a second page (${split} of 4 printouts did)`);
});

test('"Also noted" counts one as one: "once, on <date>" and "in 1 check-in", never "1 times"', async () => {
  // seedDiary: stiffness when i % 5 === 1 (i = 1), daily tasks when i % 3 === 2 (i = 2, (2 * 5) % 11 = 10).
  const { diary } = seedDiary({ checkIns: 3, endMs: recent(60_000) });
  diary.checkins[0].fever = true;
  const page = await pageWith({ diary });
  await openSummary(page);
  const noted = (await page.locator('.cg-summary-noted').innerText()).replace(/\s+/g, ' ');
  const want = [
    `${summaryText.noted_fever}: ${fill(summaryText.noted_count_one, { date: day(Date.parse(diary.checkins[0].at)) })}`,
    `${summaryText.noted_stiffness}: ${fill(summaryText.noted_count_one, { date: day(Date.parse(diary.checkins[1].at)) })}`,
    fill(summaryText.noted_daily_one, { worst: 10 }),
  ];
  assert.deepEqual(want.filter((w) => !noted.includes(w)), [], `shown: ${noted}`);
  assert.ok(!/\b1 (times|check-ins)\b/.test(noted), `no "1 times": ${noted}`);
  assert.deepEqual(page.errors, []);
});

test('a question removed by mistake comes back with Undo; focus never drops to the page', async () => {
  const page = await pageWith({ diary: seedDiary({ checkIns: 2 }).diary });
  await openSummary(page);
  await addQuestion(page, 'Can I swim with an open sore?');
  await addQuestion(page, 'Is the cream safe on my fingers?');
  await page.locator('.cg-questions-list li').first().getByRole('button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('.cg-questions-list li').length === 1);
  const status = page.locator('.cg-question-status');
  assert.equal(await status.getAttribute('role'), 'status', 'said in a region that was already on the page');
  assert.ok((await status.innerText()).includes(fill(diaryText.question_removed, { question: 'Can I swim with an open sore?' })));
  await focusIs(page, 'text', diaryText.undo, 'focus is on Undo');
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('.cg-questions-list li').length === 2);
  const texts = await page.locator('.cg-question-text').allTextContents();
  assert.deepEqual(texts.sort(), ['Can I swim with an open sore?', 'Is the cream safe on my fingers?']);
  assert.equal((await storedDiary(page)).questions.filter((q) => !q.del).length, 2, 'kept on the device again');
  await page.waitForFunction(() => cgActive()?.closest('li')?.querySelector('.cg-question-text'), null, { timeout: 10000 }).catch(() => {});
  assert.equal(await page.evaluate(() => cgActive()?.closest('li')?.querySelector('.cg-question-text')?.textContent),
    'Can I swim with an open sore?', 'focus on the question put back (its Remove button)');
  assert.equal(await status.innerText(), '', 'the notice is gone');
  assert.deepEqual(page.errors, []);
});

test('adding a question says so; an empty box or a dictated question past the limit is refused with a message, and nothing is lost', async () => {
  // Found by an adversarial check: "Add question" with nothing typed did nothing, with no word,
  // and an added question was not said to a screen reader; a question could be typed to 500
  // characters while the printout cut it at 200.
  const page = await pageWith({ diary: seedDiary({ checkIns: 2 }).diary });
  await openSummary(page);
  const add = page.locator('.cg-question-add').getByRole('button', { name: diaryText.add_question, exact: true });
  const box = page.locator('#cg-new-question');
  await add.click();
  const error = page.locator('#cg-new-question-error');
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), diaryText.question_empty);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.ok((await box.getAttribute('aria-describedby')).split(' ').includes('cg-new-question-error'));
  await focusIs(page, 'id', 'cg-new-question', 'focus goes to the box');
  assert.deepEqual(await axe(page), [], 'no axe violations with the message shown');
  // Typing clears it; an added question is said in the status region.
  await addQuestion(page, 'Can I swim with an open sore?');
  assert.equal(await error.count(), 0);
  assert.equal((await page.locator('.cg-question-status').innerText()).trim(), fill(diaryText.question_added, { question: 'Can I swim with an open sore?' }));
  // The box takes what prints: 200 characters.
  assert.equal(await box.getAttribute('maxlength'), '200');
  // Dictation or an extension can put more in the box: refused, kept in the box, not added.
  const long = 'Why '.repeat(51).trim();
  await box.evaluate((e, v) => { e.value = v; e.dispatchEvent(new InputEvent('input', { bubbles: true })); }, long);
  await add.click();
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), fill(diaryText.question_too_long, { n: long.length, max: 200 }));
  assert.equal(await box.inputValue(), long, 'the text stays in the box');
  assert.equal((await storedDiary(page)).questions.length, 1, 'nothing more was added');
  assert.deepEqual(page.errors, []);
});

test('a question typed on while storage was full for a moment leaves no stale piece behind once added', async () => {
  // Found by an adversarial check: "Can I" stayed stored after the question was added, and was
  // offered back as "a question you started typing" on every later visit.
  const page = await pageWith({ diary: seedDiary({ checkIns: 2 }).diary });
  await openSummary(page);
  const box = page.locator('#cg-new-question');
  await box.pressSequentially('Can I', { delay: 5 });
  await page.evaluate(() => {
    let c = 'x'.repeat(1 << 20);
    for (let i = 0; c.length;) { try { localStorage.setItem(`junk-${i}`, c); i++; } catch { c = c.slice(0, c.length >> 1); } }
  });
  await box.pressSequentially(' swim with the open sore on my finger', { delay: 2 });
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('junk-')) localStorage.removeItem(k); });
  await box.pressSequentially(' in the sea?', { delay: 5 });
  await page.locator('.cg-question-add').getByRole('button', { name: diaryText.add_question, exact: true }).click();
  await page.waitForFunction(() => cgAll('.cg-questions-list li').length === 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('calcinosis-guide.default.drafts')), null, 'nothing of the question is left as unsaved work');
  await page.reload();
  await ready(page);
  await page.locator('.cg-tabs').getByRole('button', { name: uiText.tab_summary, exact: true }).click();
  await page.locator('.cg-my-meds').waitFor({ state: 'visible' });
  assert.equal(await page.getByText(diaryText.waiting_question).count(), 0, 'no "question you started typing" offered');
  assert.deepEqual(page.errors, []);
});

test('one printed page even with a warning sign almost every day for 90 days', async () => {
  const diary = busyDiary();
  const page = await pageWith({ diary, prefs: { patient_name: PATIENT } });
  await openSummary(page);
  for (const q of QUESTIONS) await addQuestion(page, q);
  const flags = await page.locator('.cg-summary-flags li').allInnerTexts();
  assert.ok(flags.length >= 3, `several kinds of warning sign are listed: ${flags.join(' | ')}`);
  const dates = flags.map((f) => (f.match(/\b\d{1,2} [A-Z][a-z]{2} \d{4}\b/g) ?? []).length);
  assert.ok(dates.every((n) => n >= 1 && n <= 4), `each kind lists at most 4 dates, not all of them: ${dates}`);
  // Fever when i % 3 === 0 but not i % 9 === 8: i = 0, 3, ... 87, 30 check-ins, the newest today.
  const fever = `${summaryText.noted_fever}: ${fill(summaryText.noted_count, { n: 30, date: day(Date.parse(diary.checkins[0].at)) })}`;
  const made = await printOnePage(page, 'print-warnings', [
    summaryText.print_title, fill(summaryText.patient, { name: PATIENT }), summaryText.flags_heading, fever,
    ...diary.lesions.map((l) => sites[l.site]), ...QUESTIONS, uiText.disclaimer, diaryText.trend_caption,
  ]);
  await pdfPng(made.A4.file, 'summary-print-warnings-a4');
  // On paper: each level once, as a heading over its signs; each sign says what was noted (its
  // first sentence), and the explanation for the patient stays on screen.
  const paper = (await pdfText(made.A4.file)).replace(/\s+/g, ' ');
  const screen = (await page.locator('.cg-summary').innerText()).replace(/\s+/g, ' ');
  for (const level of ['emergency', 'call-today']) {
    const title = fill(summaryText.flag_level, { level: triageText.levels[level].title });
    assert.equal(paper.split(title).length - 1, 1, `"${title}" is printed once`);
  }
  for (const key of ['pus-cloudy', 'red-streaks', 'redness-spreading']) {
    const [noted, ...why] = triageText.reasons[key].split('. ');
    assert.ok(paper.includes(`${noted}.`), `printed: ${noted}`);
    assert.ok(!paper.includes(why.join('. ')), `not printed: ${why.join('. ')}`);
    assert.ok(screen.includes(triageText.reasons[key]), `on screen in full: ${key}`);
  }
  assert.deepEqual(page.errors, []);
});

// Found while writing these tests: "Something else" side effects are listed one line per
// check-in, with no limit, so a patient who types one most days gets a summary of several pages.
test('one printed page when a patient types a "something else" side effect on most days', async () => {
  const { diary } = seedDiary({ checkIns: 90, lesions: 2, endMs: recent(60_000) });
  diary.checkins.forEach((c, i) => {
    if (i % 3 === 2) return;
    c.fx = ['other'];
    c.fx_other = i % 2 ? 'Tired in the afternoon' : 'Itchy skin around the lump';
  });
  const page = await pageWith({ diary });
  await openSummary(page);
  // No questions: the printout says so under its heading (a heading alone reads as a fault); the
  // screen shows the hint to write some instead.
  assert.equal(await page.locator('.cg-questions-list li').count(), 0);
  const onScreen = await page.locator('.cg-questions-list').innerText();
  assert.ok(onScreen.includes(diaryText.questions_empty) && !onScreen.includes(diaryText.questions_none),
    `on screen, the hint and not the printed line: ${onScreen}`);
  const made = await printOnePage(page, 'print-other-side-effects', [
    summaryText.print_title, summaryText.side_effects_heading, 'Tired in the afternoon', 'Itchy skin around the lump',
    uiText.disclaimer, diaryText.questions_heading, diaryText.questions_none,
  ]);
  const printed = await pdfText(made.A4.file);
  assert.equal(printed.includes(diaryText.questions_empty), false, 'the on-screen hint is not printed');
  // Each is listed by the patient's words, not also as "Something else: 60 times".
  assert.equal(printed.includes(`${diaryText.side_effects.other}:`), false, 'one side effect is one line');
  await pdfPng(made.A4.file, 'summary-print-other-side-effects-a4');
  assert.deepEqual(page.errors, []);
});

test('twelve questions print with their whole numbers: "10." to "12.", not "0." to "2." cut at the margin', async () => {
  const { diary } = seedDiary({ checkIns: 10, lesions: 1, endMs: recent(60_000) });
  const upd = rfc3339(Date.now() - 60_000);
  diary.questions = Array.from({ length: 12 }, (_, i) => ({ id: `q${String(i).padStart(2, "0")}`, text: `Question number ${i + 1} for the clinic`, upd }));
  const page = await pageWith({ diary });
  await openSummary(page);
  const file = await printPdf(page, 'A4', 'summary-twelve-questions-a4');
  // pdftotext -layout keeps each list line with its number; a number cut at the margin loses its "1".
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  for (let i = 1; i <= 12; i++) {
    assert.match(stdout, new RegExp(`(^|\\s)${i}\\.\\s+Question number ${i} for the clinic`, 'm'), `question ${i} with its number`);
  }
  // In print, "12." fits in the list's own left padding: nothing sticks out past the summary's
  // edge, where a page margin or a clinic page's box can cut it off.
  await page.emulateMedia({ media: 'print' });
  const room = await page.evaluate(() => {
    const ol = cgOne('.cg-questions-list ol');
    const probe = document.createElement('span');
    probe.textContent = '12.\u00a0';
    ol.querySelector('li').append(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    return { padding: parseFloat(getComputedStyle(ol).paddingLeft), need };
  });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(room.padding >= room.need, `"12." needs ${room.need.toFixed(1)} px; the list leaves ${room.padding.toFixed(1)} px`);
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------------

test('the summary figures match a small known diary, for 90 days, 30 days and since a date', async () => {
  const at = { old: noonDaysAgo(60), mid: noonDaysAgo(45), late: noonDaysAgo(1) };
  const lesion = { id: 'lknown1', site: 'right-thumb', name: 'thumb lump', upd: rfc3339(at.old) };
  const diary = {
    lesions: [lesion],
    checkins: [
      { id: 'ck3', at: rfc3339(at.late), upd: rfc3339(at.late), pain: 8,
        obs: [{ l: 'lknown1', pain: 7, size: 'pea' }] },
      { id: 'ck2', at: rfc3339(at.mid), upd: rfc3339(at.mid), pain: 5, meds: 'as-prescribed', fx: ['headache'],
        notes: 'A new rash on my arms' },
      { id: 'ck1', at: rfc3339(at.old), upd: rfc3339(at.old), pain: 2, meds: 'missed-some', fx: ['headache'], notes: ' ',
        obs: [{ l: 'lknown1', pain: 3, size: 'rice-grain', signs: ['open-sore'] }] },
    ],
  };
  const page = await pageWith({ diary });
  await openSummary(page);
  assert.equal(await page.evaluate(() => new Date().getTimezoneOffset()), new Date().getTimezoneOffset(),
    'the browser and the test agree on the time zone');

  /** What the summary shows, read from the page. */
  const shown = async () => {
    const s = page.locator('.cg-summary');
    const sectionText = (h) => s.locator('section', { has: page.getByRole('heading', { name: h, exact: true }) }).locator('p, li').allInnerTexts();
    return {
      covers: (await s.locator('.cg-summary-head p').last().innerText()).trim(),
      pain: (await s.locator('.cg-summary-pain p').first().innerText()).trim(),
      lesions: await s.locator('.cg-summary-table tbody tr').evaluateAll((rows) =>
        rows.map((r) => [...r.children].map((c) => c.textContent.trim()))),
      sideEffects: (await sectionText(summaryText.side_effects_heading)).map((t) => t.trim()),
      medicines: (await sectionText(summaryText.meds_heading)).map((t) => t.trim()),
      noted: (await sectionText(summaryText.noted_heading)).map((t) => t.trim()),
    };
  };
  // The notes are not printed; the printout says how many check-ins have them (blank ones not).
  const notes = summaryText.noted_notes_one;
  // The latest signs say on which day they were the latest. The marks column covers the whole
  // period: open 60 days ago and not since is "none" over 30 days, and over 90 days "open" with
  // that date (a date only when the last mark was before the latest check-in).
  const row = [`thumb lump (${sites['right-thumb']})`, day(at.old), '7', diaryText.size_pea, summaryText.none_marked,
    `${day(at.late)}: ${summaryText.none_marked}`];
  // Over 90 days it was seen twice: pain and size from first to latest (sizes in the printout's
  // short words).
  const row90 = [row[0], row[1], fill(summaryText.lesion_change, { first: 3, latest: 7 }),
    fill(summaryText.lesion_change, { first: summaryText.size_short[0], latest: summaryText.size_short[1] }),
    fill(summaryText.flags_last, { flags: summaryText.flag_open, date: day(at.old) }), row[5]];
  assert.deepEqual(row90.slice(2, 4), ['3 → 7', 'grain of rice → pea']);
  const headache = (n, last) => `${diaryText.side_effects.headache}: ${fill(n === 1 ? summaryText.noted_count_one : summaryText.noted_count, { n, date: day(last) })}`;
  const meds = (missed, not, answered) => fill(summaryText.meds_text, { missed, not, answered });

  assert.deepEqual(await shown(), {
    covers: covers(noonDaysAgo(89), 3, 3),
    pain: painFigures(2, 8, '5.0'), // (2 + 5 + 8) / 3
    lesions: [row90],
    sideEffects: [headache(2, at.mid)],
    medicines: [meds(1, 0, 2)],
    noted: [notes],
  }, 'last 90 days');
  assert.equal(painFigures(2, 8, '5.0'), 'Lowest 2, highest 8, average 5.0');
  assert.match(await page.locator('.cg-summary-head').innerText(), /Check-ins: 3\./);

  await page.locator('#cg-period-30').check();
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 8'));
  assert.deepEqual(await shown(), {
    covers: covers(noonDaysAgo(29), 1, 1),
    pain: painFigures(8, 8, '8.0'),
    lesions: [row], // first noted is the first time ever, even before the period
    sideEffects: [summaryText.side_effects_none],
    medicines: [summaryText.meds_none],
    noted: [summaryText.noted_none],
  }, 'last 30 days');

  // A year still being typed (the browser gives "0002", "0020", "0202" on the way to "2024") is
  // no date to summarise from: the period stays as it was, rather than the whole diary's work
  // again for each digit.
  // Typed with the keys, as a patient does (the browser's own order, month first in en-US): no
  // message either while the year is half typed (found by review: it came and went at each digit).
  const since = noonDaysAgo(50);
  const [year, month, dayOf] = isoDay(since).split('-');
  // Left with a part blank (the year): the browser gives no value, as for a box cleared. The
  // period stays, and the box says the date is not used (found by an audit in WebKit: the
  // summary went back to 90 days without a word).
  await page.locator('#cg-period-since').focus();
  for (const k of [...month, ...dayOf]) await page.keyboard.press(k);
  await page.locator('#cg-patient-name').focus();
  await page.locator('#cg-period-since-error').waitFor();
  assert.equal(await page.evaluate(() => cgOne('#cg-period-since').validity.badInput), true, 'the parts typed stay');
  assert.equal((await shown()).covers, covers(noonDaysAgo(29), 1, 1), 'the period stays');
  await page.locator('#cg-period-since').focus();
  for (const k of [...month, ...dayOf]) await page.keyboard.press(k);
  for (const k of year.slice(0, 3)) {
    await page.keyboard.press(k);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const value = await page.locator('#cg-period-since').inputValue();
    assert.equal((await shown()).covers, covers(noonDaysAgo(29), 1, 1), `"${value}" is not a period`);
    assert.equal(await page.locator('#cg-period-since-error').count(), 0, `no message at "${value}"`);
    assert.ok(await page.evaluate(() => cgOne('#cg-period-30').checked), 'the 30 days stay chosen');
  }
  await page.keyboard.press(year[3]);
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 5'));
  // The year rubbed out of a date in use: not taken as cleared, and left so, the box goes back
  // to the day in use, so it and the summary never differ.
  const sinceCovers = (await shown()).covers;
  await page.keyboard.press('Backspace');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  assert.equal(await page.evaluate(() => cgOne('#cg-period-since').validity.badInput), true, 'the year is blank');
  assert.equal((await shown()).covers, sinceCovers, 'not taken as cleared');
  await page.locator('#cg-patient-name').focus();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  assert.equal(await page.locator('#cg-period-since').inputValue(), isoDay(since), 'the day in use, back in the box');
  assert.equal(await page.locator('#cg-period-since-error').count(), 0);
  assert.equal((await shown()).covers, sinceCovers);

  // Since a date between the oldest and the middle check-in.
  await page.locator('#cg-period-since').fill(isoDay(since));
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 5'));
  assert.deepEqual(await shown(), {
    covers: fill(summaryText.covers, { from: day(since), to: day(Date.now()), n: 2, days: 2 }),
    pain: painFigures(5, 8, '6.5'), // (5 + 8) / 2
    lesions: [row],
    sideEffects: [headache(1, at.mid)],
    medicines: [meds(0, 0, 1)],
    noted: [notes],
  }, 'since a date');
  assert.deepEqual(
    await page.evaluate(() => ['cg-period-30', 'cg-period-90'].map((id) => cgOne(`#${id}`).checked)),
    [false, false], 'neither fixed period is shown as chosen while a date is in use');

  // Since today: no check-in in the period. Nothing reads as "all well": the last check-in's
  // date is given, and each part says there is nothing to show rather than "none".
  await page.locator('#cg-period-since').fill(isoDay(Date.now()));
  await page.waitForFunction(() => !cgOne('.cg-summary-pain p')?.textContent.includes('Lowest'));
  const empty = await shown();
  assert.equal(empty.pain, fill(summaryText.no_check_ins_last, { date: day(at.late) }));
  assert.deepEqual([empty.sideEffects, empty.medicines], [[summaryText.empty_period], [summaryText.empty_period]]);
  assert.equal(await page.getByText(summaryText.flags_none).count(), 0, 'no "None recorded" on an empty period');

  // A day after today, or before the diary's first year, is not used: the box says so, and the
  // summary keeps the period it shows (found by an audit: "5 Jan 2027 to 6 Dec 2026" printed).
  // The empty period still says where things stand: the newest check-in's advice.
  const triageText = JSON.parse(await fs.readFile('content/en/triage.json', 'utf8'));
  assert.equal((await page.locator('.cg-summary-latest').innerText()).trim(),
    fill(summaryText.latest_result, { date: day(at.late), level: triageText.levels['call-today'].title }));
  const emptyCovers = (await shown()).covers;
  const unused = fill(summaryText.since_unused, { earliest: '1 Jan 2000' });
  for (const wrong of [isoDay(Date.now() + 30 * 86_400_000), '1999-12-31']) {
    await page.locator('#cg-period-since').fill(wrong);
    await page.locator('#cg-period-since-error').waitFor();
    assert.equal((await page.locator('#cg-period-since-error').innerText()).trim(), unused);
    assert.equal(await page.locator('#cg-period-since').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#cg-period-since').getAttribute('aria-describedby'), /cg-period-since-error/);
    assert.equal((await shown()).covers, emptyCovers, `${wrong} is not a period`);
  }
  assert.equal(await page.locator('#cg-period-since').getAttribute('max'), isoDay(Date.now()));
  await page.locator('#cg-period-since').fill(isoDay(since));
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 5'));
  assert.equal(await page.locator('#cg-period-since-error').count(), 0, 'a usable day clears the message');
  // A year left short ("0202"): said once the box is left (found by review: never said).
  const inUse = (await shown()).covers;
  await page.locator('#cg-period-since').fill(`0202${isoDay(since).slice(4)}`);
  assert.equal(await page.locator('#cg-period-since-error').count(), 0, 'not while it may still be typed');
  await page.locator('#cg-patient-name').focus();
  await page.locator('#cg-period-since-error').waitFor();
  assert.equal((await shown()).covers, inUse);
  await page.locator('#cg-period-since').fill(isoDay(since));
  await page.waitForFunction(() => !cgOne('#cg-period-since-error'));
  // Emptied a part at a time: only the first part's rubbing out gives the page an event. Left
  // empty, it is a box cleared: back to 90 days, nothing said (found by review: the old period
  // stayed under an empty box).
  await page.locator('#cg-period-since').focus();
  for (let part = 0; part < 3; part++) {
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
  }
  await page.locator('#cg-patient-name').focus();
  await page.waitForFunction(() => !cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 5'));
  assert.equal(await page.locator('#cg-period-since').inputValue(), '');
  assert.equal((await shown()).covers, covers(noonDaysAgo(89), 3, 3), 'the usual 90 days');
  assert.equal(await page.locator('#cg-period-since-error').count(), 0, 'nothing said of an empty box');
  await page.locator('#cg-period-since').fill(isoDay(since));
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 5'));

  // And back to 90 days.
  await page.locator('#cg-period-90').check();
  await page.waitForFunction(() => cgOne('.cg-summary-pain p')?.textContent.includes('Lowest 2'));
  assert.equal((await shown()).covers, covers(noonDaysAgo(89), 3, 3));
  assert.deepEqual(page.errors, []);
});

test('a lump noted since without a pain score keeps its first and latest scores in the printout, not a blank', async () => {
  // Scored 3, then 7, then noted in a quick check-in with its pain passed over: the printout's
  // pain column reads "3 → 7" (before: "3 → –", as if no pain). A lump scored once, then noted
  // unscored, reads "5" (before: "5 → –").
  const at = [noonDaysAgo(20), noonDaysAgo(10), noonDaysAgo(1)];
  const t = at.map(rfc3339);
  const lesions = [
    { id: 'lpain1', site: 'right-thumb', name: 'thumb lump', upd: t[0] },
    { id: 'lpain2', site: 'left-forearm', name: 'arm lump', upd: t[0] },
  ];
  const diary = {
    lesions,
    checkins: [
      { id: 'cp3', at: t[2], upd: t[2], pain: 4, obs: [{ l: 'lpain1', size: 'pea' }, { l: 'lpain2', size: 'pea' }] },
      { id: 'cp2', at: t[1], upd: t[1], pain: 4, obs: [{ l: 'lpain1', pain: 7, size: 'pea' }] },
      { id: 'cp1', at: t[0], upd: t[0], pain: 2, obs: [{ l: 'lpain1', pain: 3, size: 'pea' }, { l: 'lpain2', pain: 5, size: 'pea' }] },
    ],
  };
  const page = await pageWith({ diary });
  await openSummary(page);
  const pains = await page.locator('.cg-summary-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.children[0].textContent.trim(), r.querySelector('td[data-label]:nth-of-type(2)').textContent.trim()]));
  assert.deepEqual(pains, [
    [`thumb lump (${sites['right-thumb']})`, fill(summaryText.lesion_change, { first: 3, latest: 7 })],
    [`arm lump (${sites['left-forearm']})`, '5'],
  ]);
  assert.deepEqual(page.errors, []);
});

test('every lump still followed is on the printout: one noted only before the period, and one in no check-in (its check-in deleted), are named under the table with when they were last noted', async () => {
  const [now, old] = [noonDaysAgo(2), noonDaysAgo(200)].map(rfc3339);
  const diary = {
    lesions: [
      { id: 'seen', site: 'right-thumb', name: 'thumb lump', upd: old },
      { id: 'before', site: 'left-elbow', name: 'elbow lump', upd: old },
      { id: 'orphan', site: 'right-index-finger', name: '', upd: now },
      { id: 'healed', site: 'abdomen', name: 'belly lump', upd: old, healed: true },
    ],
    checkins: [
      { id: 'cnow', at: now, upd: now, pain: 3, obs: [{ l: 'seen', pain: 3, size: 'pea' }] },
      { id: 'cold', at: old, upd: old, pain: 4, obs: [{ l: 'before', pain: 4, size: 'pea' }, { l: 'healed', pain: 1, size: 'pea' }] },
    ],
  };
  const page = await pageWith({ diary });
  await openSummary(page);
  const others = fill(summaryText.lesions_others, { list: [
    fill(summaryText.lesion_other_last, { place: `elbow lump (${sites['left-elbow']})`, date: day(noonDaysAgo(200)) }),
    fill(summaryText.lesion_other_none, { place: sites['right-index-finger'] }),
  ].join('; ') });
  assert.equal((await page.locator('.cg-summary-others').textContent()).trim(), others);
  assert.equal(await page.locator('.cg-summary-table tbody tr').count(), 1, 'the table holds the lump noted in the period');
  const text = (await pdfText(await printPdf(page, 'A4', 'summary-followed-lumps'))).replace(/\s+/g, ' ');
  assert.ok(text.includes(others.replace(/\s+/g, ' ')), text);
  assert.ok(!text.includes('belly lump'), 'a healed lump not noted in the period is left out');
  assert.deepEqual(page.errors, []);
});

// Found by the printout audit (stop 53): redness alone printed as "infection signs" under "Warning
// signs: none"; the warning signs came after the pain; a page that just ran over left the numbers
// to call alone on page 2; a day noted three times read "25 Oct, 25 Oct, 25 Oct"; and a long list
// of questions jumped whole to page 2, leaving page 1 a third blank.
test('what a clinician reads first: warning signs before the pain, the numbers to call at the top, redness named as it is, a day noted three times said once, questions going on over the page', async () => {
  const [old, flagged] = [noonDaysAgo(20), noonDaysAgo(3)];
  const at = (ms, minutes = 0) => rfc3339(ms + minutes * 60_000);
  const diary = {
    lesions: [
      { id: 'red', site: 'right-thumb', name: 'thumb lump', upd: at(old) },
      { id: 'pus', site: 'left-elbow', name: 'elbow lump', upd: at(old) },
    ],
    checkins: [
      ...[30, 20, 10].map((m, i) => ({ id: `same-day-${i}`, at: at(flagged, m), upd: at(flagged, m), pain: 4,
        obs: [{ l: 'pus', pain: 4, size: 'pea', signs: ['pus-cloudy'] }] })),
      { id: 'reddish', at: at(old), upd: at(old), pain: 3, obs: [{ l: 'red', pain: 3, size: 'pea', signs: ['redness-warmth'] }] },
    ],
    questions: Array.from({ length: 40 }, (_, i) => ({ id: `q${String(i).padStart(2, '0')}`, upd: at(old),
      text: `Question ${i + 1}: the lump on my elbow leaks chalky material after I bend my arm, and the skin around it stays sore for days; should I keep it covered at night, and who should look at it next?` })),
  };
  const page = await pageWith({ diary });
  await openSummary(page);
  const s = page.locator('.cg-summary');
  // The warning signs come before the pain in the page's order (and so on paper).
  const order = await page.evaluate(() => {
    const all = [...cgOne('.cg-summary').querySelectorAll('h5')].map((h) => h.textContent.trim());
    return all;
  });
  assert.ok(order.indexOf(summaryText.flags_heading) === 0 && order.indexOf(summaryText.pain_heading) > 0, `headings in order: ${order}`);
  // The numbers to call are in the head, with the clinic.
  const head = await s.locator('.cg-summary-head').innerText();
  assert.ok(head.includes(`${uiText.contacts_clinic}: +44 20 7946 0000`), head);
  // Redness alone is named as it is, not as infection signs (and not in bold); pus is infection.
  const rows = await s.locator('.cg-summary-table tbody tr').evaluateAll((trs) =>
    trs.map((r) => ({ place: r.children[0].textContent.trim(), flags: r.children[4].textContent.trim(), bold: r.children[4].classList.contains('cg-strong') })));
  const row = (name) => rows.find((r) => r.place.startsWith(name));
  assert.deepEqual(row('thumb lump'), { place: `thumb lump (${sites['right-thumb']})`, flags: summaryText.flag_red, bold: false });
  assert.deepEqual(row('elbow lump'), { place: `elbow lump (${sites['left-elbow']})`, flags: summaryText.flag_infection, bold: true });
  // The pus noted three times on one day: that day once, with how many times.
  const dates = await s.locator('.cg-summary-flags .cg-dates').allInnerTexts();
  const threeTimes = fill(summaryText.flag_times, { n: 3, dates: fill(summaryText.date_times, { date: day(flagged), n: 3 }) });
  assert.ok(dates.some((d) => d.trim() === threeTimes), `${JSON.stringify(dates)} has "${threeTimes}"`);

  for (const format of ['A4', 'Letter']) {
    const file = await printPdf(page, format, `summary-clinician-first-${format.toLowerCase()}`);
    assert.equal(await pdfPages(file), 2, 'forty long questions run onto a second page');
    const pages = [];
    for (const n of [1, 2]) {
      const { stdout } = await run('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-']);
      pages.push(stdout.replace(/\s+/g, ' '));
    }
    // Page 1 holds the numbers and the first questions; the rest go on over the page.
    assert.ok(pages[0].includes(`${uiText.contacts_clinic}: +44 20 7946 0000`), `${format} page 1 has the clinic's number`);
    assert.ok(pages[0].includes('Question 1:') && pages[0].includes(diaryText.questions_heading), `${format}: the questions start on page 1`);
    assert.ok(pages[1].includes('Question 40:'), `${format}: the last question on page 2`);
    assert.ok(pages[0].indexOf(summaryText.flags_heading) < pages[0].indexOf(summaryText.pain_heading), `${format}: warning signs first on paper`);
  }
  assert.deepEqual(await axe(page), [], 'no axe violations');
  assert.deepEqual(page.errors, []);
});

test('a check-in just after midnight keeps its day in a summary made on the other side of a daylight-saving change', async () => {
  // Lisbon: UTC in winter, UTC+1 in summer. The check-in is in the half of last year that is not
  // now, 30 minutes from midnight on the side where the two offsets disagree about the day.
  const zone = 'Europe/Lisbon';
  const nowIsSummer = new Date().toLocaleString('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).endsWith('GMT+1');
  const year = new Date().getUTCFullYear() - 1;
  const [at, since, shownDay, shownTime] = nowIsSummer
    ? [`${year}-01-15T23:30:00Z`, `${year}-01-15`, `15 Jan ${year}`, '23:30'] // winter, UTC
    : [`${year}-07-14T23:30:00Z`, `${year}-07-15`, `15 Jul ${year}`, '00:30']; // summer, UTC+1
  const diary = {
    lesions: [{ id: 'ldst', site: 'right-thumb', name: 'thumb lump', upd: at }],
    checkins: [{ id: 'cdst', at, upd: at, pain: 3, fx: ['headache'], obs: [{ l: 'ldst', pain: 4, signs: ['open-sore'] }] }],
  };
  const context = await app.browser.newContext({ timezoneId: zone, viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('cg-test-seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('cg-test-seeded', '1');
      }
    }, [DIARY_KEY, JSON.stringify({ schema: 1, data: diary })]);
    const page = await context.newPage();
    await openSummary(page);
    await page.locator('#cg-period-since').fill(since);
    await page.waitForFunction((from) => cgOne('.cg-summary-head')?.textContent.includes(`${from} to `), shownDay);
    const s = page.locator('.cg-summary');
    const covers = (await s.locator('.cg-summary-head p').last().innerText()).trim();
    const firstNoted = await s.locator('.cg-summary-table tbody tr td').first().textContent().catch(() => null);
    const sideEffects = await s.locator('section', { has: page.getByRole('heading', { name: summaryText.side_effects_heading, exact: true }) })
      .locator('li').allInnerTexts();
    await openDiary(page);
    const history = (await page.locator('.cg-entry-when').first().textContent()).trim();
    // All at once, so a failure shows every place that put it on another day.
    assert.deepEqual(
      { counted: covers.includes('Check-ins: 1. Days with a check-in: 1.'), firstNoted, sideEffects, history },
      {
        counted: true,
        firstNoted: shownDay,
        sideEffects: [`${diaryText.side_effects.headache}: ${fill(summaryText.noted_count_one, { date: shownDay })}`],
        history: `${shownDay}, ${shownTime}`,
      },
      `summary and history agree on the day of ${at} in ${zone} (${covers})`,
    );
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------

const HOSTILE = 'Commas, "double quotes", \'single\'\nsecond line\r\nthird; emoji 🦴🩹 <script>alert(1)</script> & <b>bold</b> =1+1';

/** A diary with hostile text everywhere, a deleted check-in and a deleted question. */
function hostileDiary() {
  const { diary } = seedDiary({ checkIns: 6, lesions: 2, notes: HOSTILE });
  diary.lesions[0].name = `Lump, "left" <script>alert(2)</script> 🦴`;
  const upd = diary.checkins[0].upd;
  diary.checkins[3].del = true;
  diary.questions = [
    { id: 'qa1', text: `Why, "doctor"? <script>alert(3)</script>\n🦴 line two`, upd },
    { id: 'qa2', text: 'Can I swim with an open sore?', upd },
    { id: 'qa3', text: 'A question I removed', upd, del: true },
  ];
  return diary;
}

const live = (records) => Object.fromEntries(records.filter((r) => !r.del).map((r) => [r.id, r]));
const liveParts = (d) => ({ lesions: live(d.lesions ?? []), checkins: live(d.checkins ?? []), questions: live(d.questions ?? []) });

test('backup, delete all (only this widget\'s keys), restore: same diary back; restoring again adds nothing', async () => {
  const diary = hostileDiary();
  const others = {
    'site-cart': '{"items":[1,2,3]}',
    'calcinosis-guide.other-ns.diary': '{"schema":1,"data":{"checkins":[]}}',
    'calcinosis-guide.defaults.diary': 'a neighbour whose name starts like ours',
    'calcinosis-guide.default': 'not inside our namespace either',
  };
  const page = await pageWith({ diary, items: others });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await openSummary(page);
  await page.locator('#cg-patient-name').fill(PATIENT);
  const stored = await storedDiary(page);
  assert.deepEqual(liveParts(stored), liveParts(diary), 'the seeded diary is what the widget holds');

  // Backup.
  const backup = await download(page, exportButton(page, summaryText.backup), 'roundtrip-');
  assert.match(backup.name, /^calcinosis-diary-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = JSON.parse(backup.text);
  assert.equal(parsed.format, 'calcinosis-guide-backup');
  assert.equal(parsed.schema, 2);
  assert.ok(!Number.isNaN(Date.parse(parsed.exported)), 'it says when it was made');
  assert.deepEqual(parsed.data, stored, 'the backup holds the whole stored diary, tombstones included');
  assert.equal(parsed.settings?.patient_name, PATIENT);
  const backupSaved = await waitForMessage(page, fill(summaryText.backup_done, { file: backup.name }));
  assert.deepEqual(backupSaved, { role: 'status', error: false });

  // Delete all my data, confirmed.
  await exportButton(page, summaryText.delete_button).click();
  assert.ok(await page.getByText(summaryText.delete_confirm).isVisible(), 'asks first');
  await exportButton(page, summaryText.delete_yes).click();
  await waitForMessage(page, summaryText.delete_done);
  const afterDelete = await storage(page);
  assert.deepEqual(Object.keys(afterDelete).filter((k) => k.startsWith(MINE)), [], 'every key of this widget is gone');
  for (const [k, v] of Object.entries(others)) assert.equal(afterDelete[k], v, `${k} is untouched`);
  assert.ok(await page.getByText(summaryText.no_check_ins).isVisible(), 'the summary is empty');
  assert.equal(await page.locator('.cg-questions-list li').count(), 0, 'no questions');
  assert.equal(await page.locator('#cg-patient-name').inputValue(), '', 'the name is gone too');
  await openDiary(page);
  assert.ok(await page.getByText(diaryText.no_entries).isVisible(), 'the diary is empty');
  await tabButton(page, uiText.tab_summary).click();
  await page.locator('.cg-summary').waitFor();

  // Restore.
  const records = diary.lesions.length + diary.checkins.length + diary.questions.length;
  await restoreFrom(page, backup.file);
  const report = (added, skipped) => fill(summaryText.restore_report, { added, updated: 0, skipped, kept: 0 });
  assert.deepEqual(await waitForMessage(page, report(records, 0)), { role: 'status', error: false });
  const restored = await storedDiary(page);
  assert.deepEqual(liveParts(restored), liveParts(diary), 'the same check-ins, lesions and questions, by id and content');
  assert.deepEqual(restored, stored, 'tombstones came back too');
  assert.ok((await page.locator('.cg-summary-head').innerText()).includes(`Check-ins: ${diary.checkins.filter((c) => !c.del).length}.`));
  const questions = await page.locator('.cg-questions-list li > span').allTextContents();
  assert.deepEqual(questions, diary.questions.filter((q) => !q.del).map((q) => q.text), 'questions are shown as text');
  for (const [k, v] of Object.entries(others)) assert.equal((await storage(page))[k], v, `${k} is still untouched`);

  // The same file again: nothing added, no duplicates.
  await restoreFrom(page, backup.file);
  await waitForMessage(page, report(0, records));
  const again = await storedDiary(page);
  assert.deepEqual(again, restored, 'restoring twice changes nothing');
  for (const kind of ['lesions', 'checkins', 'questions']) {
    const ids = again[kind].map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `no duplicate ${kind}`);
  }
  // A backup whose copy of one check-in is older than the one here: that one stays as it is
  // here, and the report says so once, in words for one.
  const older = JSON.parse(backup.text);
  const live = older.data.checkins.find((c) => !c.del);
  Object.assign(live, { notes: 'an older copy', upd: '2001-01-01T00:00:00Z' });
  await restoreFrom(page, { name: 'older.json', text: JSON.stringify(older) });
  await waitForMessage(page, `${report(0, records - 1)} ${summaryText.restore_kept_one}`);
  assert.deepEqual(await storedDiary(page), again, 'the copy here is kept');
  // A copy edited "two hours from now" (that device's clock ran ahead): the copy here is kept,
  // and the report says why truly, not that the copy here was changed later.
  const ahead = JSON.parse(backup.text);
  Object.assign(ahead.data.checkins.find((c) => !c.del), { notes: 'typed on the tablet', upd: rfc3339(Date.now() + 2 * 3_600_000) });
  await restoreFrom(page, { name: 'ahead.json', text: JSON.stringify(ahead) });
  await waitForMessage(page, `${report(0, records - 1)} ${summaryText.restore_kept_clock_one}`);
  assert.deepEqual(await storedDiary(page), again, 'the copy here is kept');
  assert.equal(await page.locator('.cg script, .cg b').count(), 0, 'no element was made from the text');
  assert.deepEqual(dialogs, [], 'no script ran');
  assert.deepEqual(page.errors, []);
});

test('restore failures change nothing and say why: not JSON, not a backup (FHIR), newer schema, pain 11', async () => {
  const { diary } = seedDiary({ checkIns: 5, lesions: 2 });
  const page = await pageWith({ diary });
  await openSummary(page);
  const backup = await download(page, exportButton(page, summaryText.backup), 'fail-');
  const fhir = await download(page, exportButton(page, summaryText.fhir), 'fail-');
  assert.equal(JSON.parse(fhir.text).resourceType, 'Bundle');
  const before = await storage(page);
  const shownBefore = await page.locator('.cg-summary').innerText();
  const edited = (edit) => {
    const v = JSON.parse(backup.text);
    edit(v);
    return JSON.stringify(v);
  };
  const firstId = JSON.parse(backup.text).data.checkins[0].id;
  const cases = [
    ['a file that is not JSON', { name: 'notes.json', text: 'Pain 4 today {not json' }, summaryText.restore_not_json],
    ['an empty file', { name: 'empty.json', text: '' }, summaryText.restore_not_json],
    ['a FHIR bundle from this widget', fhir.file, summaryText.restore_not_backup],
    ['a backup from a newer version', { name: 'newer.json', text: edited((v) => { v.schema = 99; }) }, summaryText.restore_newer],
    // What is wrong goes to the console for the clinic's support, not to the patient (found by
    // the audit of files, stop 55: "(diary data: checkins: [2]: obs: [0]: …)", in English in the
    // Portuguese message too).
    ['a backup with a pain of 11', { name: 'pain11.json', text: edited((v) => { v.data.checkins[0].pain = 11; }) },
      summaryText.restore_invalid],
    // Found by the same audit: the very file saved, cut short on its way, was "not a backup".
    ['a backup cut short', { name: backup.name, text: backup.text.slice(0, Math.floor(backup.text.length * 0.7)) },
      summaryText.restore_cut_short],
  ];
  const warned = [];
  page.on('console', (m) => m.type() === 'warning' && warned.push(m.text()));
  for (const [what, file, message] of cases) {
    await restoreFrom(page, file);
    assert.deepEqual(await waitForMessage(page, message), { role: 'alert', error: true }, `${what}: an error, announced`);
    assert.deepEqual(await storage(page), before, `${what}: storage is byte-for-byte unchanged`);
    assert.equal(await page.locator('.cg-summary').innerText(), shownBefore, `${what}: the summary is unchanged`);
  }
  assert.ok(warned.some((w) => w.includes(`check-in "${firstId}": pain is 11, not 0-10`)), `the console names what is wrong: ${warned}`);
  assert.deepEqual(page.errors, []);
});

// A device whose clock ran ahead dates its check-ins in the future, and its backups hold them.
// Such a backup used to be refused whole ("damaged"), so the patient could restore none of it.
test('a backup holding a check-in dated in the future restores whole, keeps it, and says how to correct it', async () => {
  const { diary } = seedDiary({ checkIns: 4, lesions: 2 });
  const page = await pageWith({ diary });
  await openSummary(page);
  const backup = await download(page, exportButton(page, summaryText.backup), 'ahead-');
  const file = JSON.parse(backup.text);
  const ahead = { ...file.data.checkins[0], id: 'cahead1', notes: 'saved with the clock a year ahead', warn: ['chest-pain'] };
  ahead.at = rfc3339(Date.now() + 400 * 86_400_000);
  ahead.upd = ahead.at;
  file.data.checkins.push(ahead);
  assert.equal(await page.locator('.cg-dated-ahead').count(), 0, 'nothing to tell before');

  await restoreFrom(page, { name: 'ahead.json', text: JSON.stringify(file) });
  const records = diary.lesions.length + diary.checkins.length;
  const where = { diary: uiText.tab_diary, history: diaryText.history_heading, edit: diaryText.edit };
  const said = `${fill(summaryText.restore_report, { added: 1, updated: 0, skipped: records })} ${fill(summaryText.restore_dated_ahead_one, where)}`;
  assert.deepEqual(await waitForMessage(page, said), { role: 'status', error: false });
  const kept = (await storedDiary(page)).checkins.find((c) => c.id === 'cahead1');
  assert.equal(kept?.at, ahead.at, 'kept with its date as it was');
  assert.equal(kept?.notes, ahead.notes);

  // The summary leaves it out of the period, and says so on screen (not on paper).
  const notice = page.locator('.cg-dated-ahead');
  assert.equal((await notice.innerText()).trim(), fill(summaryText.dated_after_today_one, where));
  assert.ok((await page.locator('.cg-summary-head').innerText()).includes(`Check-ins: ${diary.checkins.length}.`));
  assert.equal(await notice.evaluate((e) => e.closest('.cg-summary') === null), true, 'outside the printed page');
  // Its warning sign is on the page a clinician reads all the same, under its own level.
  const triageText = JSON.parse(await fs.readFile('content/en/triage.json', 'utf8'));
  assert.ok((await page.locator('.cg-summary .cg-flag-level').allTextContents()).includes(fill(summaryText.flag_level, { level: triageText.levels.emergency.title })),
    'a red flag is never left off the printout');
  await axe(page);
  // On paper the clinician is told why a check-in dated next year heads the page (found by an
  // audit of the printout: only the screen said so).
  assert.equal(await page.locator('.cg-summary-head .cg-print-only').isVisible(), false, 'on paper only');
  const paper = await pdfText(await printPdf(page, 'A4', 'summary-dated-ahead'));
  assert.ok(paper.includes(summaryText.dated_ahead_paper_one), paper);
  assert.ok(!paper.includes(diaryText.edit), 'not the patient\'s way to correct it');

  // The history shows it, and its date can be corrected there.
  await openDiary(page);
  const entry = page.locator('.cg-history li.cg-entry', { hasText: ahead.notes });
  assert.equal(await entry.count(), 1, 'listed in the history');
  assert.deepEqual(page.errors, []);
});

// A summary left open overnight: nothing on the page changes at midnight to draw it again, so the
// Print button printed yesterday's period (its last day, and the first day of "the last 90"), and
// the files it saved were named by the day before.
test('a summary left open past midnight prints today\'s period, and names files by today', async () => {
  const { diary } = seedDiary({ checkIns: 3, lesions: 1 });
  const page = await pageWith({ diary });
  const { evening, next } = await lateEvening(page);
  await openSummary(page);
  const head = page.locator('.cg-summary-head');
  assert.ok((await head.innerText()).includes(` ${day(evening)}.`), 'drawn for the evening\'s day');
  // What the page held when the print dialog would open.
  await page.evaluate(() => { window.print = () => { window.cgPrinted = cgOne('.cg-summary-head').textContent; }; });
  await page.clock.fastForward('05:00');
  await page.getByRole('button', { name: summaryText.print, exact: true }).click();
  await page.waitForFunction(() => window.cgPrinted !== undefined);
  const printed = await page.evaluate(() => window.cgPrinted);
  assert.ok(printed.includes(` ${day(next)}.`), `printed up to the new day: ${printed}`);
  assert.ok(!printed.includes(` ${day(evening)}.`), `not up to the day before: ${printed}`);
  assert.ok((await head.innerText()).includes(` ${day(next)}.`), 'and the screen shows it too');
  // Pressed again the same day: printed at once, as before.
  await page.evaluate(() => { window.cgPrinted = undefined; });
  await page.getByRole('button', { name: summaryText.print, exact: true }).click();
  await page.waitForFunction(() => window.cgPrinted !== undefined);
  // A file saved after midnight is named by its own day (the panel is not drawn again for it).
  await page.clock.fastForward('02:00');
  const pad = (n) => String(n).padStart(2, '0');
  const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const csv = await download(page, exportButton(page, summaryText.csv), 'midnight-');
  assert.equal(csv.name, `calcinosis-diary-${iso(next)}.csv`);
  assert.deepEqual(page.errors, []);
});

// The same through the browser's own Print (Ctrl+P, its menu): no button of ours is pressed, so
// the page must draw today's summary when the browser says it is about to print.
test('a summary left open past midnight and printed with the browser\'s own Print shows today\'s period on paper', async () => {
  const { diary } = seedDiary({ checkIns: 3, lesions: 1 });
  const page = await pageWith({ diary });
  const { evening, next } = await lateEvening(page);
  await openSummary(page);
  const head = page.locator('.cg-summary-head');
  assert.ok((await head.innerText()).includes(` ${day(evening)}.`), 'drawn for the evening\'s day');
  await page.clock.fastForward('05:00');
  // page.pdf() prints as the browser's Print does: it tells the page first ("beforeprint").
  const file = `${OUT}/summary-own-print-after-midnight.pdf`;
  await page.pdf({ path: file, format: 'A4' });
  const printed = await pdfText(file);
  assert.ok(printed.includes(` ${day(next)}.`), `printed up to the new day: ${printed.slice(0, 400)}`);
  assert.ok(!printed.includes(` ${day(evening)}.`), `not up to the day before: ${printed.slice(0, 400)}`);
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------------

/** RFC 4180 records of `text`, with the line end that closed each record. */
function parseCsv(text, sep = ',') {
  const records = [];
  let cells = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && cell === '') {
      // A quoted cell: up to the closing quote, with "" for a quote.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i += 2; } else if (text[i] === '"') { i += 1; break; } else { cell += text[i]; i += 1; }
      }
      if (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n') throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === sep) {
      cells.push(cell); cell = ''; i += 1;
    } else if (text[i] === '\r' || text[i] === '\n') {
      const end = text.startsWith('\r\n', i) ? '\r\n' : text[i];
      cells.push(cell); cell = '';
      records.push({ cells, end });
      cells = [];
      i += end.length;
    } else {
      cell += text[i]; i += 1;
    }
  }
  if (cell !== '' || cells.length) records.push({ cells: [...cells, cell], end: '' });
  return records;
}

const CSV_HEADER = ['check_in_id', 'date', 'time', 'utc_offset', 'pain', 'fever', 'lump_now', 'raynaud', 'stiffness',
  'daily_effect', 'sleep_disturbed', 'warnings', 'immune_weakening', 'adherence', 'side_effects', 'other_side_effect',
  'notes', 'lesion_id', 'site_id', 'site_label', 'lesion_name', 'lesion_marked_healed_as_of_export', 'lesion_pain',
  'size', 'signs', 'advice_at_the_time', 'advice_reasons'];

/** iCalendar lines with folding undone; fails on a bare CR or LF. */
function icsLines(text) {
  assert.ok(text.endsWith('\r\n'), 'the calendar file ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  assert.deepEqual(physical.filter((l) => /[\r\n]/.test(l)), [], 'every line ends with CRLF (no bare CR or LF)');
  const lines = [];
  for (const l of physical) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  return lines;
}

test('downloads: CSV (BOM, header, a row per lesion observation, CRLF), FHIR bundle, calendar reminders', async () => {
  const note = 'Sore, "weepy"\nsecond line 🦴 =SUM(A1)';
  // The seeded check-ins all older than the one without lesions, whatever the time of day.
  const { diary } = seedDiary({ checkIns: 4, lesions: 3, notes: note, endMs: Date.now() - 3600_000 });
  const plainAt = rfc3339(Date.now() - 30 * 60_000);
  diary.checkins.unshift({ id: 'cnolesion', at: plainAt, upd: plainAt, pain: 1 });
  diary.checkins[2].del = true; // a deleted check-in is not exported
  const liveCheckIns = diary.checkins.filter((c) => !c.del);
  const page = await pageWith({ diary });
  await openSummary(page);

  // CSV.
  const csv = await download(page, exportButton(page, summaryText.csv));
  assert.match(csv.name, /^calcinosis-diary-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 byte-order mark');
  const records = parseCsv(csv.text.slice(1));
  assert.deepEqual(records[0].cells, CSV_HEADER, 'the header row');
  assert.deepEqual([...new Set(records.map((r) => r.end))], ['\r\n'], 'every record ends with CRLF');
  const rows = records.slice(1);
  const expectedRows = liveCheckIns.reduce((n, c) => n + Math.max(1, c.obs?.length ?? 0), 0);
  assert.equal(rows.length, expectedRows, 'one row per lesion observation (and one for a check-in without any)');
  assert.deepEqual(rows.filter((r) => r.cells.length !== CSV_HEADER.length).length, 0, 'every row has every column');
  const col = (name) => CSV_HEADER.indexOf(name);
  // Oldest first; for each check-in, its observations in order.
  const expectedPairs = [...liveCheckIns].reverse().flatMap((c) => (c.obs?.length ? c.obs.map((o) => [c.id, o.l]) : [[c.id, '']]));
  assert.deepEqual(rows.map((r) => [r.cells[col('check_in_id')], r.cells[col('lesion_id')]]), expectedPairs);
  const seeded = rows.filter((r) => r.cells[col('check_in_id')] !== 'cnolesion');
  assert.deepEqual([...new Set(seeded.map((r) => r.cells[col('notes')]))], [note], 'notes survive quoting intact');
  assert.deepEqual(rows.find((r) => r.cells[col('lesion_id')] === diary.lesions[1].id).cells[col('site_label')],
    sites[diary.lesions[1].site], 'site labels are in the reader\'s language');
  // Found by an audit: the printout says what each check-in's result was; the file now does too.
  const levels = ['none', 'next-visit', 'call-today', 'get-help-now', 'emergency'];
  assert.deepEqual(rows.filter((r) => !levels.includes(r.cells[col('advice_at_the_time')])).map((r) => r.cells[0]), [],
    'every row says the advice its check-in gave');

  // FHIR.
  const fhir = await download(page, exportButton(page, summaryText.fhir));
  assert.match(fhir.name, /^calcinosis-diary-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(fhir.text);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  const resources = bundle.entry.map((e) => e.resource);
  const responses = resources.filter((r) => r.resourceType === 'QuestionnaireResponse');
  assert.equal(responses.length, liveCheckIns.length, 'a QuestionnaireResponse per live check-in');
  assert.equal(resources.filter((r) => r.resourceType === 'Questionnaire').length, 1);
  const pains = responses.map((r) => r.item.find((i) => i.linkId === 'pain').answer[0].valueInteger).sort();
  assert.deepEqual(pains, liveCheckIns.map((c) => c.pain).sort(), 'each response carries its check-in\'s pain');

  // Calendar: every day at 07:45.
  const today = new Date();
  await page.locator('#cg-reminder-time').fill('07:45');
  const daily = await download(page, page.getByRole('button', { name: summaryText.add_reminder, exact: true }));
  assert.match(daily.name, /\.ics$/);
  const dl = icsLines(daily.text);
  assert.ok(dl.includes('RRULE:FREQ=DAILY'), `daily rule: ${dl.join(' | ')}`);
  assert.ok(dl.includes(`DTSTART:${isoDay(today.getTime()).replaceAll('-', '')}T074500`), `starts today at 07:45: ${dl.join(' | ')}`);
  assert.equal(dl[0], 'BEGIN:VCALENDAR');
  assert.equal(dl.at(-1), 'END:VCALENDAR');

  // Calendar: once a week on Thursday at 18:30; the first one is the next Thursday from today.
  await page.locator('#cg-freq-weekly').check();
  await page.locator('#cg-weekday').selectOption('TH');
  await page.locator('#cg-reminder-time').fill('18:30');
  const weekly = await download(page, page.getByRole('button', { name: summaryText.add_reminder, exact: true }));
  const wl = icsLines(weekly.text);
  assert.ok(wl.includes('RRULE:FREQ=WEEKLY;BYDAY=TH'), `weekly rule: ${wl.join(' | ')}`);
  const first = new Date(today);
  while (first.getDay() !== 4) first.setDate(first.getDate() + 1);
  assert.ok(wl.includes(`DTSTART:${isoDay(first.getTime()).replaceAll('-', '')}T183000`), `starts on the next Thursday at 18:30: ${wl.join(' | ')}`);

  // Found by an audit: Excel in Portugal splits a file opened from disk on ";", so a
  // comma-separated file opened in one column. A Portuguese clinic's file has the same cells
  // separated by ";" (only the lumps' place names are in Portuguese), whatever language the
  // patient reads in; an English clinic's stays "," when its patient reads in Portuguese (found
  // by review: it followed the patient's switch).
  const ptSummary = JSON.parse(await fs.readFile('content/pt-PT/summary.json', 'utf8'));
  const csvButton = (p, name) => p.locator('.cg-export').getByRole('button', { name, exact: true });
  await page.getByRole('button', { name: 'Português' }).click();
  await page.waitForFunction(() => cgOne('section.cg')?.lang === 'pt-PT' && cgOne('.cg-summary'));
  const switched = await download(page, csvButton(page, ptSummary.csv), 'switched-');
  assert.ok(switched.text.startsWith(`\ufeff${CSV_HEADER.join(',')}\r\n`), 'an English clinic\'s file is separated by ","');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  const clinic = await pageWith({ diary });
  await clinic.goto(`${app.url}/`);
  await ready(clinic);
  await clinic.evaluate(() => document.querySelector('calcinosis-guide').setAttribute('lang', 'pt-PT'));
  await clinic.waitForFunction(() => cgOne('section.cg')?.lang === 'pt-PT');
  const ptUi = JSON.parse(await fs.readFile('content/pt-PT/ui.json', 'utf8'));
  await tabButton(clinic, ptUi.tab_summary).click();
  await clinic.locator('.cg-summary').waitFor();
  const withoutLabels = (r) => r.cells.filter((_, i) => i !== col('site_label'));
  for (const [what, name] of [['in Portuguese', ptSummary.csv], ['in English', summaryText.csv]]) {
    if (what === 'in English') {
      await clinic.getByRole('button', { name: 'English' }).click();
      await clinic.waitForFunction(() => cgOne('section.cg')?.lang === 'en' && cgOne('.cg-summary'));
    }
    const csvPt = await download(clinic, csvButton(clinic, name), 'pt-');
    assert.ok(csvPt.text.startsWith(`\ufeff${CSV_HEADER.join(';')}\r\n`), `a Portuguese clinic's file, read ${what}, is separated by ";"`);
    const ptRows = parseCsv(csvPt.text.slice(1), ';').slice(1);
    assert.deepEqual(ptRows.map(withoutLabels), rows.map(withoutLabels), `${what}: the same cells as the English file`);
  }
  assert.deepEqual(clinic.errors, []);
});

// Found while writing these tests: every download says "Backup saved: <file>", so a patient who
// downloads the spreadsheet is told it is a backup (it cannot be restored from).
test('a CSV, FHIR or calendar download is not announced as a backup, nor counted as one', async () => {
  const { diary } = seedDiary({ checkIns: 3, lesions: 1 });
  const page = await pageWith({ diary });
  await openSummary(page);
  const backupPrefix = summaryText.backup_done.split('{file}')[0].trim();
  const said = {};
  for (const [what, button] of [['CSV', exportButton(page, summaryText.csv)], ['FHIR', exportButton(page, summaryText.fhir)],
    ['calendar', page.getByRole('button', { name: summaryText.add_reminder, exact: true })]]) {
    const file = await download(page, button, 'notbackup-');
    await page.waitForFunction((n) => cgOne('.cg-export > .cg-notice')?.textContent.includes(n), file.name);
    said[what] = (await exportMessage(page).textContent()).trim();
  }
  assert.equal((await storedPrefs(page))?.last_backup, undefined, 'no backup time is recorded for these files');
  assert.deepEqual(Object.entries(said).filter(([, m]) => m.startsWith(backupPrefix)).map(([w, m]) => `${w}: ${m}`), [],
    'downloads that are not backups are not called backups');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------------------------------------

test('backup reminder: shown 40 days after the last backup (or with none), opens the summary, gone after a backup and in a browser that restored it', async () => {
  // 35 daily check-ins: entries have gone more than 30 days without a backup.
  const { diary } = seedDiary({ checkIns: 35, lesions: 1 });
  const reminder = (page) => page.locator('.cg-backup-reminder');

  // None when the last backup is recent, when the diary is empty, or when a diary never backed
  // up is less than 30 days old (a new diary is not nagged).
  for (const [what, d, prefs] of [
    ['a new diary, never backed up', seedDiary({ checkIns: 3, lesions: 1 }).diary, undefined],
    ['a backup 10 days ago', diary, { last_backup: rfc3339(Date.now() - 10 * DAY) }],
    ['an empty diary', undefined, undefined],
  ]) {
    const page = await pageWith({ diary: d, prefs });
    await page.goto(`${app.url}/`);
    await ready(page);
    await openDiary(page);
    assert.equal(await reminder(page).count(), 0, `no reminder with ${what}`);
    await page.context().close();
  }

  for (const [what, prefs] of [['no backup ever', undefined], ['a backup 40 days ago', { last_backup: rfc3339(Date.now() - 40 * DAY) }]]) {
    const page = await pageWith({ diary, prefs });
    await page.goto(`${app.url}/`);
    await ready(page);
    await openDiary(page);
    await reminder(page).waitFor();
    assert.equal((await reminder(page).locator('p').innerText()).trim(), summaryText.backup_reminder, `${what}: the reminder`);
    await reminder(page).getByRole('button', { name: summaryText.backup_now, exact: true }).click();
    await page.locator('.cg-summary').waitFor();
    assert.equal(await tabButton(page, uiText.tab_summary).getAttribute('aria-pressed'), 'true', `${what}: the Summary part is open`);

    const started = Date.now() - 1000;
    const backup = await download(page, exportButton(page, summaryText.backup), 'reminder-');
    const last = Date.parse((await storedPrefs(page))?.last_backup);
    assert.ok(last >= started && last <= Date.now() + 1000, `${what}: the backup time is kept`);
    await openDiary(page);
    assert.equal(await reminder(page).count(), 0, `${what}: the reminder is gone after a backup`);
    await page.reload();
    await ready(page);
    await openDiary(page);
    assert.equal(await reminder(page).count(), 0, `${what}: and stays gone after a reload`);
    assert.deepEqual(page.errors, []);
    await page.context().close();

    // Found by the files audit: that backup restored into a new browser brought the reminder at
    // once, with the file just restored in the patient's hand. Its check-ins are 35 days old.
    const fresh = await pageWith({ width: 375, height: 800 });
    await fresh.goto(`${app.url}/`);
    await ready(fresh);
    await openSummary(fresh);
    await fresh.locator('#cg-restore').setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: backup.bytes });
    await waitForMessage(fresh, fill(summaryText.restore_report, { added: 36, updated: 0, skipped: 0, kept: 0 }));
    await openDiary(fresh);
    await fresh.locator('.cg-history').waitFor();
    assert.equal(await reminder(fresh).count(), 0, `${what}: no reminder in the browser that restored the backup`);
    await fresh.reload();
    await ready(fresh);
    await openDiary(fresh);
    await fresh.locator('.cg-history').waitFor();
    assert.equal(await reminder(fresh).count(), 0, `${what}: nor after a reload`);
    assert.deepEqual(fresh.errors, []);
    await fresh.context().close();
  }
});

// Found by an audit: Safari, and every browser on an iPhone or iPad (Apple's WebKit), deletes a
// site's data after 7 days without a visit, so a patient checking in monthly lost each check-in
// before the 30-day reminder could come. There the reminder comes once the result is closed,
// and says why; elsewhere nothing changes.
test('where the browser deletes unvisited sites\' data, a check-in no backup holds is reminded of at once, under its result', async () => {
  const reminder = (page) => page.locator('.cg-backup-reminder');
  const checkIn = async (page) => {
    await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await page.locator('#cg-pain-2').check();
    await page.getByRole('button', { name: diaryText.save, exact: true }).click();
    await page.locator('.cg-result h4').waitFor();
  };
  for (const apple of [true, false]) {
    const page = await pageWith({ width: 375, height: 800 });
    if (apple) {
      await page.context().addInitScript(() => Object.defineProperty(Navigator.prototype, 'vendor', { get: () => 'Apple Computer, Inc.' }));
    }
    await page.goto(`${app.url}/`);
    await ready(page);
    await openDiary(page);
    assert.equal(await reminder(page).count(), 0, 'nothing to back up yet');
    await checkIn(page);
    if (apple) {
      // Under the result, after its advice: a patient who leaves without closing it has seen it
      // (found by review: shown only once the result was closed, it was seen by few).
      await reminder(page).waitFor();
      assert.ok(await page.evaluate(() => Boolean(cgOne('.cg-result').compareDocumentPosition(cgOne('.cg-backup-reminder')) & Node.DOCUMENT_POSITION_FOLLOWING)),
        'after the result, not above it');
    } else {
      assert.equal(await reminder(page).count(), 0, 'elsewhere, a check-in of today is not reminded of');
    }
    await page.getByRole('button', { name: diaryText.close, exact: true }).click();
    await page.locator('.cg-history li.cg-entry').first().waitFor();
    if (!apple) {
      assert.equal(await reminder(page).count(), 0, 'elsewhere, a check-in of today is not reminded of');
      assert.deepEqual(page.errors, []);
      await page.context().close();
      continue;
    }
    await reminder(page).waitFor();
    assert.equal((await reminder(page).locator('p').innerText()).trim(), summaryText.backup_reminder_clearing);
    assert.equal(await reminder(page).count(), 1, 'said once');
    assert.deepEqual(await axe(page), []);
    await screenshot(page, 'backup-reminder-clearing-375');
    await reminder(page).getByRole('button', { name: summaryText.backup_now, exact: true }).click();
    await page.locator('.cg-summary').waitFor();
    await download(page, exportButton(page, summaryText.backup), 'clearing-');
    await openDiary(page);
    await page.locator('.cg-history li.cg-entry').first().waitFor();
    assert.equal(await reminder(page).count(), 0, 'gone once a backup holds the check-in');
    await checkIn(page);
    await page.getByRole('button', { name: diaryText.close, exact: true }).click();
    await reminder(page).waitFor();
    // Not under a call to an emergency number: nothing there but what to do. Once it is closed.
    await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    await page.locator('#cg-pain-2').check();
    await page.locator('#cg-warn-chest-pain').check();
    await page.getByRole('button', { name: diaryText.save, exact: true }).click();
    await page.locator('.cg-result h4').waitFor();
    assert.equal(await reminder(page).count(), 0, 'not under an emergency result');
    await page.getByRole('button', { name: diaryText.close, exact: true }).click();
    await reminder(page).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  // A Home Screen web app (iPhone, iPad) is not held to the 7-day rule: the usual reminder.
  const home = await pageWith({ width: 375, height: 800 });
  await home.context().addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'vendor', { get: () => 'Apple Computer, Inc.' });
    Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true });
  });
  await home.goto(`${app.url}/`);
  await ready(home);
  await openDiary(home);
  await checkIn(home);
  await home.getByRole('button', { name: diaryText.close, exact: true }).click();
  await home.locator('.cg-history li.cg-entry').first().waitFor();
  assert.equal(await reminder(home).count(), 0, 'opened from the Home Screen: not at once');
  await home.context().close();

  // Anywhere, a reminder that is due is not shown beside a check-in's result, above its advice.
  const old = seedDiary({ checkIns: 3, lesions: 1, endMs: Date.now() - 40 * DAY });
  const due = await pageWith({ diary: old.diary, width: 375, height: 800 });
  await due.goto(`${app.url}/`);
  await ready(due);
  await openDiary(due);
  await reminder(due).waitFor();
  await checkIn(due);
  assert.equal(await reminder(due).count(), 0, 'not beside the result');
  await due.getByRole('button', { name: diaryText.close, exact: true }).click();
  await reminder(due).waitFor();
  assert.equal((await reminder(due).locator('p').innerText()).trim(), summaryText.backup_reminder);
  assert.deepEqual(due.errors, []);
  await due.context().close();
});

// Found by the long-use audit: restoring a ten-year diary held the page for seconds on a slow
// phone (7.5 s at a quarter of a laptop's speed) with nothing said. The panel says it is
// restoring, then gives the report in its place.
test('a restore says it is under way until its report', async () => {
  const { diary } = seedDiary({ checkIns: 1500, lesions: 4 });
  const page = await pageWith({ diary, width: 375, height: 800 });
  await openSummary(page);
  const backup = await download(page, exportButton(page, summaryText.backup), 'restoring-');
  await page.context().close();
  const fresh = await pageWith({ width: 375, height: 800 });
  await fresh.goto(`${app.url}/`);
  await ready(fresh);
  await openSummary(fresh);
  await fresh.evaluate(() => {
    const seen = [];
    window.cgSeen = seen;
    new MutationObserver(() => {
      const said = cgOne('.cg-export > .cg-notice')?.textContent.trim();
      if (said && seen.at(-1) !== said) seen.push(said);
    }).observe(cgOne('.cg-export'), { subtree: true, childList: true, characterData: true });
  });
  await fresh.locator('#cg-restore').setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: backup.bytes });
  const report = fill(summaryText.restore_report, { added: 1504, updated: 0, skipped: 0, kept: 0 });
  await waitForMessage(fresh, report);
  assert.deepEqual(await fresh.evaluate(() => window.cgSeen), [summaryText.restoring, report]);
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
});

// Found by review: only check-ins counted. Medicines and questions (a diary of them alone, or
// added after the last backup) never made the reminder due, and a cleared browser loses them.
test('backup reminder: medicines and questions count as changes, with or without check-ins', async () => {
  const reminder = (page) => page.locator('.cg-backup-reminder');
  const at = (days) => rfc3339(Date.now() - days * DAY);
  const medicine = (days) => ({ id: 'm1', name: 'Methotrexate', how: 'once a week', upd: at(days) });
  const question = (days) => ({ id: 'q1', text: 'Can I swim with an open sore?', upd: at(days) });
  const stored = (data) => JSON.stringify({ schema: 2, data: { lesions: [], checkins: [], ...data } });
  const checkIn = { id: 'c1', at: at(60), upd: at(60), pain: 2 };
  for (const [what, diary, prefs, due] of [
    ['medicines alone, 40 days old, never backed up', stored({ medicines: [medicine(40)] }), undefined, true],
    ['a question alone, 40 days old, never backed up', stored({ questions: [question(40)] }), undefined, true],
    ['a medicine added after a backup 45 days ago', stored({ checkins: [checkIn], medicines: [medicine(35)] }), { last_backup: at(45) }, true],
    ['medicines alone, 10 days old', stored({ medicines: [medicine(10)] }), undefined, false],
    ['a medicine added before a backup 40 days ago', stored({ checkins: [checkIn], medicines: [medicine(50)] }), { last_backup: at(40) }, false],
  ]) {
    const page = await pageWith({ diary, prefs, width: 375, height: 800 });
    await page.goto(`${app.url}/`);
    await ready(page);
    await openDiary(page);
    await page.locator('.cg-history').waitFor();
    assert.equal(await reminder(page).count(), due ? 1 : 0, `${what}: reminder ${due ? 'shown' : 'not shown'}`);
    if (due) {
      assert.equal((await reminder(page).locator('p').innerText()).trim(), summaryText.backup_reminder, `${what}: its words`);
      assert.deepEqual(await axe(page), [], `${what}: axe`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a clinic that hides the summary part still leaves the patient backup, restore, files and delete, in the diary', async () => {
  const { diary } = seedDiary({ checkIns: 35, lesions: 1 });
  for (const width of [375, 1280]) {
    const page = await pageWith({ diary, width, height: 800 });
    await page.goto(`${app.url}/`);
    await ready(page);
    await page.evaluate(() => document.querySelector('calcinosis-guide').setAttribute('parts', 'learn diary'));
    await page.waitForFunction(() => cgAll('.cg-tabs button').length === 2);
    await openDiary(page);
    // The reminder's button stays, and takes focus to the backup button below the history.
    const reminder = page.locator('.cg-backup-reminder');
    await reminder.waitFor();
    const panel = page.locator('.cg-diary .cg-export');
    assert.equal(await panel.count(), 1, `${width}px: the diary has the export panel`);
    for (const name of [summaryText.backup, summaryText.csv, summaryText.delete_button]) {
      assert.ok(await panel.getByRole('button', { name, exact: true }).isVisible(), `${width}px: "${name}" is there`);
    }
    await reminder.getByRole('button', { name: summaryText.backup_now, exact: true }).press('Enter');
    await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, summaryText.backup);
    assert.deepEqual(await axe(page), [], `${width}px: axe`);
    assert.deepEqual(await smallTargets(page), [], `${width}px: 44 px targets`);
    await screenshot(page, `diary-with-export-${width}`);
    // The backup is made from there, and the reminder goes.
    const file = await download(page, panel.getByRole('button', { name: summaryText.backup, exact: true }), `hidden-summary-${width}-`);
    assert.equal(JSON.parse(file.text).data.checkins.length, 35);
    assert.ok((await storedPrefs(page))?.last_backup, 'the backup time is kept');
    await reminder.waitFor({ state: 'detached' });
    // A check-in form hides it (as it hides the history); closing the form brings it back and
    // leaves focus alone (it is not asked for again).
    await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
    assert.equal(await panel.count(), 0);
    await page.getByRole('button', { name: diaryText.cancel, exact: true }).click();
    await panel.waitFor();
    assert.notEqual(await page.evaluate(() => cgActive()?.textContent.trim()), summaryText.backup);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

// ---------------------------------------------------------------------------------------------

test('zero axe violations, 44 px targets, screenshots: summary seeded and empty, export messages, at 375 and 1280 px', async () => {
  const { diary } = seedDiary({ checkIns: 40, lesions: 3 });
  diary.questions = [{ id: 'qx1', text: 'Can I use a heat pad on my hands?', upd: diary.checkins[0].upd }];
  // Every state at both widths is checked before anything is asserted, so one problem does not
  // hide the others.
  const problems = {};
  const errors = [];
  for (const width of [375, 1280]) {
    const check = async (page, state) => {
      problems[`${width}px ${state}`] = { axe: await axe(page), under44px: await smallTargets(page) };
      await screenshot(page, `summary-${state}-${width}`);
    };

    const empty = await pageWith({ width, height: 800 });
    await openSummary(empty);
    assert.ok(await empty.getByText(summaryText.no_check_ins).isVisible());
    await check(empty, 'empty');

    const page = await pageWith({ diary, prefs: { patient_name: PATIENT }, width, height: 800 });
    await openSummary(page);
    await check(page, 'seeded');

    const backup = await download(page, exportButton(page, summaryText.backup), `a11y-${width}-`);
    await restoreFrom(page, backup.file);
    await waitForMessage(page, fill(summaryText.restore_report, { added: 0, updated: 0, skipped: 3 + 40 + 1, kept: 0 }));
    await check(page, 'restore-report');

    await restoreFrom(page, { name: 'wrong.json', text: '{"resourceType":"Bundle"}' });
    await waitForMessage(page, summaryText.restore_not_backup);
    await check(page, 'restore-error');

    await exportButton(page, summaryText.delete_button).click();
    await exportButton(page, summaryText.delete_yes).waitFor();
    await check(page, 'delete-confirm');
    errors.push(...empty.errors, ...page.errors);
    await empty.context().close();
    await page.context().close();
  }
  const clean = Object.fromEntries(Object.keys(problems).map((k) => [k, { axe: [], under44px: [] }]));
  assert.deepEqual(problems, clean, 'no axe violations, no target under 44x44 px');
  assert.deepEqual(errors, []);
});

// Found while writing these tests: axe does not check reflow (WCAG 1.4.10). At 375 px the
// lesion table is wider than the screen and the whole page scrolls sideways.
test('no sideways scroll at 375 px (and 320 px) with lesions in the summary: each lump a card, nothing to swipe, still a table to a screen reader', async () => {
  const { diary } = seedDiary({ checkIns: 10, lesions: 3 });
  const overflow = {};
  for (const width of [375, 320]) {
    const page = await pageWith({ diary, width, height: 800 });
    await openSummary(page);
    await page.locator('.cg-summary-table').waitFor();
    overflow[`${width}px`] = await page.evaluate(() => ({
      page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      // Every cell on the screen as it is, with no box to swipe sideways: a phone shows each lump
      // as a card, its columns' names above their values.
      table: Math.max(0, ...cgAll('.cg-summary-table th, .cg-summary-table td')
        .map((c) => Math.round(c.getBoundingClientRect().right - window.innerWidth))),
      swipe: Math.max(0, cgOne('.cg-table-wrap').scrollWidth - cgOne('.cg-table-wrap').clientWidth),
      labels: cgAll('.cg-summary-table tbody tr:first-child td').map((c) => getComputedStyle(c, '::before').content),
    }));
    // Still a table to a screen reader: one row per lump, six cells under their headers.
    assert.equal(await page.getByRole('table').getByRole('row').count(), 4, `${width} px: a header row and three lumps`);
    assert.equal(await page.getByRole('table').getByRole('columnheader').count(), 6);
    await page.context().close();
  }
  const labels = [summaryText.col_first, summaryText.col_pain, summaryText.col_size, summaryText.col_flags, summaryText.col_status]
    .map((l) => JSON.stringify(l));
  assert.deepEqual(overflow, {
    '375px': { page: 0, table: 0, swipe: 0, labels },
    '320px': { page: 0, table: 0, swipe: 0, labels },
  }, 'px that stick out to the right of the screen or of the table\'s box, and each value\'s column name');
});

test('keyboard: Tab reaches the restore file input (with a visible focus ring), and delete-all is done with keys only', async () => {
  const { diary } = seedDiary({ checkIns: 3, lesions: 1 });
  const page = await pageWith({ diary });
  await openSummary(page);
  await exportButton(page, summaryText.backup).focus();
  const f = await tabUntil(page, (x) => x.id === 'cg-restore', { max: 3, what: 'the restore file input' });
  assert.equal(f.tag, 'INPUT');
  const ring = await page.evaluate(() => getComputedStyle(cgOne('label.cg-file')).outlineStyle);
  assert.notEqual(ring, 'none', 'the label shows where focus is');
  // Space on the focused input opens the file chooser (here: Playwright's file-chooser event).
  // On a loaded machine headless Chromium has now and then let a first Space pass without a
  // chooser (seen twice in CI, never reproduced by hand), so up to three presses, each checked
  // to land on the file input.
  let chooser = null;
  for (let press = 0; press < 3 && !chooser; press++) {
    assert.equal(await page.evaluate(() => cgActive()?.id), 'cg-restore', 'focus is still on the file input');
    [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 8000 }).catch(() => null),
      page.keyboard.press('Space'),
    ]);
  }
  assert.ok(chooser, 'Space on the focused file input opens the file chooser');
  assert.equal(chooser.isMultiple(), false);

  // Delete everything with the keyboard only: Tab to the button, Enter; focus lands on the safe
  // choice ("No, keep my data"); Shift+Tab to "Yes", Enter.
  await tabUntil(page, (x) => x.tag === 'BUTTON' && x.text === summaryText.delete_button, { what: summaryText.delete_button });
  await page.keyboard.press('Enter');
  await page.getByText(summaryText.delete_confirm).waitFor();
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, summaryText.delete_no);
  // Escape answers "No" and gives focus back to the button that asked.
  await page.keyboard.press('Escape');
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, summaryText.delete_button);
  assert.equal(await page.getByText(summaryText.delete_confirm).count(), 0);
  assert.notEqual(await storedDiary(page), null, 'nothing deleted');
  await page.keyboard.press('Enter');
  await page.getByText(summaryText.delete_confirm).waitFor();
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, summaryText.delete_no);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => cgActive()?.textContent.trim()), summaryText.delete_yes);
  await page.keyboard.press('Enter');
  await waitForMessage(page, summaryText.delete_done);
  assert.equal(await storedDiary(page), null, 'the diary is deleted');
  assert.ok(await page.getByText(summaryText.no_check_ins).isVisible());
  assert.deepEqual(page.errors, []);
});

// Found while writing these tests: buttons that replace themselves leave focus on <body>, so a
// keyboard or screen-reader user is thrown back to the top of the page.
test('focus is not dropped to <body> when the export panel or the backup reminder swaps what is on screen', async () => {
  const { diary } = seedDiary({ checkIns: 35, lesions: 1 });
  const page = await pageWith({ diary });
  await page.goto(`${app.url}/`);
  await ready(page);
  await openDiary(page);
  const after = {};
  const press = async (locator, name) => {
    await locator.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(150);
    after[name] = await page.evaluate(focusInfo);
  };
  await press(page.locator('.cg-backup-reminder').getByRole('button', { name: summaryText.backup_now, exact: true }), 'backup reminder button');
  await page.locator('.cg-summary').waitFor();
  await press(exportButton(page, summaryText.delete_button), 'delete all: ask');
  await press(exportButton(page, summaryText.delete_no), 'delete all: no');
  await press(exportButton(page, summaryText.delete_button), 'delete all: ask again');
  await press(exportButton(page, summaryText.delete_yes), 'delete all: yes');
  await waitForMessage(page, summaryText.delete_done);
  assert.deepEqual(Object.entries(after).filter(([, f]) => f.tag === 'BODY').map(([name]) => name), [],
    `focus went to <body> after: ${JSON.stringify(after)}`);
});

test('the pain line breaks where weeks went by without a check-in, on screen and on paper, and the caption says what a break means', async () => {
  // Before: five check-ins at pain 9 nearly three months ago and three at pain 1 this week were
  // one straight line falling across 81 days nobody wrote about: a steady improvement that the
  // diary does not show.
  const at = (n, pain) => {
    const ms = noonDaysAgo(n);
    return { id: `cgap${n}`, at: rfc3339(ms), upd: rfc3339(ms), pain };
  };
  const diary = { checkins: [1, 2, 3].map((n) => at(n, 1)).concat([84, 85, 86, 87, 88].map((n) => at(n, 9))) };
  const page = await pageWith({ diary });
  await openSummary(page);
  const screenLines = page.locator('.cg-summary svg.cg-chart-screen polyline.cg-line');
  assert.equal(await screenLines.count(), 2, 'two lines on screen');
  assert.equal(await page.locator('.cg-summary svg.cg-chart-paper polyline.cg-line').count(), 2, 'two lines on paper');
  const caption = (await page.locator('.cg-summary figcaption').first().textContent()).trim();
  assert.ok(caption.includes(diaryText.trend_gap), caption);
  // The advice of the newest check-in, then what earlier ones said at the time, each date shown
  // (five: no "…" for one date).
  assert.equal((await page.locator('.cg-summary-latest').textContent()).trim(),
    fill(summaryText.latest_result, { date: day(noonDaysAgo(1)), level: triageText.levels['next-visit'].title }));
  assert.deepEqual(await page.locator('.cg-summary .cg-flag-level').allTextContents(),
    [fill(summaryText.flag_level, { level: triageText.levels['call-today'].title })]);
  const dates = (await page.locator('.cg-summary-flags .cg-dates').first().textContent()).trim();
  assert.equal(dates, fill(summaryText.flag_times, { n: 5, dates: [88, 87, 86, 85, 84].map((n) => day(noonDaysAgo(n))).join(', ') }));
  const file = await printPdf(page, 'A4', 'summary-gap');
  assert.equal(await pdfPages(file), 1);
  await pdfPng(file, 'summary-gap');
  // The diary's chart too, over 90 days.
  await openDiary(page);
  await page.locator('.cg-trend .cg-ranges').getByRole('button', { name: diaryText.range_90, exact: true }).click();
  await page.waitForFunction(() => cgAll('.cg-trend svg polyline.cg-line').length === 2, null, { timeout: 5000 })
    .catch(async () => assert.fail(`lines in the diary's chart: ${await page.locator('.cg-trend svg polyline.cg-line').count()}`));
  // Weekly check-ins with no long gap: one line, and nothing said of breaks.
  const weekly = { checkins: [1, 8, 15, 22, 29, 36].map((n) => at(n, 4)) };
  const other = await pageWith({ diary: weekly });
  await openSummary(other);
  assert.equal(await other.locator('.cg-summary svg.cg-chart-screen polyline.cg-line').count(), 1);
  assert.ok(!(await other.locator('.cg-summary figcaption').first().textContent()).includes(diaryText.trend_gap));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
});
