// Shared set-up for the end-to-end tests: the built dist/ served on 127.0.0.1 and Debian's
// headless Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serve } from './server.mjs';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const OUT = 'out';

/**
 * The widget renders inside an open shadow root. These page-side helpers look through it, so
 * tests can say cgOne('.cg-step-title') where they would say document.querySelector(...).
 */
export function shadowHelpers() {
  const roots = () => [document, ...[...document.querySelectorAll('calcinosis-guide')]
    .map((h) => h.shadowRoot).filter(Boolean)];
  globalThis.cgOne = (sel) => {
    for (const r of roots()) {
      const e = r.querySelector(sel);
      if (e) return e;
    }
    return null;
  };
  globalThis.cgAll = (sel) => roots().flatMap((r) => [...r.querySelectorAll(sel)]);
  globalThis.cgActive = () => {
    let e = document.activeElement;
    while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
    return e;
  };
}

/**
 * Serves dist/ and launches Chromium. `bfcache`: keep the browser's back-forward cache, which
 * Playwright turns off by default (a page left and come back to is then the same page, paused).
 */
export async function start({ headers, bfcache = false } = {}) {
  const { server, url } = await serve({ root: 'dist', headers });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    ignoreDefaultArgs: bfcache ? ['--disable-back-forward-cache'] : [],
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Every context gets the shadow-root helpers.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    await clearOfMidnight();
    const context = await newContext(options);
    await context.addInitScript(shadowHelpers);
    return context;
  };
  return {
    url,
    server,
    browser,
    async page({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height } });
      return watched(context);
    },
    async stop() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Opens a page at `base`/test-host.html that holds the widget with `attrs` as its attributes,
 * as a clinic's page would (embed.html takes the contact settings from its address only when
 * framed). The page exists only in this test: Playwright answers it, next to dist/'s files.
 */
export async function openHost(page, base, attrs = {}) {
  const escape = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const attributes = Object.entries(attrs).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  const lang = attrs.lang ? escape(attrs.lang) : 'en';
  const body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Test host</title>'
    + '<link rel="icon" href="data:,"><link rel="stylesheet" href="embed.css">'
    + '<script type="module" src="calcinosis-guide.js"></script></head>'
    + `<body><calcinosis-guide${attributes}></calcinosis-guide></body></html>`;
  await page.unroute(`${base}/test-host.html*`);
  await page.route(`${base}/test-host.html*`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  await page.goto(`${base}/test-host.html`);
}

/**
 * Saves a check-in with overall pain `pain` through the widget's own form (`t`: the language's
 * content, at least its `diary`); returns the result heading.
 */
export async function saveCheckIn(scope, t, pain, { lesion = null, chestPain = false } = {}) {
  await scope.getByRole('button', { name: `+ ${t.diary.new_check_in}` }).click();
  await scope.locator(`#cg-pain-${pain}`).check();
  if (lesion) {
    await scope.getByRole('button', { name: `+ ${t.diary.add_lesion}` }).click();
    await scope.locator('#cg-lesion-1-site').selectOption(lesion);
    await scope.locator('#cg-lesion-1-size-Pea').check();
  }
  if (chestPain) await scope.locator('#cg-warn-chest-pain').check();
  await scope.getByRole('button', { name: t.diary.save }).click();
  await scope.locator('.cg-result h4').waitFor();
  return (await scope.locator('.cg-result h4').textContent()).trim();
}

/** Makes the page's storage refuse every use (as a browser that blocks it does), in `context`. */
export async function blockStorage(context) {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('blocked', 'SecurityError'); },
    });
  });
}

/** A new page (tab) in `context` whose script errors and console errors gather in `page.errors`. */
export async function watched(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.errors = errors;
  return page;
}

/**
 * Fills the page's storage before the widget's script runs, once per tab: `items` first, then
 * junk to the last character, then `leave` characters freed again (so a small write still fits).
 */
export async function fillStorageOnce(context, { items = {}, leave = 0 } = {}) {
  await context.addInitScript(([entries, free]) => {
    if (sessionStorage.getItem('cg-test-filled')) return;
    sessionStorage.setItem('cg-test-filled', '1');
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    if (free) localStorage.setItem('cg-test-reserve', 'r'.repeat(free));
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0;) {
      try {
        localStorage.setItem(`cg-test-junk-${i}`, chunk);
        i += 1;
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    if (free) localStorage.removeItem('cg-test-reserve');
  }, [items, leave]);
}

/** Waits until the widget has rendered its first step. */
export async function ready(page) {
  await page.locator('.cg-step-title').first().waitFor({ state: 'visible', timeout: 20000 });
}

/** Runs axe with the WCAG 2.2 AA rules; returns readable violation lines. */
export async function axe(page) {
  // Colours are checked as they settle: a button that turns into another (Yew patches the same
  // element, e.g. "Remove" into "Yes, remove") fades its background for 120 ms, and a contrast
  // read in the middle of that fade is not what the patient reads.
  // Chromium's document.getAnimations() leaves out those inside shadow roots: ask each root too.
  // The browser moves :hover to an element that appeared under the pointer a frame or two later,
  // which starts another fade: wait until two frames pass with nothing fading (at most 2 s).
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const running = () => [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)]
      .flatMap((r) => r.getAnimations());
    const until = performance.now() + 2000;
    while (performance.now() < until) {
      const now = running();
      if (now.length === 0) {
        await frame();
        await frame();
        if (running().length === 0) return;
      }
      await Promise.all(now.map((a) => a.finished.catch(() => {})));
    }
  });
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page, name) {
  await fs.mkdir(`${OUT}/screenshots`, { recursive: true });
  await page.screenshot({ path: `${OUT}/screenshots/${name}.png`, fullPage: true });
}

/** Presses Tab until the focused element matches `predicate`; fails after `max` presses. */
export async function tabTo(page, predicate, arg, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(predicate, arg);
    if (hit) return;
  }
  throw new Error(`Tab never reached the element after ${max} presses`);
}

/**
 * Shows every step of the guide at each width in turn, every glossary explanation open, and calls
 * `visit(width, step)` (step from 1) on each; returns how many steps it visited.
 */
export async function everyStepOpen(page, widths, visit) {
  const steps = await page.locator('.cg-step-link').count();
  assert.ok(steps >= 6, `every step is checked (${steps})`);
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (let i = 0; i < steps; i++) {
      await page.evaluate((n) => cgAll('.cg-step-link')[n].click(), i);
      await page.waitForFunction((n) => cgOne('.cg-pager-count')?.textContent.startsWith(`Step ${n + 1} `), i);
      await page.evaluate(() => cgAll('.cg-gloss-toggle[aria-expanded="false"]').forEach((b) => b.click()));
      await page.waitForFunction(() => !cgOne('.cg-gloss-toggle[aria-expanded="false"]'));
      await visit(width, i + 1);
    }
  }
  return steps * widths.length;
}

/** Text of the focused element, looking through shadow roots. */
export function focusedText() {
  const el = cgActive();
  return el ? el.textContent.trim() : '';
}

/**
 * Waits until the focused element's `what` ('text', 'id' or 'tag') is `expected`, then asserts
 * it (the message says what was focused instead). The widget moves the focus in an effect after
 * a render, and Yew runs effects a task later once a render has taken 16 ms (it yields to the
 * browser), so on a busy machine a key pressed, or the focus read, at once can come first.
 */
export async function focusIs(page, what, expected, message, timeout = 10000) {
  // Written out twice: a page's own policy may refuse eval, so one cannot be made of the other.
  const read = ([w]) => {
    const el = cgActive();
    if (w === 'id') return el?.id ?? '';
    if (w === 'tag') return el?.tagName ?? '';
    return el ? el.textContent.trim() : '';
  };
  const settled = ([w, e]) => {
    const el = cgActive();
    if (w === 'id') return (el?.id ?? '') === e;
    if (w === 'tag') return (el?.tagName ?? '') === e;
    return (el ? el.textContent.trim() : '') === e;
  };
  await page.waitForFunction(settled, [what, expected], { timeout }).catch(() => {});
  assert.equal(await page.evaluate(read, [what]), expected, message);
}

/**
 * Waits until the unsaved work kept in storage holds each of `texts`. The check-in form keeps
 * what is typed in an effect after the render the typing caused, which can come a task later
 * (see focusIs): a test that closes the tab, reloads or reads storage at once can come first.
 */
export async function keptUnsaved(page, ...texts) {
  await page.waitForFunction(([key, all]) => all.every((t) => (localStorage.getItem(key) ?? '').includes(t)),
    ['calcinosis-guide.default.drafts', texts], { timeout: 10000 });
}

/** The localStorage key of the diary in the default namespace. */
export const DIARY_KEY = 'calcinosis-guide.default.diary';

/**
 * Stores `text` under `key` before the widget's script runs, on the context's first page load
 * only: a reload then finds what the widget itself wrote, not the seed again.
 */
export async function seedOnce(context, key, text) {
  await context.addInitScript(([k, value]) => {
    if (!sessionStorage.getItem('cg-test-seeded')) {
      localStorage.setItem(k, value);
      sessionStorage.setItem('cg-test-seeded', '1');
    }
  }, [key, text]);
}

const SEED_SITES = ['right-index-finger', 'left-forearm', 'right-thumb', 'left-elbow', 'right-knee',
  'left-middle-finger', 'face', 'right-wrist', 'left-foot', 'chest'];
const SEED_SIZES = ['rice-grain', 'pea', 'grape', 'walnut', { mm: 8 }, { mm: 14 }];
const SEED_SIGNS = [[], ['open-sore'], ['chalky-discharge'], ['open-sore', 'chalky-discharge'], ['growing'], ['redness-warmth']];

/** RFC 3339 in UTC to the second, as the widget's `Instant` writes it. */
export function rfc3339(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How long until the clock is at least a minute away from local midnight (0 when it is). */
function untilClearOfMidnight() {
  const now = Date.now();
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const tomorrow = new Date(now);
  tomorrow.setHours(24, 0, 0, 0);
  if (tomorrow.getTime() - now < 60_000) return tomorrow.getTime() + 60_000 - now + 100;
  if (now - today.getTime() < 60_000) return today.getTime() + 60_000 - now + 100;
  return 0;
}

/**
 * A page opened within a minute of local midnight waits until it is a minute past: what a test
 * expects from the clock (today's date, a diary seeded to end today) is then worked out in the
 * day the widget sees. At most two minutes, once a day.
 */
async function clearOfMidnight() {
  const wait = untilClearOfMidnight();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * A moment `agoMs` before now, but never before the start of today (local time, as the browser
 * sees it): seeded diaries end "today" whatever the clock says, so a test run just after midnight
 * does not push the oldest of 90 daily check-ins out of a 90-day window.
 *
 * Asked for within a minute of midnight, it first waits until a minute past (as pages do, see
 * clearOfMidnight): a seed made just before midnight would end yesterday for a page opened just
 * after, and in a day's first minute the start of today is the current minute, in which a
 * check-in saved now (the widget times them to the minute) would tie with the seeded newest one.
 */
export function recent(agoMs) {
  const wait = untilClearOfMidnight();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return Math.max(today.getTime(), Date.now() - agoMs);
}

/**
 * A schema-1 diary as the widget stores it (`{"schema":1,"data":{...}}`, field names as the widget
 * writes them in src/core/diary/stored.rs): `checkIns` daily check-ins, the newest `endMs` (default:
 * an hour ago, or the start of today if that is later) and one a day before that, each observing
 * all `lesions` lesions. Deterministic: the same arguments give the same text. Returns { text, diary }.
 */
export function seedDiary({ checkIns = 0, lesions = 0, endMs = recent(3600_000), notes = '' } = {}) {
  const day = 86_400_000;
  const end = Math.floor(endMs / 1000) * 1000;
  const lesionList = Array.from({ length: lesions }, (_, i) => ({
    id: `lseed${i.toString(36)}`,
    site: SEED_SITES[i % SEED_SITES.length],
    ...(i % 2 === 0 ? { name: `lump ${i + 1}` } : {}),
    upd: rfc3339(end - checkIns * day),
  }));
  const checkins = Array.from({ length: checkIns }, (_, i) => {
    const at = rfc3339(end - i * day);
    const entry = {
      id: `cseed${(end - i * day).toString(36)}${i.toString(36)}`,
      at,
      upd: at,
      pain: (i * 7) % 11,
    };
    if (lesionList.length) {
      entry.obs = lesionList.map((l, j) => {
        const o = { l: l.id, pain: (i + j * 3) % 11, size: SEED_SIZES[(i + j) % SEED_SIZES.length] };
        const signs = SEED_SIGNS[(i + 2 * j) % SEED_SIGNS.length];
        if (signs.length) o.signs = signs;
        return o;
      });
    }
    if (i % 5 === 1) entry.stiffness = true;
    if (i % 3 === 2) entry.daily = (i * 5) % 11;
    if (notes) entry.notes = notes;
    return entry;
  });
  const diary = { lesions: lesionList, checkins };
  return { text: JSON.stringify({ schema: 1, data: diary }), diary };
}

/** Waits until the diary view is showing (after the "My diary" tab was pressed). */
/**
 * The busiest 90-day diary the print tests use: signs of infection on 80 of the 90 days, fever on
 * many of them, side effects and medicines answered every day, four long lesion names.
 */
export function busyDiary() {
  const { diary } = seedDiary({ checkIns: 90, lesions: 4, endMs: recent(60_000) });
  diary.lesions.forEach((l, i) => { l.name = `the big painful lump number ${i + 1} near the joint`; });
  diary.checkins.forEach((c, i) => {
    if (i % 9 === 8) return;
    c.obs[0].signs = ['pus-cloudy', 'open-sore'];
    c.obs[1].signs = i % 2 ? ['red-streaks', 'chalky-discharge'] : ['redness-spreading'];
    c.obs[2].signs = ['pus-cloudy', 'growing'];
    c.fever = i % 3 === 0;
    c.fx = ['headache', 'dizziness', 'swollen-ankles'];
    c.meds = i % 4 === 0 ? 'missed-some' : 'as-prescribed';
  });
  return diary;
}

export async function diaryReady(page) {
  await page.locator('.cg-diary').waitFor({ state: 'visible', timeout: 20000 });
}

// ---------------------------------------------------------------------------------------------
// Printing, as the Print button does it, read back with poppler.

export const run = promisify(execFile);

/** The page count of a PDF, from pdfinfo. */
export async function pdfPages(file) {
  const { stdout } = await run('pdfinfo', [file]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/**
 * The PDF's text in drawing order (-raw keeps a wrapped table cell together, where the default
 * layout mode interleaves neighbouring cells line by line), all white space as single spaces.
 */
export async function pdfText(file) {
  const { stdout } = await run('pdftotext', ['-raw', file, '-'], { maxBuffer: 1 << 24 });
  return stdout.replace(/\s+/g, ' ');
}

/**
 * Prints the summary to `out/<name>.pdf` as its Print button does; returns the path. The margins
 * are the 12 mm that the host stylesheet asks for with `@page` (page.pdf() would print to the
 * sheet's edge, which no printer does).
 */
export async function printPdf(page, format, name) {
  await pressPrint(page);
  const file = `${OUT}/${name}.pdf`;
  await page.pdf({ path: file, format, margin: { top: '12mm', right: '12mm', bottom: '12mm', left: '12mm' } });
  await stopPrinting(page);
  return file;
}

/**
 * Presses the summary's Print button with the browser's print dialog stood in for, then marks the
 * page for paper exactly as the widget marked it for print() (src/platform/print.rs: the root's
 * class, the host's mark, the foot of each page), which it takes away once print() returns.
 * Returns what it set. Fails if the button did not print.
 */
export async function pressPrint(page) {
  await page.evaluate(() => {
    window.cgPrinted = null;
    window.print = () => {
      const root = document.documentElement;
      window.cgPrinted = {
        printing: root.classList.contains('cg-printing'),
        host: [...document.querySelectorAll('calcinosis-guide')].findIndex((h) => h.hasAttribute('data-cg-printing')),
        others: [...document.querySelectorAll('calcinosis-guide')].flatMap((h, i) => (h.hasAttribute('data-cg-not-printing') ? [i] : [])),
        foot: root.style.getPropertyValue('--cg-summary-foot'),
      };
    };
  });
  await page.locator('.cg-summary-controls .cg-button-primary').click();
  await page.waitForFunction(() => window.cgPrinted !== null, null, { timeout: 5000 });
  const printed = await page.evaluate(() => window.cgPrinted);
  assert.ok(printed.printing && printed.host >= 0, `the Print button marked the page and its widget (${JSON.stringify(printed)})`);
  await page.evaluate(({ host, others, foot }) => {
    document.documentElement.classList.add('cg-printing');
    document.querySelectorAll('calcinosis-guide')[host].setAttribute('data-cg-printing', '');
    for (const i of others) document.querySelectorAll('calcinosis-guide')[i].setAttribute('data-cg-not-printing', '');
    document.documentElement.style.setProperty('--cg-summary-foot', foot);
  }, printed);
  await page.emulateMedia({ media: 'print' });
  return printed;
}

/** The marks the Print button puts on the page around window.print() (src/platform/print.rs), without the foot of each page, then print media: for tests of the host page around the widget. */
export async function startPrinting(page) {
  await page.evaluate(() => {
    document.documentElement.classList.add('cg-printing');
    document.querySelector('calcinosis-guide').setAttribute('data-cg-printing', '');
  });
  await page.emulateMedia({ media: 'print' });
}

/** Back to the screen after `startPrinting`. */
export async function stopPrinting(page) {
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => {
    document.documentElement.classList.remove('cg-printing');
    document.documentElement.style.removeProperty('--cg-summary-foot');
    for (const h of document.querySelectorAll('calcinosis-guide')) {
      h.removeAttribute('data-cg-printing');
      h.removeAttribute('data-cg-not-printing');
    }
  });
}

/**
 * Sets the page's clock (Playwright's) to 23:58 today, local time, before the page runs, for
 * tests of a page left open past midnight. Returns that evening and the same time the next day.
 */
export async function lateEvening(page) {
  const evening = new Date();
  evening.setHours(23, 58, 0, 0);
  await page.clock.install({ time: evening });
  const next = new Date(evening);
  next.setDate(next.getDate() + 1);
  return { evening, next };
}

/** The local date of `d` as `text` (a language's diary.json) writes it short: "3 Dec 2026", "03/12/2026". */
export function shortDay(text, d) {
  return text.short_date_pattern
    .replace('{dd}', String(d.getDate()).padStart(2, '0'))
    .replace('{d}', String(d.getDate()))
    .replace('{mm}', String(d.getMonth() + 1).padStart(2, '0'))
    .replace('{month}', text.months_short[d.getMonth()])
    .replace('{y}', String(d.getFullYear()));
}

/** In the page: buttons and choices side by side in one flex row whose tops or middles differ by
 *  more than a pixel (one sitting a few pixels higher than its neighbour, as "+ New check-in" did
 *  beside "Quick check-in" through a margin of its own). */
export function misaligned() {
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`;
  const out = [];
  for (const row of cgAll('.cg *')) {
    const cs = getComputedStyle(row);
    if (!cs.display.includes('flex') || cs.flexDirection.startsWith('column')) continue;
    const kids = [...row.children]
      .filter((k) => k.matches('button, .cg-button, label.cg-check') && k.getBoundingClientRect().height > 0)
      .map((k) => [k, k.getBoundingClientRect()]);
    for (const [i, [ka, a]] of kids.entries()) {
      for (const [kb, b] of kids.slice(i + 1)) {
        // On one line: their boxes share some height.
        if (Math.min(a.bottom, b.bottom) <= Math.max(a.top, b.top)) continue;
        // Lined up: the same top, or the same middle (boxes of one height have both or neither).
        const sameTop = Math.abs(a.top - b.top) <= 1;
        const sameMiddle = Math.abs(a.top + a.bottom - b.top - b.bottom) / 2 <= 1;
        if (sameTop || sameMiddle) continue;
        out.push(`${name(row)}: ${name(ka)} ${a.top.toFixed(1)}-${a.bottom.toFixed(1)}, ${name(kb)} ${b.top.toFixed(1)}-${b.bottom.toFixed(1)}`);
      }
    }
  }
  return [...new Set(out)];
}

/** The Symptoms step's "Who to call", on screen: the numbers offered as links (in order) and what
 *  is told next to them about the services (one text per note). */
export async function whoToCall(page) {
  const links = await page.locator('.cg-contacts').first().locator('a[href^="tel:"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const notes = await page.locator('.cg-contacts + .cg-contact-about, .cg-contact-about + .cg-contact-about').allTextContents();
  return { links, notes: notes.map((t) => t.trim()) };
}
