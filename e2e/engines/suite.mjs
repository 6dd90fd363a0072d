// The cross-engine suite: what a patient does most, run through WebDriver in an engine other
// than Chromium (firefox.test.mjs and webkit.test.mjs each run it once). The walk-through, a
// check-in with a lump through the real form, reload, the summary, restore of a backup (a
// fixture, then a backup the widget itself made in this engine), and the embed under a strict
// Content-Security-Policy. Runs against the built dist/ like the Playwright tests in e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIARY_KEY, OUT } from '../helpers.mjs';
import { serve } from '../server.mjs';
import { Key } from 'selenium-webdriver';
import { openBrowser } from './webdriver.mjs';

const json = async (file) => JSON.parse(await fs.readFile(file, 'utf8'));
const ui = await json('content/en/ui.json');
const diaryText = await json('content/en/diary.json');
const summaryText = await json('content/en/summary.json');
const triageText = await json('content/en/triage.json');
const sites = await json('content/en/sites.json');
const sectionFiles = (await fs.readdir('content/en/sections')).filter((f) => /^\d\d-.*\.json$/.test(f)).sort();
const titles = await Promise.all(sectionFiles.map(async (f) => (await json(`content/en/sections/${f}`)).title));
const ptTitles = await Promise.all(sectionFiles.map(async (f) => (await json(`content/pt-PT/sections/${f}`)).title));
const LEVEL = Object.fromEntries(Object.entries(triageText.levels).map(([k, v]) => [k, v.title]));

const FIXTURE = path.resolve('tests/fixtures/backup-v1.json');
const fixture = await json(FIXTURE);
const records = (d) => d.lesions.length + d.checkins.length + (d.questions?.length ?? 0);

/** The strict-CSP example's own policy (its meta tag), sent as a header with a report-uri added. */
const STRICT_PAGE = '/examples/strict-csp.html';
const META_CSP = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(await fs.readFile('examples/strict-csp.html', 'utf8'))[1];
const REPORTS = '/csp-report';
const CSP = `${META_CSP}; report-uri ${REPORTS}`;

/** Fills a `{name}` template. */
const fill = (template, values) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template);
const painChip = (n) => fill(diaryText.pain_short, { n });
const lesionsChip = (n) => fill(diaryText.lesions_short, { n });
const openChip = (n) => fill(diaryText.open_short, { n });
/** "Check-ins: 1": the part of the summary's "covers" line that counts check-ins. */
const checkInsCount = (n) => fill(summaryText.covers.split('. ').find((s) => s.includes('{n}')), { n });

// Page-side readers (run in the page through WebDriver, with cgOne / cgAll defined).
const stepTitle = () => cgOne('.cg-step-title')?.textContent ?? null;
/**
 * The history's entries as [overall pain, "Lumps or sores: n" when any, "Open sores: n" when
 * any], read from the entry's pain chip, its lines per lump and the lumps marked "Open sore".
 */
const historyChips = (t) => cgAll('li.cg-entry').map((li) => {
  const lesions = [...li.querySelectorAll('.cg-entry-lesion')];
  const open = lesions.filter((l) => [...l.querySelectorAll('.cg-chip')].some((c) => c.textContent.trim() === t.open)).length;
  return [
    li.querySelector('.cg-entry-facts .cg-chip').textContent.trim(),
    ...(lesions.length ? [t.lesions.replace('{n}', lesions.length)] : []),
    ...(open ? [t.openShort.replace('{n}', open)] : []),
  ];
});
const chipWords = { open: diaryText.signs['open-sore'], lesions: diaryText.lesions_short, openShort: diaryText.open_short };
const storedDiary = (key) => {
  const raw = localStorage.getItem(key);
  return raw === null ? null : JSON.parse(raw).data;
};
const exportMessage = () => cgOne('.cg-export > .cg-notice')?.textContent.trim() ?? null;

/** Runs the suite in `engine` ('firefox' or 'webkit'). */
export function engineSuite(engine) {
  const TIMEOUT = { timeout: 10 * 60_000 };
  let b;
  let app;
  let csp;
  const reports = [];
  const shots = `${OUT}/engines`;

  before(async () => {
    await fs.access('dist/calcinosis-guide.js').catch(() => { throw new Error('no dist/: run `make dist` first'); });
    await fs.mkdir(shots, { recursive: true });
    app = await serve({ root: 'dist' });
    csp = await serve({ root: 'dist', headers: { 'Content-Security-Policy': CSP } });
    // The CSP server also takes the violation reports the browser posts to the report-uri.
    const [files] = csp.server.listeners('request');
    csp.server.removeAllListeners('request');
    csp.server.on('request', (req, res) => {
      if (req.method !== 'POST' || req.url !== REPORTS) return files(req, res);
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        try {
          reports.push(JSON.parse(body)['csp-report'] ?? JSON.parse(body));
        } catch {
          reports.push({ unreadable: body });
        }
        res.writeHead(204).end();
      });
    });
    b = await openBrowser(engine);
    process.stdout.write(`${engine}: ${await b.capabilities()}\n`);
  });

  after(async () => {
    await b?.quit();
    await Promise.all([app, csp].filter(Boolean).map((s) => new Promise((r) => s.server.close(r))));
  });

  /**
   * Opens `url` (or reloads) and records, from then on, uncaught errors, unhandled rejections and
   * console.error calls (a panic in the WebAssembly goes there). WebDriver has no console log in
   * these engines, so the page keeps them in window.cgErrors for errorsSeen().
   */
  async function visit(url) {
    if (url) await b.get(url);
    else await b.reload();
    await recordErrors();
  }
  /** The recorder of visit(), in a page loaded some other way (say, on Back). */
  async function recordErrors() {
    await b.run(() => {
      window.cgErrors = [];
      addEventListener('error', (e) => window.cgErrors.push(`error: ${e.message}`));
      addEventListener('unhandledrejection', (e) => window.cgErrors.push(`rejection: ${e.reason}`));
      const log = console.error.bind(console);
      console.error = (...a) => {
        window.cgErrors.push(`console.error: ${a.join(' ')}`);
        log(...a);
      };
    });
  }
  const errorsSeen = () => b.run(() => window.cgErrors ?? ['the error recorder is gone: the page was left']);

  const screenshot = async (name) => fs.writeFile(`${shots}/${engine}-${name}.png`, await b.driver.takeScreenshot(), 'base64');

  /** Presses one of the widget's part tabs and waits until it is the pressed one. */
  async function openPart(label) {
    await b.clickButton(label);
    await b.untilEqual(`the ${label} tab pressed`, 'true',
      (l) => cgAll('button.cg-tab').find((t) => t.textContent.trim() === l)?.getAttribute('aria-pressed') ?? null, label);
  }

  /** Picks `value` in the `<select>` `sel` by clicking its option, as a pointer would. */
  async function choose(sel, value) {
    const option = await b.until(`${sel} option ${value}`, (s, v) => cgOne(`${s} option[value="${v}"]`), sel, value);
    await option.click();
    await b.untilEqual(`${sel} set to ${value}`, value, (s) => cgOne(s)?.value ?? null, sel);
  }

  /** Clicks a radio or checkbox and waits until it is checked. */
  async function tick(sel) {
    await b.click(sel);
    await b.untilEqual(`${sel} checked`, true, (s) => cgOne(s)?.checked ?? null, sel);
  }

  /** Saves the open check-in form; returns the triage result's heading. */
  async function save() {
    await b.clickButton(diaryText.save);
    return b.until('the triage result', () => cgOne('.cg-result h4')?.textContent.trim() || null);
  }

  /** Chooses a file for "Restore from a backup file", through the file input itself. */
  async function restoreFrom(file) {
    const input = await b.until('the restore file input', () => cgOne('#cg-restore'));
    await input.sendKeys(file);
  }

  test('walk-through: opens on step 1, Next and Back move a step and focus the new heading, the step list jumps, reload resumes', TIMEOUT, async () => {
    await visit(`${app.url}/`);
    await b.untilEqual('the first step', titles[0], stepTitle);
    assert.equal(await b.text('.cg-step-count'), fill(ui.step_of, { n: 1, total: titles.length }));
    await b.clickButton(new RegExp(`^${ui.next}`));
    await b.untilEqual('step 2 after Next', titles[1], stepTitle);
    assert.equal(await b.text('.cg-step-count'), fill(ui.step_of, { n: 2, total: titles.length }));
    await b.untilEqual('focus on the new heading', titles[1], () => cgActive()?.textContent.trim() ?? null);
    await b.clickButton(new RegExp(`${ui.back}$`)); // "← Back"
    await b.untilEqual('step 1 after Back', titles[0], stepTitle);
    // The keyboard: Tab to Next, Enter.
    let presses = 0;
    for (; presses < 40; presses++) {
      await b.driver.actions().sendKeys(Key.TAB).perform();
      if (await b.run((n) => cgActive()?.tagName === 'BUTTON' && cgActive().textContent.trim().startsWith(n), ui.next)) break;
    }
    assert.ok(presses < 40, 'Tab reaches Next');
    const ring = await b.run(() => {
      const cs = getComputedStyle(cgActive());
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
    });
    assert.ok(ring.style !== 'none' && ring.width >= 2, `the focused button shows a focus ring: ${JSON.stringify(ring)}`);
    await b.driver.actions().sendKeys(Key.ENTER).perform();
    await b.untilEqual('step 2 after Enter on Next', titles[1], stepTitle);
    const link = await b.until('the step list', (t) => cgAll('.cg-step-link').find((l) => l.textContent.includes(t)), titles[3]);
    await link.click();
    await b.untilEqual('step 4 from the step list', titles[3], stepTitle);
    await screenshot('walkthrough');
    await visit();
    await b.untilEqual('step 4 again after a reload', titles[3], stepTitle);
    // Another language: its content is fetched when it is chosen.
    await b.click('button.cg-lang[lang="pt-PT"]');
    await b.untilEqual('step 4 in Portuguese', ptTitles[3], stepTitle);
    await b.click('button.cg-lang[lang="en"]');
    await b.untilEqual('step 4 in English again', titles[3], stepTitle);
    assert.deepEqual(await errorsSeen(), []);
  });

  let afterCheckIn;
  test('a check-in with a lump through the real form: body site, pain, size; saved, triaged, in the history and in storage', TIMEOUT, async () => {
    await openPart(ui.tab_diary);
    await b.element('.cg-diary');
    await b.clickButton(diaryText.new_check_in);
    await b.element('form.cg-form');
    await tick('#cg-pain-6');
    await b.clickButton(diaryText.add_lesion);
    await choose('#cg-lesion-1-site', 'right-index-finger');
    await tick('#cg-lesion-1-pain-5');
    await tick('#cg-lesion-1-size-Pea');
    await screenshot('check-in-form');
    // Pain with no warning sign is for the next visit (the same as in Chromium).
    assert.equal(await save(), LEVEL['next-visit'], 'pain, no warning sign: mention it at the next visit');
    await b.untilEqual('the history', [[painChip(6), lesionsChip(1)]], historyChips, chipWords);
    afterCheckIn = await b.run(storedDiary, DIARY_KEY);
    assert.equal(afterCheckIn.checkins.length, 1);
    const [c] = afterCheckIn.checkins;
    const [l] = afterCheckIn.lesions;
    assert.equal(c.pain, 6);
    assert.deepEqual({ site: l.site, obs: c.obs }, { site: 'right-index-finger', obs: [{ l: l.id, pain: 5, size: 'pea' }] });
    await screenshot('check-in-saved');
    assert.deepEqual(await errorsSeen(), []);
  });

  test('reload: the check-in is still there, and nothing stored changed', TIMEOUT, async () => {
    assert.ok(afterCheckIn, 'needs the check-in test');
    await visit();
    await b.element('.cg-tabs');
    await openPart(ui.tab_diary);
    await b.untilEqual('the history after a reload', [[painChip(6), lesionsChip(1)]], historyChips, chipWords);
    assert.deepEqual(await b.run(storedDiary, DIARY_KEY), afterCheckIn);
  });

  /** Runs `fn(...args)` in a new tab of the same site, closes it and comes back; its result. */
  async function inOtherTab(fn, ...args) {
    const d = b.driver;
    const first = await d.getWindowHandle();
    await d.switchTo().newWindow('tab');
    await d.get(`${app.url}/examples/iframe.css`);
    const out = await d.executeScript(fn, ...args);
    await d.close();
    await d.switchTo().window(first);
    return out;
  }

  /**
   * Leaves the page by a link, runs `change` in another tab meanwhile, and comes back with the
   * browser's Back; returns `change`'s result and whether the page came back from the
   * back-forward cache (paused as it was) rather than loaded again. WebKit (Safari's engine)
   * keeps the page and sends it none of the storage events it missed; Firefox keeps a bare page
   * too, but under this suite loads ours again. The diary part is open again either way.
   */
  async function awayWhile(change, ...args) {
    await b.run(() => { window.cgStayed = true; });
    await b.get(`${app.url}/examples/iframe.css`);
    const out = await inOtherTab(change, ...args);
    await b.driver.navigate().back();
    await b.until('the page back', () => document.readyState === 'complete' && cgOne('.cg-tabs'));
    const stayed = await b.run(() => window.cgStayed === true);
    process.stdout.write(`${engine}: back from the ${stayed ? 'back-forward cache' : 'network (the page loaded again)'}\n`);
    if (engine === 'webkit') assert.ok(stayed, 'WebKit showed the page from its back-forward cache');
    if (!stayed) {
      await recordErrors();
      await openPart(ui.tab_diary);
    }
    return { out, stayed };
  }

  const entries = () => cgAll('li.cg-entry').length;

  test('a page brought back from the browser history shows what another tab saved while it was away', TIMEOUT, async () => {
    await visit(`${app.url}/`);
    await b.element('.cg-tabs');
    await openPart(ui.tab_diary);
    await b.element('.cg-diary');
    const before = await b.run(entries);
    const { out: was, stayed } = await awayWhile((key) => {
      const text = localStorage.getItem(key);
      const stored = JSON.parse(text);
      const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      stored.data.checkins.push({ id: 'c-while-away', at, upd: at, pain: 7, notes: 'saved while the first tab was away' });
      localStorage.setItem(key, JSON.stringify(stored));
      return text;
    }, DIARY_KEY);
    try {
      await b.untilEqual('the check-in saved meanwhile, listed', before + 1, entries);
      assert.ok((await b.run(() => cgOne('.cg-diary').innerText)).includes('saved while the first tab was away'));
      if (stayed) await b.until('the notice', (t) => cgAll('.cg-notice').find((n) => n.textContent.includes(t)) ?? null, diaryText.other_tab);
      assert.deepEqual(await errorsSeen(), []);
    } finally {
      // Put back as it was for the tests below (heard at once: this page is on screen now).
      await inOtherTab((key, text) => localStorage.setItem(key, text), DIARY_KEY, was);
    }
    await b.untilEqual('the diary as it was', before, entries);
  });

  test('the summary shows the check-in and its lump', TIMEOUT, async () => {
    await openPart(ui.tab_summary);
    await b.element('.cg-summary');
    const head = await b.until('the summary head', () => cgOne('.cg-summary-head')?.innerText ?? null);
    assert.ok(head.includes(checkInsCount(1)), `the summary counts one check-in: ${head}`);
    const text = await b.run(() => cgOne('.cg-summary').innerText);
    assert.ok(text.includes(sites['right-index-finger']), 'the lump\'s body site is in the summary');
    assert.ok(await b.run(() => Boolean(cgOne('.cg-summary svg'))), 'the summary draws its chart');
    await screenshot('summary');
    assert.deepEqual(await errorsSeen(), []);
  });

  test('restore through the export panel\'s file input: a backup file, then one this engine made; the entries show', TIMEOUT, async () => {
    // 1. The fixture (a schema-1 backup), next to the check-in made above.
    await b.element('.cg-export');
    await restoreFrom(FIXTURE);
    await b.untilEqual('the restore report', fill(summaryText.restore_report, { added: records(fixture.data), updated: 0, skipped: 0, kept: 0 }), exportMessage);
    const questions = () => cgAll('.cg-questions-list li > span').map((s) => s.textContent.trim());
    await b.untilEqual('the restored question', fixture.data.questions.map((q) => q.text), questions);
    await screenshot('restored');
    await openPart(ui.tab_diary);
    const all = [[painChip(6), lesionsChip(1)], [painChip(3), lesionsChip(1)], [painChip(4), lesionsChip(1), openChip(1)]];
    await b.untilEqual('the history with the restored check-ins, newest first', all, historyChips, chipWords);
    const merged = await b.run(storedDiary, DIARY_KEY);
    assert.deepEqual(merged.checkins.map((c) => c.id).sort(), [...afterCheckIn.checkins, ...fixture.data.checkins].map((c) => c.id).sort());

    // 2. The widget's own backup, downloaded by this engine into the session's folder; then all
    // data is deleted and that file is restored through the file input.
    await openPart(ui.tab_summary);
    await b.clickButton(summaryText.backup);
    const made = await b.download(/^calcinosis-diary-backup-\d{4}-\d{2}-\d{2}\.json$/);
    await b.untilEqual('the backup message', fill(summaryText.backup_done, { file: made.name }), exportMessage);
    assert.equal(made.value.format, 'calcinosis-guide-backup');
    assert.deepEqual(made.value.data, merged, 'the downloaded backup holds the stored diary');
    const file = path.join(b.downloads, made.name);
    await fs.copyFile(file, `${shots}/${engine}-backup.json`);

    await b.clickButton(summaryText.delete_button);
    await b.clickButton(summaryText.delete_yes);
    await b.untilEqual('the delete message', summaryText.delete_done, exportMessage);
    assert.equal(await b.run(storedDiary, DIARY_KEY), null, 'the diary is gone');
    await restoreFrom(file);
    await b.untilEqual('the restore report of the engine\'s own backup', fill(summaryText.restore_report, { added: records(merged), updated: 0, skipped: 0, kept: 0 }), exportMessage);
    await openPart(ui.tab_diary);
    await b.untilEqual('the history back from the engine\'s own backup', all, historyChips, chipWords);
    assert.deepEqual(await b.run(storedDiary, DIARY_KEY), merged, 'the same diary back');
    assert.deepEqual(await errorsSeen(), []);
  });

  test('at 375 px: the check-in form with a lump and the summary fit (no sideways scroll) and every target is at least 44 px', TIMEOUT, async () => {
    // MiniBrowser's window stops at about 450 px wide, so in both engines the demo page is shown
    // in a 375 px iframe (the iframe example's, pointed at it): its own 375 px viewport.
    await b.get(`${app.url}/examples/iframe.html`);
    const frame = await b.run(() => {
      const f = document.querySelector('iframe');
      f.style.width = '375px';
      f.style.height = '800px';
      f.src = '/';
      // In view first: after the tests above, WebKitGTK 2.50's driver sent no click at all to the
      // tabs inside the frame (the frame's document saw no click event) until it was scrolled to.
      f.scrollIntoView({ block: 'start' });
      return f;
    });
    await b.driver.switchTo().frame(frame);
    try {
      await b.until('the demo page in the iframe', () => location.pathname === '/' && cgOne('.cg-tabs'));
      assert.equal(await b.run(() => window.innerWidth), 375, 'the widget is laid out 375 px wide');
      const problems = (where) => b.run((w) => {
        const out = [];
        const over = document.documentElement.scrollWidth - window.innerWidth;
        if (over > 0) out.push(`${w}: the page scrolls sideways by ${over}px`);
        for (const e of cgAll('.cg button, .cg summary, .cg a.cg-button, .cg label.cg-file, .cg .cg-scale-option, .cg .cg-check')) {
          const r = e.getBoundingClientRect();
          if (r.width > 0 && (r.width < 44 || r.height < 44)) out.push(`${w}: "${e.textContent.trim().slice(0, 30)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return out;
      }, where);
      await openPart(ui.tab_diary);
      await b.clickButton(diaryText.new_check_in);
      await b.clickButton(diaryText.add_lesion);
      await b.element('#cg-lesion-1-site');
      const found = await problems('the check-in form');
      await b.clickButton(diaryText.cancel);
      await b.clickButton(diaryText.cancel_discard);
      await b.untilEqual('the form closed', false, () => Boolean(cgOne('form.cg-form')));
      await openPart(ui.tab_summary);
      await b.element('.cg-summary');
      found.push(...await problems('the summary'));
      assert.deepEqual(found, []);
    } finally {
      await b.driver.switchTo().defaultContent();
    }
    await screenshot('375');
  });

  test('the embed under a strict Content-Security-Policy: learn, a check-in, the summary; the only violation is the test\'s own', TIMEOUT, async () => {
    await visit(`${csp.url}${STRICT_PAGE}`);
    await b.untilEqual('the first step', titles[0], stepTitle);
    await b.clickButton(new RegExp(`^${ui.next}`));
    await b.untilEqual('step 2', titles[1], stepTitle);

    await openPart(ui.tab_diary);
    await b.clickButton(diaryText.new_check_in);
    await tick('#cg-pain-2');
    await tick('#cg-warn-chest-pain');
    assert.equal(await save(), LEVEL.emergency, 'chest pain: the emergency level');
    await b.untilEqual('the history', [[painChip(2)]], historyChips, chipWords);
    assert.equal((await b.run(storedDiary, 'calcinosis-guide.strict.diary')).checkins.length, 1);

    await openPart(ui.tab_summary);
    const head = await b.until('the summary head', () => cgOne('.cg-summary-head')?.innerText ?? null);
    assert.ok(head.includes(checkInsCount(1)), `the summary counts one check-in: ${head}`);
    await screenshot('strict-csp');
    assert.deepEqual(await errorsSeen(), []);

    // The policy is in force in this engine: an inline <style> is refused, and reported. That
    // report is the marker: any violation by the widget was reported before it.
    const applied = await b.run(() => {
      const s = document.createElement('style');
      s.textContent = 'h1 { margin-left: 77px }';
      document.head.append(s);
      return getComputedStyle(document.querySelector('h1')).marginLeft;
    });
    assert.notEqual(applied, '77px', 'the page\'s CSP refuses an inline style');
    await b.driver.wait(async () => reports.length > 0, 30_000).catch(() => {});
    const seen = reports.map((r) => `${r['violated-directive'] ?? r['effective-directive']} blocked ${r['blocked-uri']} in ${r['source-file'] ?? '?'}`);
    assert.equal(reports.length, 1, `one violation (the test's own inline style); the engine reported: ${JSON.stringify(seen)}`);
    assert.match(reports[0]['violated-directive'] ?? reports[0]['effective-directive'], /^style-src/, JSON.stringify(reports[0]));
  });

  test('a page brought back from the browser history after another tab set aside a damaged diary writes its own again and says so', TIMEOUT, async () => {
    await visit(`${app.url}/`);
    await b.element('.cg-tabs');
    await openPart(ui.tab_diary);
    await b.element('.cg-diary');
    const before = await b.run(entries);
    assert.ok(before > 0, 'the diary holds check-ins');
    const damaged = '{"schema":1,"data":{"checkins":[';
    const { out: was, stayed } = await awayWhile((key, text) => {
      const was = localStorage.getItem(key);
      localStorage.setItem(`${key}.unreadable-1`, text);
      localStorage.removeItem(key);
      return was;
    }, DIARY_KEY, damaged);
    try {
      if (stayed) {
        await b.until('the notice', (t) => cgAll('.cg-notice').find((n) => n.textContent.includes(t)) ?? null, diaryText.saved_again);
        assert.equal(await b.run(entries), before, 'every check-in is still listed');
        const stored = await b.run(storedDiary, DIARY_KEY);
        assert.equal(stored?.checkins?.length, before, 'and stored again');
      }
      assert.equal(await b.run((k) => localStorage.getItem(`${k}.unreadable-1`), DIARY_KEY), damaged, 'the damaged copy is kept as it was');
      assert.deepEqual(await errorsSeen(), []);
    } finally {
      await inOtherTab((key, text) => {
        localStorage.removeItem(`${key}.unreadable-1`);
        localStorage.setItem(key, text);
      }, DIARY_KEY, was);
    }
  });

  test('a page brought back from the browser history after everything was deleted elsewhere shows none of it and writes none of it back', TIMEOUT, async () => {
    await visit(`${app.url}/`);
    await b.element('.cg-tabs');
    await openPart(ui.tab_diary);
    await b.element('.cg-diary');
    assert.ok(await b.run(entries) > 0, 'the diary holds check-ins');
    const { stayed } = await awayWhile(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('calcinosis-guide.')) localStorage.removeItem(k);
    });
    await b.untilEqual('no deleted check-in shown', 0, entries);
    if (stayed) await b.until('the notice', (t) => cgAll('.cg-notice').find((n) => n.textContent.includes(t)) ?? null, diaryText.deleted_elsewhere);
    // A check-in saved now is the only one stored: nothing deleted came back with it.
    await b.clickButton(diaryText.new_check_in);
    await tick('#cg-pain-1');
    await save();
    const stored = await b.run(storedDiary, DIARY_KEY);
    assert.deepEqual(stored.checkins.map((c) => c.pain), [1]);
    assert.deepEqual(stored.lesions ?? [], []);
    assert.deepEqual(await errorsSeen(), []);
  });
}
