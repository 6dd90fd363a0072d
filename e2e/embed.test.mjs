// Embedding the widget in other people's pages: hostile clinic CSS, a strict
// Content-Security-Policy (with Trusted Types enforced), two widgets on one page, lazy loading, bad attributes, Portuguese,
// printing from a host page, axe on host pages, and the iframe alternative. Runs against the
// built dist/ (its examples/ folder holds the host pages) like walkthrough.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import path from 'node:path';
import { start, focusIs, keptUnsaved, openHost, ready, axe, screenshot, tabTo, seedDiary, diaryReady, OUT, pdfPages, pdfText, startPrinting, saveCheckIn } from './helpers.mjs';
import { serve } from './server.mjs';

const run = promisify(execFile);
const json = async (file) => JSON.parse(await fs.readFile(file, 'utf8'));
const SECTION_FILES = (await fs.readdir('content/en/sections')).filter((f) => /^\d\d-.*\.json$/.test(f)).sort().map((f) => f.replace(/\.json$/, ''));
const UI_FILES = ['ui', 'diary', 'summary', 'triage', 'sites'];

/** One language's UI strings and sections, as the widget reads them from content/<lang>/. */
async function content(lang) {
  const c = {};
  for (const f of UI_FILES) c[f] = await json(`content/${lang}/${f}.json`);
  c.sections = await Promise.all(SECTION_FILES.map((f) => json(`content/${lang}/sections/${f}.json`)));
  c.titles = c.sections.map((s) => s.title);
  return c;
}
const en = await content('en');
const pt = await content('pt-PT');

/** Every string value in a JSON value, depth first. */
const strings = (v) => (typeof v === 'string' ? [v]
  : Array.isArray(v) ? v.flatMap(strings)
    : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

/**
 * English UI text that must never show on a Portuguese screen: every string of the English UI
 * files plus the section titles and leads, cut at their {placeholders}, keeping the pieces of 12
 * or more characters that do not also occur anywhere in the Portuguese files.
 */
const PT_ALL = strings({ ...pt, titles: undefined }).join('\n');
const ENGLISH_ONLY = [...new Set(
  [...UI_FILES.flatMap((f) => strings(en[f])), ...en.sections.flatMap((s) => [s.title, s.lead])]
    .flatMap((s) => s.split(/\{[a-z_]+\}/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 12 && !PT_ALL.includes(s)),
)];

// The README's policy, with Trusted Types enforced as well (Chromium refuses every HTML or script
// sink given a string: the widget uses none, see tests/html_sinks.rs).
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types 'none'";
const diaryKey = (ns) => `calcinosis-guide.${ns}.diary`;
const CLINIC = '/examples/clinic-page.html';

let app;
let csp;
before(async () => {
  app = await start();
  csp = await serve({ root: 'dist', headers: { 'Content-Security-Policy': CSP } });
});
after(async () => {
  await app.stop();
  await new Promise((r) => csp.server.close(r));
});

// ---------------------------------------------------------------------------------------------
// Helpers.

/** Seeds `text` as the diary of namespace `ns` before the page's scripts run (once per tab). */
async function seed(page, ns, text) {
  await page.context().addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('cg-test-seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('cg-test-seeded', '1');
    }
  }, [diaryKey(ns), text]);
}

/** Presses one of the widget's part tabs (`scope`: a host element locator on multi-widget pages). */
async function openPart(scope, label) {
  await scope.locator('button.cg-tab', { hasText: label }).first().click();
  await scope.locator(`button.cg-tab[aria-pressed="true"]`, { hasText: label }).first().waitFor();
}

/** The visible text of the (first) widget: innerText of `.cg` inside the shadow root. */
const widgetText = (page) => page.evaluate(() => cgOne('.cg').innerText);

/** Buttons in the widget smaller than 44x44 CSS px (hidden ones are skipped). */
function smallButtons() {
  return [...cgAll('.cg button, .cg summary, .cg a.cg-button')]
    .map((b) => ({ t: b.textContent.trim().slice(0, 40), r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
    .map(({ t, r }) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`);
}

/**
 * In the page: the computed styles that the clinic's own elements show, including a button, an
 * input and an svg made for the occasion (the clinic page has none of its own).
 */
function hostStyles() {
  const PROPS = ['font-family', 'font-size', 'font-weight', 'font-style', 'color', 'background-color',
    'background-image', 'letter-spacing', 'line-height', 'text-transform', 'text-align', 'text-decoration-line',
    'display', 'visibility', 'opacity', 'box-sizing', 'margin-top', 'margin-right', 'margin-bottom',
    'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-style',
    'border-top-width', 'border-top-color', 'border-left-style', 'border-left-width', 'outline-style',
    'list-style-type', 'list-style-position', 'max-width', 'position', 'z-index'];
  const main = document.querySelector('main');
  const probes = [document.createElement('button'), document.createElement('input'),
    document.createElementNS('http://www.w3.org/2000/svg', 'svg'), document.createElement('h3')];
  probes[0].textContent = 'Book an appointment';
  probes[3].textContent = 'Opening times';
  main.append(...probes);
  const targets = {
    html: document.documentElement, body: document.body, header: document.querySelector('.site-header'),
    logo: document.querySelector('.logo'), nav: document.querySelector('nav'), navList: document.querySelector('nav ul'),
    navItem: document.querySelector('nav li'), navLink: document.querySelector('nav a'), main,
    section: document.querySelector('main section'), h1: document.querySelector('h1'),
    p: document.querySelector('main p'), h2: document.querySelector('h2'), footer: document.querySelector('footer'),
    footerP: document.querySelector('footer p'), button: probes[0], input: probes[1], svg: probes[2], h3: probes[3],
  };
  const out = {};
  for (const [name, el] of Object.entries(targets)) {
    const cs = getComputedStyle(el);
    out[name] = Object.fromEntries(PROPS.map((p) => [p, cs.getPropertyValue(p)]));
  }
  out.button.height = getComputedStyle(probes[0]).height;
  out.input.width = getComputedStyle(probes[1]).width;
  for (const p of probes) p.remove();
  out.htmlClass = document.documentElement.className;
  out.bodyClass = document.body.className;
  return out;
}

/** Waits until the widget inside `host` (a locator) shows its first step. */
async function hostReady(host) {
  await host.locator('.cg-step-title').waitFor({ state: 'visible', timeout: 20000 });
}

// ---------------------------------------------------------------------------------------------
// 1. The hostile clinic page.

test('hostile clinic page: its CSS does not reach into the widget, and the widget\'s CSS does not leak out', async () => {
  const { text } = seedDiary({ checkIns: 20, lesions: 2 });
  for (const width of [1280, 375]) {
    // The page's own look with no widget at all (the loader is answered with an empty module)...
    const bare = await app.page({ width, height: 900 });
    await bare.route('**/calcinosis-guide.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '// no widget\n' }));
    await bare.goto(`${app.url}${CLINIC}`);
    await bare.waitForLoadState('load');
    await bare.waitForTimeout(300);
    assert.equal(await bare.evaluate(() => Boolean(document.querySelector('calcinosis-guide').shadowRoot)), false, 'no widget on the bare page');
    const without = await bare.evaluate(hostStyles);
    await bare.context().close();

    // ...and with the widget loaded and used (a seeded diary, so the trend chart draws).
    const page = await app.page({ width, height: 900 });
    await seed(page, 'northgate', text);
    await page.goto(`${app.url}${CLINIC}`);
    await ready(page);
    await page.waitForTimeout(200);
    const withWidget = await page.evaluate(hostStyles);
    assert.deepEqual(withWidget, without, `${width}px: the clinic page's own elements look the same with the widget`);

    const inside = await page.evaluate(() => {
      const cs = (sel) => getComputedStyle(cgOne(sel));
      const fonts = [...cgAll('.cg, .cg *')].map((e) => getComputedStyle(e).fontFamily)
        .filter((f) => /comic sans|cursive/i.test(f));
      return {
        font: cs('.cg').fontFamily,
        comicSansElements: fonts.length,
        color: cs('.cg').color,
        letterSpacing: cs('.cg').letterSpacing,
        sectionDisplay: cs('section.cg').display,
        sectionBorder: cs('section.cg').borderTopStyle,
        titleTransform: cs('.cg-title').textTransform,
        stepTitleTransform: cs('.cg-step-title').textTransform,
        buttonBackground: cs('.cg-button-primary').backgroundColor,
        buttonBorder: cs('.cg-button-primary').borderTopStyle,
        listStyle: cgOne('.cg ul') ? getComputedStyle(cgOne('.cg ul')).listStyleType : 'disc',
        hostDisplay: getComputedStyle(document.querySelector('calcinosis-guide')).display,
      };
    });
    assert.doesNotMatch(inside.font, /comic sans|cursive/i, 'the widget keeps its own font');
    assert.equal(inside.comicSansElements, 0, 'no element in the widget is in Comic Sans');
    assert.notEqual(inside.color, 'rgb(102, 0, 0)', 'the page\'s text colour does not reach the widget');
    assert.equal(inside.letterSpacing, 'normal');
    assert.equal(inside.sectionDisplay, 'block', 'section { display: inline } does not reach the widget');
    assert.notEqual(inside.sectionBorder, 'dashed');
    assert.equal(inside.titleTransform, 'none', 'h2 { text-transform: uppercase } does not reach the widget');
    assert.equal(inside.stepTitleTransform, 'none');
    assert.notEqual(inside.buttonBackground, 'rgb(255, 105, 180)', 'button { background: hotpink } does not reach the widget');
    assert.notEqual(inside.buttonBorder, 'dotted');
    assert.notEqual(inside.listStyle, 'square');
    assert.equal(inside.hostDisplay, 'block');
    assert.deepEqual(await page.evaluate(smallButtons), [], `${width}px: every widget button is at least 44x44 px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}px: the page scrolls sideways by ${overflow}px`);
    await screenshot(page, `embed-clinic-${width}`);

    if (width === 1280) {
      // Keyboard focus shows, whatever `:focus { outline: none !important }` on the page says.
      await tabTo(page, () => cgActive()?.tagName === 'BUTTON' && cgActive().textContent.trim().startsWith('Next'));
      const ring = await page.evaluate(() => {
        const cs = getComputedStyle(cgActive());
        return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor };
      });
      assert.notEqual(ring.style, 'none', `a focused widget button shows an outline (${JSON.stringify(ring)})`);
      assert.ok(ring.width >= 2, `the outline is at least 2px wide (${JSON.stringify(ring)})`);
    }

    // The diary: the trend SVG is displayed (the page says svg { display: none !important }),
    // form fields keep their size (the page says input { width: 20px !important }).
    await openPart(page, en.ui.tab_diary);
    await diaryReady(page);
    await page.locator('.cg-trend svg').first().waitFor();
    const chart = await page.evaluate(() => {
      const svg = cgOne('.cg-trend svg');
      const r = svg.getBoundingClientRect();
      return { display: getComputedStyle(svg).display, w: r.width, h: r.height };
    });
    assert.notEqual(chart.display, 'none', 'the trend chart is displayed');
    assert.ok(chart.w > 100 && chart.h > 50, `the trend chart has a size: ${JSON.stringify(chart)}`);
    assert.deepEqual(await page.evaluate(smallButtons), [], `${width}px diary: targets under 44 px`);
    await screenshot(page, `embed-clinic-diary-${width}`);
    await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
    await page.getByRole('button', { name: `+ ${en.diary.add_lesion}` }).click();
    const fields = await page.evaluate(() => ['#cg-notes', '#cg-lesion-1-site', '#cg-lesion-1-name']
      .map((s) => [s, Math.round(cgOne(s).getBoundingClientRect().width)]));
    for (const [sel, w] of fields) assert.ok(w > 150, `${width}px: ${sel} is ${w}px wide, not squeezed by the page`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

// ---------------------------------------------------------------------------------------------
// 2. A strict Content-Security-Policy.

/** Init script: records every CSP violation event, in the document and in shadow roots. */
function recordViolations() {
  window.cgViolations = [];
  const seen = new WeakSet();
  const record = (e) => {
    if (seen.has(e)) return;
    seen.add(e);
    window.cgViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} `
      + `on <${e.target?.nodeName ?? '?'}> sample=${JSON.stringify(e.sample)}`);
  };
  window.addEventListener('securitypolicyviolation', record, true);
  document.addEventListener('securitypolicyviolation', record, true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    root.addEventListener('securitypolicyviolation', record, true);
    return root;
  };
}

test('the clinic page\'s keyboard shortcuts never take what a patient types: "/" stays in the note, the page\'s search stays empty', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  // A typical site search shortcut: "/" anywhere but a field of the page focuses its search box.
  await page.evaluate(() => {
    const search = Object.assign(document.createElement('input'), { id: 'site-search', type: 'search' });
    document.body.prepend(search);
    window.pageKeys = [];
    document.addEventListener('keydown', (e) => {
      window.pageKeys.push(e.key);
      if (e.key === '/' && !['INPUT', 'TEXTAREA'].includes(e.target.tagName)) { e.preventDefault(); search.focus(); }
    });
  });
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.locator('#cg-notes').click();
  await page.keyboard.type('size 1/2 of last week');
  assert.equal(await page.locator('#cg-notes').inputValue(), 'size 1/2 of last week');
  assert.equal(await page.locator('#site-search').inputValue(), '', 'nothing went to the page\'s search box');
  assert.deepEqual(await page.evaluate(() => window.pageKeys), [], 'the page heard none of the keys typed in the widget');
  // Keys outside the widget's fields still reach the page (its own shortcuts keep working).
  await page.locator('h1').first().click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search');
  assert.deepEqual(page.errors, []);
});

test('in a 280 px sidebar of a wide page the widget lays itself out for its own width: one column, no sideways scroll, 44 px targets', async () => {
  const page = await app.page({ width: 1280, height: 900 });
  await page.route('**/sidebar-test.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sidebar</title><script type="module" src="calcinosis-guide.js"></script></head>
<body style="margin:0"><div style="display:grid;grid-template-columns:1fr 280px;gap:20px"><main><h1>Clinic news</h1></main>
<aside><calcinosis-guide lang="en" clinic-phone="+44 20 7946 0000"></calcinosis-guide></aside></div></body></html>` }));
  await page.goto(`${app.url}/sidebar-test.html`);
  await ready(page);
  const check = async (where) => {
    const m = await page.evaluate(() => {
      const host = document.querySelector('calcinosis-guide');
      const inner = [...host.shadowRoot.querySelectorAll('.cg *')].map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0);
      const left = host.getBoundingClientRect().left;
      return {
        host: Math.round(host.getBoundingClientRect().width),
        pageScroll: document.documentElement.scrollWidth,
        widest: Math.round(Math.max(...inner.map((r) => r.right)) - left),
        columns: getComputedStyle(host.shadowRoot.querySelector('.cg-walk') ?? host).gridTemplateColumns,
      };
    });
    assert.equal(m.host, 280, `${where}: the widget is the sidebar's width`);
    assert.ok(m.pageScroll <= 1280, `${where}: no sideways scroll (${m.pageScroll})`);
    assert.ok(m.widest <= 281, `${where}: nothing sticks out of the sidebar (${m.widest})`);
    return m;
  };
  const guide = await check('the guide');
  assert.equal(guide.columns.split(' ').length, 1, `the guide is one column, not steps beside text: ${guide.columns}`);
  const small = await page.evaluate(() => [...document.querySelector('calcinosis-guide').shadowRoot.querySelectorAll('button, a, label')]
    .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 44 || r.height < 44)).length);
  assert.equal(small, 0, 'every target at least 44 px');
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await check('the check-in form');
  await screenshot(page, 'embed-sidebar-280');
  assert.deepEqual(page.errors, []);
});

test('strict CSP with Trusted Types: every part works with no violation, no console error and no request off the origin', async () => {
  const page = await app.page();
  await page.context().addInitScript(recordViolations);
  const origin = new URL(csp.url).origin;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(`${csp.url}/examples/strict-csp.html`);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the server sends the policy');
  await ready(page);

  // Learn: the next step, and a step from the list.
  await page.getByRole('button', { name: /^Next/ }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, en.titles[1]);
  await page.locator('.cg-step-link').nth(4).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, en.titles[4]);

  // My diary: a check-in with a lesion (chosen on the body map), saved.
  await openPart(page, en.ui.tab_diary);
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.locator('#cg-pain-4').check();
  await page.getByRole('button', { name: `+ ${en.diary.add_lesion}` }).click();
  await page.getByRole('button', { name: en.diary.map_show }).click();
  await page.locator('.cg-bm svg').first().waitFor();
  await page.locator('#cg-lesion-1-site').selectOption('right-thumb');
  await page.locator('#cg-lesion-1-size-Pea').check();
  await page.locator('#cg-lesion-1-signs-open-sore').check();
  await page.getByRole('button', { name: en.diary.save }).click();
  await page.locator('.cg-result').waitFor();
  await page.locator('.cg-trend svg').first().waitFor();
  await page.getByRole('button', { name: en.diary.range_all, exact: true }).click();

  // Summary, and the export panel (a backup and a spreadsheet download).
  await openPart(page, en.ui.tab_summary);
  await page.locator('.cg-summary').waitFor();
  await page.locator('.cg-summary svg').first().waitFor();
  await page.locator('.cg-export').waitFor();
  for (const name of [en.summary.backup, en.summary.csv]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    assert.ok((await fs.readFile(await download.path(), 'utf8')).length > 0, `${name}: a file was made`);
  }
  await page.waitForTimeout(500);

  const violations = await page.evaluate(() => window.cgViolations);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(page.errors, [], 'no console error and no page error');
  const elsewhere = requests.filter((u) => {
    if (u.startsWith('data:')) return false;
    if (u.startsWith('blob:')) return !u.startsWith(`blob:${origin}/`);
    return new URL(u).origin !== origin;
  });
  assert.deepEqual(elsewhere, [], 'every request goes to the test server');
  assert.ok(requests.some((u) => u.endsWith('/calcinosis-guide-app_bg.wasm')), 'the wasm came from the test server');
  await page.context().close();
});

// ---------------------------------------------------------------------------------------------
// 3. Two widgets on one page.

test('two widgets with different storage namespaces keep separate diaries and separate places', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/examples/two-widgets.html`);
  const a = page.locator('#guide-a');
  const b = page.locator('#guide-b');
  await hostReady(a);
  await b.scrollIntoViewIfNeeded();
  await hostReady(b);
  assert.match(await a.locator('.cg-title').textContent(), /Clinic A Rheumatology/);
  assert.match(await b.locator('.cg-title').textContent(), /Clinic B Dermatology/);

  // Steps: moving in A does not move B.
  await a.getByRole('button', { name: /^Next/ }).click();
  await a.locator('.cg-step-title', { hasText: en.titles[1] }).waitFor();
  await page.waitForTimeout(200);
  assert.equal(await b.locator('.cg-step-title').textContent(), en.titles[0], 'B stays on step 1');
  await b.locator('.cg-step-link').nth(3).click();
  await b.locator('.cg-step-title', { hasText: en.titles[3] }).waitFor();
  assert.equal(await a.locator('.cg-step-title').textContent(), en.titles[1], 'A stays on step 2');

  // A check-in in A.
  await openPart(a, en.ui.tab_diary);
  await a.locator('.cg-diary').waitFor();
  await saveCheckIn(a, en, 3);
  await openPart(b, en.ui.tab_diary);
  await b.locator('.cg-diary').waitFor();
  assert.equal(await b.locator('li.cg-entry').count(), 0, "B's diary stays empty");
  assert.ok(await b.getByText(en.diary.no_entries).isVisible(), 'B says it has no check-ins');
  assert.equal(await a.locator('li.cg-entry').count(), 1);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.includes(diaryKey('clinic-a')), `A's diary is stored under its namespace: ${keys}`);
  assert.ok(!keys.includes(diaryKey('clinic-b')), `nothing is stored as B's diary: ${keys}`);
  assert.deepEqual(keys.filter((k) => !/^calcinosis-guide\.clinic-[ab]\./.test(k)), [], 'no key outside the two namespaces');

  // After a reload each widget is where it was.
  await page.reload();
  await hostReady(a);
  await b.scrollIntoViewIfNeeded();
  await hostReady(b);
  assert.equal(await a.locator('.cg-step-title').textContent(), en.titles[1], 'A resumes on step 2');
  assert.equal(await b.locator('.cg-step-title').textContent(), en.titles[3], 'B resumes on step 4');
  await openPart(b, en.ui.tab_diary);
  await b.locator('.cg-diary').waitFor();
  assert.equal(await b.locator('li.cg-entry').count(), 0, "B's diary is still empty after a reload");
  await openPart(a, en.ui.tab_diary);
  await a.locator('.cg-diary').waitFor();
  assert.equal(await a.locator('li.cg-entry').count(), 1, "A's check-in is still there");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---------------------------------------------------------------------------------------------
// 4. Lazy loading.

// Either module: the guide alone (a first visit) or the whole widget.
const APP_FILES = /\/calcinosis-guide-(app|learn)(_bg\.wasm|\.js)(\?|$)/;
const MODULE_WASM = /\/calcinosis-guide-(app|learn)_bg\.wasm$/;

/** Init script: counts `calcinosis-guide-ready` events. */
function countReady() {
  window.cgReady = 0;
  document.addEventListener('calcinosis-guide-ready', () => { window.cgReady += 1; }, true);
}

test('lazy loading: nothing heavy loads until the widget nears the viewport; scrolling loads it', async () => {
  const page = await app.page({ width: 1280, height: 800 });
  await page.context().addInitScript(countReady);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${app.url}/examples/long-page.html`, { waitUntil: 'load' });
  await page.waitForTimeout(1000);
  assert.deepEqual(requests.filter((u) => APP_FILES.test(u)), [], 'no app script or wasm before the widget is near');
  assert.ok(await page.locator('calcinosis-guide .cg-placeholder').isVisible(), 'the placeholder is in the shadow root');
  assert.equal(await page.locator('calcinosis-guide .cg-placeholder button').textContent(), 'Open the guide');
  assert.equal(await page.locator('.cg-step-title').count(), 0);
  assert.equal(await page.evaluate(() => window.cgReady), 0);
  const distance = await page.evaluate(() => document.querySelector('calcinosis-guide').getBoundingClientRect().top - innerHeight);
  assert.ok(distance > 2000, `the widget starts ${distance}px below the fold`);

  const wasm = page.waitForRequest((r) => MODULE_WASM.test(r.url()));
  await page.evaluate(() => document.querySelector('calcinosis-guide').scrollIntoView());
  await wasm;
  await page.waitForFunction(() => window.cgReady === 1, null, { timeout: 20000 });
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), en.titles[0]);
  assert.equal(await page.locator('calcinosis-guide .cg-placeholder').count(), 0, 'the placeholder is gone');
  await page.getByRole('button', { name: /^Next/ }).click();
  await page.locator('.cg-step-title', { hasText: en.titles[1] }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Init scripts: an IntersectionObserver that never reports, and a log of where focus went. */
function noIntersections() {
  window.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() { return []; }
  };
}
function logFocus() {
  window.cgFocusLog = [];
  document.addEventListener('focusin', (e) => {
    const el = e.composedPath()[0];
    window.cgFocusLog.push(el.closest?.('.cg-placeholder') ? 'placeholder' : el.tagName);
  }, true);
}

/** Opens long-page.html where only the keyboard can start the widget; Tabs onto the placeholder. */
async function loadByKeyboard() {
  const page = await app.page({ width: 1280, height: 800 });
  for (const script of [countReady, noIntersections, logFocus]) await page.context().addInitScript(script);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${app.url}/examples/long-page.html`, { waitUntil: 'load' });
  await page.waitForTimeout(1000);
  assert.deepEqual(requests.filter((u) => APP_FILES.test(u)), [], 'nothing loaded before the keyboard reached it');
  const wasm = page.waitForRequest((r) => MODULE_WASM.test(r.url()));
  // Focus on the placeholder's button is logged as it happens (the loader changes the button
  // at once, so looking at the focused element afterwards is not enough).
  await tabTo(page, () => window.cgFocusLog.includes('placeholder'), undefined, 10);
  await wasm;
  await page.waitForFunction(() => window.cgReady === 1, null, { timeout: 20000 });
  await ready(page);
  return page;
}

test('lazy loading: Tab onto the placeholder button loads the widget, even with no scrolling signal', async () => {
  const page = await loadByKeyboard();
  assert.equal(await page.locator('.cg-step-title').textContent(), en.titles[0]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('lazy loading by keyboard keeps focus in the widget (not dropped to <body>)', async () => {
  // KNOWN WIDGET BUG (reported): the loader disables the focused placeholder button and then
  // removes it, so keyboard and screen-reader users are left on <body>.
  const page = await loadByKeyboard();
  await page.waitForTimeout(300);
  const focus = await page.evaluate(() => {
    const el = cgActive();
    return { tag: el?.tagName, inWidget: Boolean(el && el.getRootNode() instanceof ShadowRoot), log: window.cgFocusLog };
  });
  assert.ok(focus.inWidget, `after loading, focus is inside the widget, not on ${focus.tag} (focus went: ${focus.log.join(' -> ')})`);
  await page.context().close();
});

/** Serves dist/ as it is (no compression), with `rule(pathname, nth request)` saying what to do
 * instead: 'hang' answers nothing, 'stall' sends the first 40 kB and then nothing, a number
 * waits that many ms. */
async function unevenServer(rule) {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.html': 'text/html' };
  const counts = new Map();
  const server = http.createServer(async (req, res) => {
    const p = new URL(req.url, 'http://localhost').pathname;
    let body;
    try {
      body = await fs.readFile(`dist${p === '/' ? '/index.html' : p}`);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const n = (counts.get(p) ?? 0) + 1;
    counts.set(p, n);
    const what = rule(p, n);
    if (what === 'hang') return;
    res.writeHead(200, { 'content-type': types[path.extname(p === '/' ? '/index.html' : p)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (what === 'stall') res.write(body.subarray(0, 40_000));
    else if (typeof what === 'number') setTimeout(() => res.end(body), what);
    else res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { server.closeAllConnections(); server.close(); },
  };
}

test('a download that stalls fails with the message and "Try again": no answer at all (30 s) on the first load, stopped half way (15 s) as the guide asks for the whole widget; a page whose fetch gives no Response still loads', async () => {
  const uneven = await unevenServer((p, n) => {
    if (n > 1) return null;
    if (p.endsWith('-learn_bg.wasm')) return 'hang';
    if (p.endsWith('-app_bg.wasm')) return 'stall';
    return null;
  });
  try {
    const page = await app.page();
    const warned = [];
    page.on('console', (m) => m.type() === 'warning' && warned.push(m.text()));
    await page.goto(`${uneven.url}/`);
    const host = page.locator('calcinosis-guide');
    const alert = host.locator('.cg-placeholder [role="alert"]');
    await alert.waitFor({ timeout: 45_000 });
    assert.equal((await alert.textContent()).trim(), 'The guide could not load. Check your internet connection, then try again.');
    assert.ok(warned.some((w) => /learn_bg\.wasm stalled: no byte for 30 s/.test(w)), warned.join(' | '));
    await host.getByRole('button', { name: 'Try again', exact: true }).click();
    await ready(page);
    // The guide alone asks for the whole widget, whose download stops after 40 kB: the guide
    // says so and offers to try again, which opens the diary.
    await host.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
    await host.getByText(en.ui.part_failed).waitFor({ timeout: 30_000 });
    assert.ok(warned.some((w) => /app_bg\.wasm stalled: no byte for 15 s/.test(w)), warned.join(' | '));
    await host.getByRole('button', { name: 'Try again', exact: true }).click();
    await diaryReady(page);
    await page.context().close();
  } finally {
    uneven.close();
  }

  // A page that swaps fetch for a polyfill giving a plain object with arrayBuffer() and text().
  const poly = await app.page();
  await poly.addInitScript(() => {
    const real = window.fetch.bind(window);
    window.fetch = async (...args) => {
      const r = await real(...args);
      const bytes = await r.arrayBuffer();
      return { ok: r.ok, status: r.status, headers: r.headers,
        arrayBuffer: async () => bytes, text: async () => new TextDecoder().decode(bytes) };
    };
  });
  await poly.goto(`${app.url}/`);
  await ready(poly);
  assert.deepEqual(poly.errors, []);
  await poly.context().close();
});

// Found by an audit of the scripts clinic pages run: an analytics wrapper of fetch that reads
// its address as a string (input.indexOf) threw at once, and an old Promise polyfill has no
// .finally: either left "Loading the guide…" on screen for good, with no message and a dead button.
test('a page\'s fetch wrapper that takes only a string, or an old Promise without finally, still loads; a fetch that throws at once says so with "Try again"', async () => {
  const wrappers = {
    'string-only fetch': () => {
      const real = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (input.indexOf('collect') >= 0) return Promise.resolve(new Response(''));
        return real(input, init);
      };
    },
    'Promise without finally': () => {
      delete Promise.prototype.finally;
    },
  };
  for (const [what, wrap] of Object.entries(wrappers)) {
    const page = await app.page();
    await page.addInitScript(wrap);
    await page.goto(`${app.url}/`);
    await ready(page);
    await page.locator('calcinosis-guide').getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
    await diaryReady(page);
    assert.deepEqual(page.errors, [], what);
    await page.context().close();
  }
  // A fetch that throws before it starts (a blocked address): the failure is said, with "Try
  // again", and trying again once it works loads the guide.
  const page = await app.page();
  await page.addInitScript(() => {
    const real = window.fetch.bind(window);
    window.cgBlock = true;
    window.fetch = (input, init) => {
      if (window.cgBlock) throw new TypeError('blocked by the page');
      return real(input, init);
    };
  });
  await page.goto(`${app.url}/`);
  const host = page.locator('calcinosis-guide');
  const alert = host.locator('.cg-placeholder [role="alert"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal((await alert.textContent()).trim(), 'The guide could not load. Check your internet connection, then try again.');
  await page.evaluate(() => { window.cgBlock = false; });
  await host.getByRole('button', { name: 'Try again', exact: true }).click();
  await ready(page);
  await page.context().close();
});

test('a language\u2019s text that stalls when the widget fetches it itself (a switch of language, in the guide alone and in the whole widget) fails after 15 s with the message and "Try again", in that language', async () => {
  // The text asked for while `stalling` names it stops half way.
  let stalling = 'pt-PT.guide.json';
  const uneven = await unevenServer((p) => (stalling && p === `/content/${stalling}` ? 'stall' : null));
  try {
    const page = await app.page();
    const warned = [];
    page.on('console', (m) => m.type() === 'warning' && warned.push(m.text()));
    await page.goto(`${uneven.url}/`);
    await ready(page);
    const host = page.locator('calcinosis-guide');
    const title = host.locator('.cg-step-title');
    // The guide alone, in English, switched to Portuguese: its text stops after 40 kB of 37 kB,
    // that is, all of it sent but never ended.
    await host.locator('button.cg-lang', { hasText: 'Português' }).click();
    const ptAlert = host.locator('[role="alert"][lang="pt-PT"]');
    await ptAlert.waitFor({ timeout: 30_000 });
    assert.match(await ptAlert.textContent(), /Não foi possível carregar o texto do guia/);
    assert.ok(warned.some((w) => /pt-PT\.guide\.json stalled: no byte for 15 s/.test(w)), warned.join(' | '));
    assert.equal(await title.textContent(), en.titles[0], 'English stays on screen');
    stalling = null;
    await ptAlert.getByRole('button', { name: 'Tentar novamente', exact: true }).click();
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, pt.titles[0]);
    // The whole widget, opened in Portuguese (the loader's own fetch of its text), switched back
    // to English: that text stops half way.
    await host.getByRole('button', { name: pt.ui.tab_diary, exact: true }).click();
    await diaryReady(page);
    stalling = 'en.json';
    await host.locator('button.cg-lang', { hasText: 'English' }).click();
    const enAlert = host.locator('[role="alert"][lang="en"]');
    await enAlert.waitFor({ timeout: 30_000 });
    assert.match(await enAlert.textContent(), /The guide could not load its text/);
    assert.ok(warned.some((w) => /\/content\/en\.json stalled: no byte for 15 s/.test(w)), warned.join(' | '));
    stalling = null;
    await enAlert.getByRole('button', { name: 'Try again', exact: true }).click();
    await page.waitForFunction(() => cgOne('section.cg')?.lang === 'en' && cgOne('.cg-diary'));
    assert.equal(await host.locator('[role="alert"]').count(), 0);
    // The console says which text failed, and nothing else went wrong.
    assert.deepEqual(page.errors.map((e) => e.replace(/^.*\/content\/(\S+): .*$/, '$1')), ['pt-PT.guide.json', 'en.json']);
    await page.context().close();
  } finally {
    uneven.close();
  }
});

test('a script that comes 20 s late while its WebAssembly waits, all there and unread, is not taken for a stalled download', async () => {
  const late = await unevenServer((p) => (p.endsWith('calcinosis-guide-learn.js') ? 20_000 : null));
  try {
    const page = await app.page();
    const warned = [];
    page.on('console', (m) => m.type() === 'warning' && warned.push(m.text()));
    await page.goto(`${late.url}/`);
    await page.locator('calcinosis-guide .cg-step-title').waitFor({ timeout: 40_000 });
    assert.deepEqual(warned.filter((w) => w.includes('stalled')), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    late.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 5. Bad attributes.

test('a first load that fails says so and offers "Try again", which loads the guide; a widget moved before it started still starts', async () => {
  const page = await app.page();
  let refused = 0;
  await page.route('**/calcinosis-guide-learn_bg.wasm*', (route) => {
    if (refused === 0) { refused += 1; return route.abort(); }
    return route.continue();
  });
  page.on('console', () => {}); // the failure is logged on purpose
  await page.goto(`${app.url}/`);
  const host = page.locator('calcinosis-guide');
  const alert = host.locator('.cg-placeholder [role="alert"]');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), 'The guide could not load. Check your internet connection, then try again.');
  const retry = host.getByRole('button', { name: 'Try again', exact: true });
  assert.equal(await retry.getAttribute('aria-disabled'), null, 'the button can be pressed');
  await retry.click();
  await ready(page);
  assert.equal(refused, 1);
  assert.equal(await host.locator('.cg-placeholder').count(), 0, 'the placeholder is gone');

  // Made below the fold, moved to another parent before it came into view: it still loads.
  const moved = await app.page();
  await moved.goto(`${app.url}/`);
  await ready(moved);
  await moved.evaluate(() => {
    const spacer = Object.assign(document.createElement('div'), { style: 'height:3000px' });
    const a = document.createElement('section');
    const b = document.createElement('section');
    document.body.append(spacer, a, b);
    const w = document.createElement('calcinosis-guide');
    w.id = 'late';
    w.setAttribute('storage-namespace', 'late');
    a.append(w);
    b.append(w);
  });
  await moved.locator('#late').scrollIntoViewIfNeeded();
  await moved.waitForFunction(() => document.querySelector('#late').shadowRoot.querySelector('.cg'), null, { timeout: 20000 });
  assert.deepEqual(moved.errors, []);
});

test('a page that takes the widget away takes it down (no "Leave site?", no listeners); put back, it comes back with the typed check-in; a changed attribute is read again', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  const host = 'document.querySelector("calcinosis-guide")';
  // Whether the page's "Leave site?" would be asked now: a cancelable beforeunload, cancelled.
  const asksToLeave = () => page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.locator('#cg-pain-6').check();
  await page.locator('#cg-notes').fill('Typed before the page moved on');
  assert.equal(await asksToLeave(), true, 'with unsaved work on screen, leaving is questioned');

  // A single-page app navigates away: the element leaves the document.
  await page.evaluate((h) => { window.cgKept = eval(h); window.cgKept.remove(); }, host);
  await page.waitForFunction(() => !window.cgKept.shadowRoot.querySelector('.cg-root'));
  assert.equal(await asksToLeave(), false, 'a widget no longer on the page does not hold the page back');
  // Another tab's change reaches no widget: nothing on the detached element renders again.
  await page.evaluate(() => window.dispatchEvent(new StorageEvent('storage', { key: 'calcinosis-guide.default.diary' })));
  assert.equal(await page.evaluate(() => window.cgKept.shadowRoot.querySelector('.cg-root, .cg')), null);

  // And back: the same element, put in the page again, starts again with the work kept.
  await page.evaluate(() => document.querySelector('main, body').append(window.cgKept));
  await page.evaluate(() => window.cgKept.scrollIntoView());
  await page.waitForFunction(() => window.cgKept.shadowRoot.querySelector('.cg-title'), null, { timeout: 20000 });
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await page.locator('form.cg-form').waitFor();
  assert.equal(await page.locator('#cg-notes').inputValue(), 'Typed before the page moved on');
  assert.equal(await page.locator('#cg-pain-6').isChecked(), true);
  assert.equal(await asksToLeave(), true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('calcinosis-guide').length), 1);

  // The clinic's number, changed by the page after the widget started, is the one it shows.
  const footer = () => page.evaluate(() => window.cgKept.shadowRoot.querySelector('.cg-summary-numbers')?.textContent ?? '');
  await page.getByRole('button', { name: en.ui.tab_summary, exact: true }).click();
  await page.locator('.cg-summary-numbers').waitFor();
  assert.ok((await footer()).includes('+44 20 7946 0000'), await footer());
  await page.evaluate(() => window.cgKept.setAttribute('clinic-phone', '+44 20 7946 1111'));
  await page.waitForFunction(() => window.cgKept.shadowRoot.querySelector('.cg-summary-numbers')?.textContent.includes('7946 1111'), null, { timeout: 20000 })
    .catch(async () => assert.fail(`the new number never showed: ${await footer()}`));
  assert.ok(!(await footer()).includes('7946 0000'), await footer());
  assert.deepEqual(page.errors, []);
});

/** In the page: the focused element inside the (first) widget's shadow root, by id and text. */
const focusInWidget = () => {
  const e = document.querySelector('calcinosis-guide').shadowRoot.activeElement;
  return e && `${e.tagName}#${e.id} "${e.textContent.trim().slice(0, 30)}" pressed=${e.getAttribute('aria-pressed')}`;
};

/** Sets the widget's clinic-phone to `phone`; resolves once the widget is mounted again. */
async function changePhone(page, phone) {
  await page.evaluate((p) => {
    const host = document.querySelector('calcinosis-guide');
    window.cgBefore = host.shadowRoot.querySelector('.cg-root');
    host.setAttribute('clinic-phone', p);
  }, phone);
  await page.waitForFunction(() => !window.cgBefore.isConnected
    && document.querySelector('calcinosis-guide').shadowRoot.querySelector('.cg-root .cg-title'), null, { timeout: 20000 });
}

test('a changed attribute mounts the widget again with keyboard focus where it was: the same field of a check-in, or the pressed tab', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.getByRole('button', { name: `+ ${en.diary.add_lesion}` }).click();
  // The lump's name field: its id comes from the lump's key in the kept draft.
  await page.locator('#cg-lesion-1-name').focus();
  await page.keyboard.type('left elbow');
  await changePhone(page, '+44 20 7946 1111');
  await page.waitForFunction(() => cgActive()?.id === 'cg-lesion-1-name', null, { timeout: 5000 })
    .catch(async () => assert.fail(`focus is on ${await page.evaluate(focusInWidget)}, not the lump's name field`));
  assert.equal(await page.locator('#cg-lesion-1-name').inputValue(), 'left elbow');
  await page.keyboard.type(' tip');
  assert.equal(await page.locator('#cg-lesion-1-name').inputValue(), 'left elbow tip', 'typing goes on in the same field');

  // A control with no id (a tab): back on the pressed tab, with the new number on screen.
  await page.getByRole('button', { name: en.ui.tab_summary, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.cg-summary-numbers').waitFor();
  await changePhone(page, '+44 20 7946 2222');
  await page.locator('.cg-summary-numbers', { hasText: '7946 2222' }).waitFor();
  await page.waitForFunction(() => cgActive()?.matches('.cg-tab[aria-pressed="true"]'), null, { timeout: 5000 })
    .catch(async () => assert.fail(`focus is on ${await page.evaluate(focusInWidget)}, not the pressed tab`));
  assert.equal((await page.evaluate(() => cgActive().textContent)).trim(), en.ui.tab_summary);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Found by the audit of tabs, clocks and reloads (stop 55): while the widget mounted again, a
// "Loading the guide…" button stood in its place and took the keys a patient typed: 9 letters of
// the alphabet in 12 typed at a brisk pace were lost when the page switched language, 6 or 7 when
// the Portuguese text took a second to come, and nothing said so.
test('keys typed while the widget mounts again (the page switches language; the text is slow) all land where the caret was, and the widget on screen stays until the new one is there', async () => {
  const page = await app.page();
  await page.route('**/content/pt-PT*.json', async (r) => { await new Promise((res) => setTimeout(res, 1000)); await r.continue(); });
  await openHost(page, app.url, { open: 'diary', lang: 'en' });
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.locator('#cg-notes').click();
  await page.keyboard.type('Thumb.');
  await page.keyboard.press('Home'); // the caret before "Thumb."
  // Whatever stands in the widget's place meanwhile is seen.
  await page.evaluate(() => {
    window.cgSeen = new Set();
    const root = document.querySelector('calcinosis-guide').shadowRoot;
    new MutationObserver(() => root.querySelector('.cg-placeholder') && window.cgSeen.add('placeholder'))
      .observe(root, { childList: true, subtree: true });
    setTimeout(() => document.querySelector('calcinosis-guide').setAttribute('lang', 'pt-PT'), 200);
  });
  const typed = 'Left thumb sore since Monday, leaking chalk. ';
  await page.keyboard.type(typed, { delay: 50 });
  await page.locator('.cg-tabs').getByRole('button', { name: pt.ui.tab_diary, exact: true }).waitFor({ timeout: 20000 });
  await focusIs(page, 'id', 'cg-notes', 'the keyboard is in the note, as before');
  await page.keyboard.type('Still.');
  const note = `${typed}Still.Thumb.`;
  assert.equal(await page.locator('#cg-notes').inputValue(), note, 'every key, where the caret was');
  await keptUnsaved(page, note);
  assert.deepEqual(await page.evaluate(() => [...window.cgSeen]), [], 'never a "Loading" button in its place');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Found by the review of that fix (stop 55): two changes in one go (the number, then the
// language) mount twice; the first new widget was given no focus (keys typed during the second
// load were lost), and the second put the keyboard back in the note even after the patient had
// gone to the page's own button meanwhile.
test('two attribute changes in one go: keys typed through both loads land, and a patient who left the widget meanwhile is not pulled back', async () => {
  for (const leaves of [false, true]) {
    const page = await app.page();
    await page.route('**/content/pt-PT*.json', async (r) => { await new Promise((res) => setTimeout(res, 1500)); await r.continue(); });
    await openHost(page, app.url, { open: 'diary', lang: 'en' });
    await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('button'), { id: 'page-button', textContent: 'Book' })));
    await diaryReady(page);
    await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
    await page.locator('#cg-notes').click();
    await page.keyboard.type('Thumb.');
    await page.evaluate(() => {
      const host = document.querySelector('calcinosis-guide');
      host.setAttribute('clinic-phone', '+44 20 7946 4444');
      host.setAttribute('lang', 'pt-PT');
    });
    if (leaves) {
      await page.waitForTimeout(300);
      await page.locator('#page-button').focus();
    } else {
      await page.keyboard.type(' Sore since Monday, leaking chalk.', { delay: 60 });
    }
    await page.locator('.cg-tabs').getByRole('button', { name: pt.ui.tab_diary, exact: true }).waitFor({ timeout: 20000 });
    await page.waitForTimeout(500);
    if (leaves) {
      assert.equal(await page.evaluate(() => document.activeElement.id), 'page-button', 'the keyboard stays on the page\'s button');
    } else {
      await focusIs(page, 'id', 'cg-notes');
      assert.equal(await page.locator('#cg-notes').inputValue(), 'Thumb. Sore since Monday, leaking chalk.', 'every key');
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

// Found by the review of that fix (stop 55): with the widget on screen kept while the new one
// loaded, a check-in saved meanwhile showed "Call an emergency number now", and the swap a moment
// later took it away for the diary's start (as a change made after a save always had).
test('a check-in\'s result on screen stays until the patient closes it when the page changes an attribute; then the widget mounts again with the change', async () => {
  const page = await app.page();
  await openHost(page, app.url, { open: 'diary', lang: 'en' });
  await diaryReady(page);
  const head = await saveCheckIn(page, en, 3, { chestPain: true });
  assert.equal(head, en.triage.levels.emergency.title);
  const focusedBefore = await page.evaluate(() => cgActive()?.textContent.trim());
  await page.evaluate(() => {
    const host = document.querySelector('calcinosis-guide');
    window.cgBefore = host.shadowRoot.querySelector('.cg-root');
    host.setAttribute('clinic-phone', '+44 20 7946 3333');
  });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.cgBefore.isConnected), true, 'the widget on screen stays');
  assert.equal((await page.locator('.cg-result h4').textContent()).trim(), head, 'the result stays');
  assert.equal(await page.evaluate(() => cgActive()?.textContent.trim()), focusedBefore, 'the keyboard stays where it was');
  await page.locator('.cg-result').getByRole('button', { name: en.diary.close, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.cgBefore.isConnected
    && document.querySelector('calcinosis-guide').shadowRoot.querySelector('.cg-root .cg-title'), null, { timeout: 20000 });
  // The keyboard stays where Close put it (found by the second review: on the part's tab, where
  // the next Enter did nothing), and Enter there opens a new check-in.
  await focusIs(page, 'id', 'cg-new-check-in', 'the keyboard on "+ New check-in"');
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
  await page.getByRole('button', { name: en.diary.cancel, exact: true }).click();
  await page.getByRole('button', { name: en.ui.tab_summary, exact: true }).click();
  await page.locator('.cg-summary-numbers', { hasText: '7946 3333' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a changed attribute never pulls focus into the widget: on a page button or on the body, it stays there', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.evaluate(() => document.querySelector('h1').after(Object.assign(document.createElement('button'), { id: 'page-button', textContent: 'Book' })));
  // Time enough for a late focus call (the loader waits up to 30 frames for the widget).
  const settle = () => page.evaluate(() => new Promise((r) => { let n = 40; const f = () => (--n ? requestAnimationFrame(f) : r()); f(); }));
  // A kept check-in form on screen: it takes focus to its heading whenever it opens.
  await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.locator('#cg-notes').fill('Typed before the page changed the number');
  await page.locator('#page-button').focus();
  await changePhone(page, '+44 20 7946 1111');
  await page.locator('#cg-notes').waitFor();
  await settle();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'page-button', `focus moved to ${await page.evaluate(focusInWidget)}`);
  assert.equal(await page.evaluate(focusInWidget), null);

  await page.getByRole('button', { name: en.ui.tab_summary, exact: true }).click();
  await page.locator('.cg-summary-numbers').waitFor();
  await page.evaluate(() => document.activeElement.blur());
  await changePhone(page, '+44 20 7946 2222');
  await page.locator('.cg-summary-numbers', { hasText: '7946 2222' }).waitFor();
  await settle();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a kept check-in form opened again by itself (the page loading, an attribute changed) with focus on the body never scrolls the clinic\'s page to it', async () => {
  // Found by an audit: a patient who left a check-in typed and came back to a page with the
  // widget just below the fold was scrolled to the form's heading (0 to 989 px) without doing
  // anything; reading the page's footer when the page changed an attribute, back up to it.
  for (const width of [1280, 375]) {
    const page = await app.page({ width, height: 900 });
    await page.goto(`${app.url}/`);
    await ready(page);
    await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
    await diaryReady(page);
    await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
    await page.locator('#cg-notes').fill('Typed, then the patient went to another page');
    await page.waitForFunction(() => (localStorage.getItem('calcinosis-guide.default.drafts') ?? '').includes('another page'));
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic news</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <script type="module" src="/calcinosis-guide.js"></script></head>
      <body style="margin:0"><p style="height:960px;margin:0">Clinic news</p>
      <calcinosis-guide clinic-phone="+44 20 7946 0000" lang="en" open="diary"></calcinosis-guide>
      <p style="height:3000px;margin:0">Footer</p></body></html>`;
    await page.route(`${app.url}/news.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
    await page.goto(`${app.url}/news.html`);
    const settle = () => page.evaluate(() => new Promise((r) => { let n = 40; const f = () => (--n ? requestAnimationFrame(f) : r()); f(); }));
    await page.waitForFunction(() => document.querySelector('calcinosis-guide').shadowRoot?.querySelector('#cg-notes'), null, { timeout: 20000 });
    await settle();
    assert.equal(await page.locator('#cg-notes').inputValue(), 'Typed, then the patient went to another page', 'the form is back as it was');
    assert.equal(await page.evaluate(() => Math.round(scrollY)), 0, `${width} px: the page was scrolled on load`);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');

    // Reading the footer, the page changes an attribute: the form mounts again, the page stays.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const reading = await page.evaluate(() => Math.round(scrollY));
    await changePhone(page, '+44 20 7946 1111');
    await page.locator('#cg-notes').waitFor();
    await settle();
    assert.equal(await page.evaluate(() => Math.round(scrollY)), reading, `${width} px: the page was scrolled on an attribute change`);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');

    // The patient's own press of the Diary tab still takes focus to the form's heading.
    await page.getByRole('button', { name: en.ui.tab_summary, exact: true }).click();
    await page.locator('.cg-summary').waitFor();
    await page.getByRole('button', { name: en.ui.tab_diary, exact: true }).click();
    await page.locator('#cg-notes').waitFor();
    await settle();
    assert.equal(await page.evaluate(() => document.querySelector('calcinosis-guide').shadowRoot.activeElement?.tagName), 'H4');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('bad attributes: the widget still renders in English with every part, and says what was wrong', async () => {
  const page = await app.page();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${app.url}/examples/bad-attributes.html`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), en.titles[0], 'English, Learn first');
  assert.equal(await page.locator('section.cg').getAttribute('lang'), 'en');
  assert.deepEqual(await page.locator('button.cg-tab').allTextContents(),
    [en.ui.tab_learn, en.ui.tab_diary, en.ui.tab_summary], 'all three parts');
  for (const bad of ['"xx"', '"bogus"', '"nowhere"', '"a b/c"', '"call us!"']) {
    assert.ok(warnings.some((w) => w.includes(bad)), `a console warning names ${bad}: ${JSON.stringify(warnings)}`);
  }
  // The fallbacks are really used: the default namespace, and no clinic phone number.
  await openPart(page, en.ui.tab_diary);
  await diaryReady(page);
  await saveCheckIn(page, en, 5);
  assert.ok((await page.locator('.cg-result').innerText()).includes(en.ui.phone_missing), 'the result says no clinic number is set up');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.diary'))),
    ['calcinosis-guide.default.diary'], 'the diary went to the default namespace');
  assert.deepEqual(page.errors, [], 'warnings, not errors');
  await page.context().close();
});

// ---------------------------------------------------------------------------------------------
// 6. Portuguese.

const EN_MONTHS = en.diary.months_short.join('|');
const ENGLISH_DATE = new RegExp(`\\b\\d{1,2} (${EN_MONTHS}) \\d{4}\\b|\\b(${en.ui.months.join('|')})\\b`);
const PT_LONG_DATE = new RegExp(`\\b\\d{1,2} de (${pt.ui.months.join('|')}) de \\d{4}\\b`, 'g');

/** Asserts the widget shows no English UI text and no English-style date; returns the text. */
async function assertNoEnglish(page, screen) {
  const text = await widgetText(page);
  assert.ok(text.length > 100, `${screen}: the widget shows text`);
  assert.deepEqual(ENGLISH_ONLY.filter((s) => text.includes(s)), [], `${screen}: English UI text on a pt-PT screen`);
  assert.doesNotMatch(text, ENGLISH_DATE, `${screen}: an English date on a pt-PT screen`);
  // Every numeric date is dd/mm/yyyy (no yyyy-mm-dd, no m/d/yyyy).
  assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, `${screen}: an ISO date shown`);
  for (const [d] of text.matchAll(/\b\d{1,4}\/\d{1,2}\/\d{1,4}\b/g)) {
    assert.match(d, /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/, `${screen}: "${d}" is dd/mm/yyyy`);
  }
  return text;
}

test('Portuguese: lang="pt-PT" renders Portuguese, the switcher goes to English and back, no English on any screen', async () => {
  assert.ok(ENGLISH_ONLY.length > 200, `enough English strings to look for (${ENGLISH_ONLY.length})`);
  const page = await app.page();
  await page.goto(`${app.url}/examples/lang-pt.html`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), pt.titles[0]);
  assert.equal(await page.locator('section.cg').getAttribute('lang'), 'pt-PT');
  assert.equal(await page.locator('section.cg').getAttribute('aria-label'), pt.ui.widget_label);

  // The switcher: English, then Portuguese again.
  await page.locator('button.cg-lang', { hasText: 'English' }).click();
  await page.locator('.cg-step-title', { hasText: en.titles[0] }).waitFor();
  assert.equal(await page.locator('section.cg').getAttribute('lang'), 'en');
  assert.equal(await page.locator('button.cg-lang[aria-pressed="true"]').textContent(), 'English');
  assert.ok((await widgetText(page)).includes(en.ui.disclaimer), 'the English disclaimer shows');
  await page.locator('button.cg-lang', { hasText: 'Português' }).click();
  await page.locator('.cg-step-title', { hasText: pt.titles[0] }).waitFor();
  assert.equal(await page.locator('section.cg').getAttribute('lang'), 'pt-PT');
  assert.equal(await page.locator('button.cg-lang[aria-pressed="true"]').textContent(), 'Português');

  // Every walk-through step.
  for (let step = 0; step < pt.titles.length; step++) {
    await page.locator('.cg-step-link').nth(step).click();
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, pt.titles[step]);
    const text = await assertNoEnglish(page, `step ${step + 1}`);
    assert.ok(text.includes(pt.ui.step_of.replace('{n}', step + 1).replace('{total}', pt.titles.length)), `step ${step + 1}: "Passo n de M"`);
    const longDates = [...text.matchAll(PT_LONG_DATE)];
    assert.ok(longDates.length >= 1, `step ${step + 1}: the review date is written in Portuguese`);
  }

  // The empty diary, the form with a lesion (and the body map), the triage result.
  await openPart(page, pt.ui.tab_diary);
  await diaryReady(page);
  assert.ok((await assertNoEnglish(page, 'diary empty')).includes(pt.diary.no_entries));
  await page.getByRole('button', { name: `+ ${pt.diary.new_check_in}` }).click();
  await page.locator('#cg-pain-2').check();
  await page.getByRole('button', { name: `+ ${pt.diary.add_lesion}` }).click();
  await page.locator('#cg-lesion-1-site').selectOption('left-elbow');
  await page.getByRole('button', { name: pt.diary.map_show }).click();
  await page.locator('.cg-bm').waitFor();
  const form = await assertNoEnglish(page, 'check-in form with a lesion');
  assert.ok(form.includes(pt.sites['left-elbow']), 'the lesion\'s place is in Portuguese');
  await page.locator('#cg-warn-chest-pain').check();
  await page.getByRole('button', { name: pt.diary.save }).click();
  await page.locator('.cg-result h4').waitFor();
  assert.equal((await page.locator('.cg-result h4').textContent()).trim(), pt.triage.levels.emergency.title);
  const result = await page.locator('.cg-result').innerText();
  assert.ok(result.includes(pt.triage.levels.emergency.advice.replace('{emergency}', '112')),
    `the emergency advice names 112 when no emergency-number is set: ${result}`);
  assert.ok(result.includes(pt.triage.reasons['chest-pain']));
  await assertNoEnglish(page, 'triage result');
  await page.getByRole('button', { name: pt.diary.close }).click();
  const history = await assertNoEnglish(page, 'diary with one check-in');
  assert.match(history, /\b\d{2}\/\d{2}\/\d{4}\b/, 'the history shows a dd/mm/yyyy date');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The summary and the export panel, with a seeded 90-day diary; the trend table too.
  const seeded = await app.page();
  await seed(seeded, 'lang-pt', seedDiary({ checkIns: 90, lesions: 4 }).text);
  await seeded.goto(`${app.url}/examples/lang-pt.html`);
  await ready(seeded);
  await openPart(seeded, pt.ui.tab_diary);
  await diaryReady(seeded);
  await seeded.getByRole('button', { name: pt.diary.range_all, exact: true }).click();
  await seeded.locator('.cg-trend-table summary').click();
  await seeded.locator('.cg-trend-table table').waitFor();
  const trend = await assertNoEnglish(seeded, 'diary with history and the trend table');
  assert.match(trend, /\b\d{2}\/\d{2}\/\d{4}\b/);
  await openPart(seeded, pt.ui.tab_summary);
  await seeded.locator('.cg-summary').waitFor();
  const summary = await assertNoEnglish(seeded, 'summary');
  assert.ok(summary.includes(pt.summary.print_title));
  assert.ok(summary.includes(pt.summary.for_clinic.replace('{clinic}', 'Clínica do Mondego')));
  const covers = await seeded.locator('.cg-summary-head p').last().textContent();
  assert.match(covers, /\b\d{2}\/\d{2}\/\d{4}\b.+\b\d{2}\/\d{2}\/\d{4}\. Registos: 90\./, `the period is dd/mm/yyyy: ${covers}`);
  await seeded.locator('.cg-export').scrollIntoViewIfNeeded();
  await seeded.getByRole('button', { name: pt.summary.delete_button, exact: true }).click();
  await seeded.getByRole('button', { name: pt.summary.delete_no }).waitFor();
  const exportText = await assertNoEnglish(seeded, 'export panel, asking to delete');
  assert.ok(exportText.includes(pt.summary.export_heading));
  await seeded.getByRole('button', { name: pt.summary.delete_no }).click();
  assert.deepEqual(seeded.errors, []);
  await seeded.context().close();
});

test('the page sets the clinic\'s name and then the language in one go, with the whole widget on screen: both are used', async () => {
  // Before: the first change mounted the widget again in the language on screen, and the second,
  // heard while it mounted, was dropped: the new name, in English, under lang="pt-PT".
  const page = await app.page();
  await openHost(page, app.url, { lang: 'en', 'clinic-name': 'Riverside', open: 'diary' });
  await diaryReady(page);
  await page.evaluate(() => {
    const e = document.querySelector('calcinosis-guide');
    e.setAttribute('clinic-name', 'Clínica do Rio');
    e.setAttribute('lang', 'pt-PT');
  });
  await page.waitForFunction(() => cgOne('.cg')?.lang === 'pt-PT' && cgOne('.cg-title')?.textContent.includes('Clínica do Rio'), null, { timeout: 20000 })
    .catch(async () => assert.fail(`on screen: ${await page.evaluate(() => [cgOne('.cg')?.lang, cgOne('.cg-title')?.textContent])}`));
  await page.locator('button.cg-tab[aria-pressed="true"]', { hasText: pt.ui.tab_diary }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a blank lang attribute (a template\'s empty field) is the page\'s language for the loader and the widget alike, with no warning', async () => {
  // Before: the placeholder and the text fetched were Portuguese (the page's), and the widget
  // then warned 'lang="" is not a language' and rendered English.
  const page = await app.page();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const asked = [];
  page.on('request', (r) => r.url().includes('/content/') && asked.push(new URL(r.url()).pathname));
  const body = `<!doctype html><html lang="pt-PT"><head><meta charset="utf-8"><title>Clínica</title>
<script type="module" src="calcinosis-guide.js"></script></head><body><calcinosis-guide lang="" clinic-name="Clínica"></calcinosis-guide></body></html>`;
  await page.route(`${app.url}/blank-lang.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  await page.goto(`${app.url}/blank-lang.html`);
  await ready(page);
  assert.equal(await page.evaluate(() => cgOne('.cg').lang), 'pt-PT');
  assert.deepEqual(warnings.filter((w) => w.includes('lang')), []);
  assert.ok(asked.every((u) => u.includes('pt-PT')), `only the Portuguese text is fetched: ${JSON.stringify(asked)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the placeholder says which language its words are in: English for lang="fr", Portuguese for a blank lang in a Portuguese page (WCAG 3.1.2)', async () => {
  const page = await app.page();
  // Below the fold: placeholders, not started.
  const body = `<!doctype html><html lang="pt-PT"><head><meta charset="utf-8"><title>Clínica</title>
<script type="module" src="calcinosis-guide.js"></script></head><body><div style="height:3000px"></div>
<calcinosis-guide id="fr" lang="fr"></calcinosis-guide><calcinosis-guide id="blank" lang="" storage-namespace="b"></calcinosis-guide></body></html>`;
  await page.route(`${app.url}/placeholder-lang.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  page.on('console', () => {}); // "fr" is warned about
  await page.goto(`${app.url}/placeholder-lang.html`);
  await page.waitForFunction(() => ['fr', 'blank'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.cg-placeholder')));
  const seen = await page.evaluate(() => ['fr', 'blank'].map((id) => {
    const p = document.getElementById(id).shadowRoot.querySelector('.cg-placeholder');
    return [p.lang, p.querySelector('button').textContent];
  }));
  assert.deepEqual(seen, [['en', 'Open the guide'], ['pt-PT', 'Abrir o guia']]);
  await page.context().close();
});

test('a page whose Content-Security-Policy refuses WebAssembly gets "the page\'s security settings stop it", not "check your internet connection"; another script that took the element\'s name is named in the console', async () => {
  const refusing = await serve({ root: 'dist', headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self'" } });
  try {
    const page = await app.page();
    await page.goto(`${refusing.url}/`);
    await page.locator('calcinosis-guide .cg-notice-error').waitFor({ timeout: 20000 });
    const said = (await page.locator('calcinosis-guide .cg-notice-error').textContent()).trim();
    assert.match(said, /security settings/, said);
    assert.ok(page.errors.some((e) => e.includes("Content-Security-Policy") && e.includes('wasm-eval')), JSON.stringify(page.errors));
    await page.context().close();
  } finally {
    await new Promise((r) => refusing.server.close(r));
  }
  const page = await app.page();
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Taken</title>
<script>customElements.define('calcinosis-guide', class extends HTMLElement {});</script>
<script type="module" src="calcinosis-guide.js"></script></head><body><calcinosis-guide></calcinosis-guide></body></html>`;
  await page.route(`${app.url}/taken.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  await page.goto(`${app.url}/taken.html`);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('calcinosis-guide.js')));
  await page.waitForTimeout(300);
  assert.ok(page.errors.some((e) => e.includes('already defines <calcinosis-guide>')), JSON.stringify(page.errors));
  await page.context().close();
});

test('Portuguese from the page: no lang attribute inside <html lang="pt-PT"> renders Portuguese', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/examples/page-lang-pt.html`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), pt.titles[0]);
  assert.equal(await page.locator('section.cg').getAttribute('lang'), 'pt-PT');
  await assertNoEnglish(page, 'page language fallback');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---------------------------------------------------------------------------------------------
// 7. Printing from the embed.

test('printing from the clinic page: only the summary, on one A4 page and one Letter page', async () => {
  const page = await app.page();
  await seed(page, 'northgate', seedDiary({ checkIns: 90, lesions: 4 }).text);
  await page.goto(`${app.url}${CLINIC}`);
  await ready(page);
  await openPart(page, en.ui.tab_summary);
  await page.locator('.cg-summary svg').first().waitFor();
  await startPrinting(page);
  await fs.mkdir(`${OUT}/screenshots`, { recursive: true });
  for (const format of ['A4', 'Letter']) {
    const file = `${OUT}/embed-print-${format.toLowerCase()}.pdf`;
    await page.pdf({ path: file, format });
    const info = (await run('pdfinfo', [file])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const text = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    assert.ok(text.includes(en.summary.print_title), `${format}: the summary title is printed`);
    assert.ok(text.includes('Northgate Rheumatology'), `${format}: the clinic name is printed`);
    for (const other of ['Contact us', 'Northgate Hospital NHS Trust', 'Services', 'Calcinosis clinic',
      en.summary.print, en.summary.backup, en.summary.summary_heading, en.ui.tab_diary]) {
      assert.ok(!text.includes(other), `${format}: "${other}" is not printed`);
    }
    assert.equal(pages, 1, `${format}: the summary prints on exactly one page (pdfinfo says ${pages})`);
  }
  await run('pdftoppm', ['-png', '-r', '80', '-singlefile', `${OUT}/embed-print-a4.pdf`, `${OUT}/screenshots/print-a4`]);
  await fs.access(`${OUT}/screenshots/print-a4.png`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('printing from a page whose print rule hides everything, the root included: the summary still prints', async () => {
  const page = await app.page({ width: 1280, height: 900 });
  await page.route('**/print-none-test.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>None</title><script type="module" src="calcinosis-guide.js"></script>
<style>@media print { * { display: none !important; } }</style></head>
<body><main><h1>Clinic news</h1><calcinosis-guide lang="en" clinic-name="Hidden Clinic"></calcinosis-guide></main></body></html>` }));
  await seed(page, 'default', seedDiary({ checkIns: 30, lesions: 2 }).text);
  await page.goto(`${app.url}/print-none-test.html`);
  await ready(page);
  await openPart(page, en.ui.tab_summary);
  await page.locator('.cg-summary svg').first().waitFor();
  await startPrinting(page);
  const file = `${OUT}/embed-print-none.pdf`;
  await page.pdf({ path: file, format: 'A4' });
  const text = await pdfText(file);
  for (const want of [en.summary.print_title, 'Hidden Clinic', en.ui.disclaimer.split('.')[0]]) {
    assert.ok(text.includes(want), `printed: "${want}" (the page printed ${text.length} characters)`);
  }
  assert.ok(!text.includes('Clinic news'), 'nothing else of the page');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('printing from a page that hides its sidebar on paper, in a scrolling 300 px panel: the summary still prints whole, full width', async () => {
  const page = await app.page({ width: 1280, height: 900 });
  await page.route('**/print-sidebar-test.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sidebar</title><script type="module" src="calcinosis-guide.js"></script>
<style>@media print { aside, .d-print-none { display: none !important; } } .panel { max-height: 300px; overflow: auto; }</style></head>
<body><div style="display:flex;gap:20px"><main style="flex:1"><h1>Clinic news</h1></main>
<aside class="d-print-none" style="width:300px"><div class="panel"><calcinosis-guide lang="en" clinic-name="Sidebar Clinic"></calcinosis-guide></div></aside></div></body></html>` }));
  await seed(page, 'default', seedDiary({ checkIns: 30, lesions: 2 }).text);
  await page.goto(`${app.url}/print-sidebar-test.html`);
  await ready(page);
  await openPart(page, en.ui.tab_summary);
  await page.locator('.cg-summary svg').first().waitFor();
  await startPrinting(page);
  const widthMm = await page.evaluate(() => document.querySelector('calcinosis-guide').getBoundingClientRect().width * 25.4 / 96);
  const file = `${OUT}/embed-print-sidebar.pdf`;
  await page.pdf({ path: file, format: 'A4' });
  const [pages, text] = [await pdfPages(file), await pdfText(file)];
  for (const want of [en.summary.print_title, 'Sidebar Clinic', en.ui.disclaimer.split('.')[0]]) {
    assert.ok(text.includes(want), `printed: "${want}"`);
  }
  assert.ok(!text.includes('Clinic news'), 'nothing else of the page');
  assert.equal(pages, 1, `one page (pdfinfo says ${pages})`);
  assert.ok(widthMm > 150, `as wide as the paper allows, not the 300 px sidebar (${Math.round(widthMm)} mm)`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two widgets on one page: Print in one prints its summary alone, on the paper chosen, under a theme that hides its sidebar by id and asks for A3 landscape', async () => {
  // Before: the other widget printed too (its diary, its clinic) because its shadow stylesheet
  // keeps it shown against the page's rules; the theme's "#secondary { display: none
  // !important }" left a blank sheet; "@page { size: A3 landscape }" printed the summary on A3.
  const page = await app.page({ width: 1280, height: 900 });
  await page.route('**/two-widgets-test.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Two</title><script type="module" src="calcinosis-guide.js"></script>
<style>@media print { #secondary, .widget-area { display: none !important; } body { min-width: 992px !important; } } @page { size: A3 landscape; }</style></head>
<body><main><calcinosis-guide id="a" lang="en" clinic-name="Alpha Clinic" storage-namespace="alpha" open="diary"></calcinosis-guide></main>
<aside id="secondary" class="widget-area"><section class="widget"><calcinosis-guide id="b" lang="en" clinic-name="Beta Clinic" storage-namespace="beta" open="summary"></calcinosis-guide></section></aside></body></html>` }));
  await page.context().addInitScript(([a, b, text]) => {
    if (sessionStorage.getItem('cg-test-seeded')) return;
    localStorage.setItem(a, text);
    localStorage.setItem(b, text);
    sessionStorage.setItem('cg-test-seeded', '1');
  }, [diaryKey('alpha'), diaryKey('beta'), seedDiary({ checkIns: 30, lesions: 2 }).text]);
  await page.goto(`${app.url}/two-widgets-test.html`);
  const a = page.locator('#a');
  const b = page.locator('#b');
  await a.locator('.cg-trend svg').first().waitFor();
  await b.locator('.cg-summary svg').first().waitFor();
  await page.evaluate(() => {
    window.cgPrinted = null;
    window.print = () => {
      const hosts = [...document.querySelectorAll('calcinosis-guide')];
      window.cgPrinted = hosts.map((h) => [h.id, h.hasAttribute('data-cg-printing'), h.hasAttribute('data-cg-not-printing')]);
      // Marked as the widget marks them, for the PDF below (print() itself is stood in for).
      document.documentElement.dataset.marks = JSON.stringify(window.cgPrinted);
    };
  });
  await b.locator('.cg-summary-controls .cg-button-primary').click();
  await page.waitForFunction(() => window.cgPrinted !== null);
  assert.deepEqual(await page.evaluate(() => window.cgPrinted), [['a', false, true], ['b', true, false]], 'the other widget marked, this one printing');
  assert.equal(await page.evaluate(() => document.querySelector('#a').hasAttribute('data-cg-not-printing')), false, 'the marks go after printing');
  await page.evaluate(() => {
    document.documentElement.classList.add('cg-printing');
    document.querySelector('#b').setAttribute('data-cg-printing', '');
    document.querySelector('#a').setAttribute('data-cg-not-printing', '');
  });
  await page.emulateMedia({ media: 'print' });
  const file = `${OUT}/embed-print-two-widgets.pdf`;
  await page.pdf({ path: file, preferCSSPageSize: true });
  const [pages, text] = [await pdfPages(file), await pdfText(file)];
  assert.ok(text.includes(en.summary.print_title) && text.includes('Beta Clinic'), 'the summary of the widget that printed');
  assert.ok(!text.includes('Alpha Clinic'), "nothing of the other widget's");
  assert.equal(pages, 1, `one page (pdfinfo says ${pages})`);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec((await run('pdfinfo', [file])).stdout);
  const [w, h] = [Number(size[1]), Number(size[2])];
  assert.ok(w < h && h < 900, `upright, not A3 landscape (${w} x ${h} pt)`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The first printed word's distance from the sheet's left and top edges, in mm (pdftotext -bbox). */
async function firstWordOffsetMm(file) {
  const { stdout } = await run('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
  const words = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const pt = (v) => (v * 25.4) / 72;
  return { left: pt(Math.min(...words.map((w) => w[0]))), top: pt(Math.min(...words.map((w) => w[1]))) };
}

test('printing from the clinic page keeps the summary\'s own 12 mm page margin, and still fits one page with it', async () => {
  // KNOWN WIDGET BUG (reported): styles/90-print.css asks for `@page { margin: 12mm }`, but an
  // @page rule inside a shadow root's stylesheet is ignored, so from an embed the summary prints
  // with whatever margin the browser picks (page.pdf(): none, content at the sheet's edge).
  const page = await app.page();
  await seed(page, 'northgate', seedDiary({ checkIns: 90, lesions: 4 }).text);
  await page.goto(`${app.url}${CLINIC}`);
  await ready(page);
  await openPart(page, en.ui.tab_summary);
  await page.locator('.cg-summary svg').first().waitFor();
  await startPrinting(page);
  // With the margin given by hand (what a fixed @page would do), it is still one sheet.
  for (const format of ['A4', 'Letter']) {
    const file = `${OUT}/embed-print-${format.toLowerCase()}-12mm.pdf`;
    await page.pdf({ path: file, format, margin: { top: '12mm', right: '12mm', bottom: '12mm', left: '12mm' } });
    const pages = Number(/^Pages:\s+(\d+)/m.exec((await run('pdfinfo', [file])).stdout)?.[1]);
    assert.equal(pages, 1, `${format} with 12 mm margins: one page (pdfinfo says ${pages})`);
  }
  const file = `${OUT}/embed-print-a4-css-margin.pdf`;
  await page.pdf({ path: file, format: 'A4' });
  const offset = await firstWordOffsetMm(file);
  assert.ok(offset.left >= 11 && offset.top >= 11,
    `the summary's @page margin (12 mm) applies when printed from the embed: text starts ${offset.left.toFixed(1)} mm from the left and ${offset.top.toFixed(1)} mm from the top edge`);
  await page.context().close();
});

// ---------------------------------------------------------------------------------------------
// 8. axe on host pages.

test('zero axe violations (WCAG 2.2 AA) on the clinic page and the strict-CSP page, in English and Portuguese, on every part', async () => {
  for (const [name, url, ns] of [['clinic page', `${app.url}${CLINIC}`, 'northgate'], ['strict-CSP page', `${csp.url}/examples/strict-csp.html`, 'strict']]) {
    for (const [lang, t] of [['en', en], ['pt-PT', pt]]) {
      const page = await app.page();
      await seed(page, ns, seedDiary({ checkIns: 30, lesions: 2 }).text);
      await page.goto(url);
      await ready(page);
      if (lang === 'pt-PT') {
        await page.locator('button.cg-lang', { hasText: 'Português' }).click();
        await page.locator('.cg-step-title', { hasText: pt.titles[0] }).waitFor();
      }
      // axe itself sets inline styles, which a strict CSP refuses with a console error: those
      // are axe's, so the widget's own errors are checked before each scan and axe's dropped.
      const scan = async (part) => {
        assert.deepEqual(page.errors, [], `${name}, ${lang}, ${part}: no console error from the widget`);
        const violations = await axe(page);
        page.errors.splice(0, page.errors.length, ...page.errors.filter((e) => !/^Applying inline style violates/.test(e)));
        assert.deepEqual(violations, [], `${name}, ${lang}, ${part}`);
      };
      await scan('Learn');
      await openPart(page, t.ui.tab_diary);
      await diaryReady(page);
      await page.locator('.cg-trend svg').first().waitFor();
      await scan('My diary');
      await openPart(page, t.ui.tab_summary);
      await page.locator('.cg-summary').waitFor();
      await scan('Summary');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});

// ---------------------------------------------------------------------------------------------
// 9. The iframe alternative.

test('iframe example: the widget renders inside the iframe, in Portuguese, with the clinic name from the query string', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/examples/iframe.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.cg-step-title').waitFor({ state: 'visible', timeout: 20000 });
  assert.equal(await frame.locator('.cg-step-title').textContent(), pt.titles[0]);
  assert.equal(await frame.locator('section.cg').getAttribute('lang'), 'pt-PT');
  assert.equal(await frame.locator('.cg-title').textContent(), `${pt.ui.app_title} · Clínica do Mondego`);
  const inner = page.frames().find((f) => f.url().includes('/embed.html'));
  assert.equal(await inner.evaluate(() => document.documentElement.lang), 'pt-PT');
  assert.ok(await inner.evaluate(() => cgOne('.cg').innerText.includes('Clínica do Mondego')));
  assert.equal(await inner.evaluate(() => document.querySelectorAll('.cg-embed-fallback').length), 0, 'the fallback words are gone');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('embed.html in a frame that refuses its scripts, or whose scripts cannot load (sandbox), says so in both languages after a few seconds, never an empty box', async () => {
  for (const sandbox of ['', 'allow-scripts']) {
    const page = await app.page();
    await page.route('**/sandboxed-test.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandboxed</title></head>
<body><iframe sandbox="${sandbox}" title="Calcinosis Guide" src="embed.html?lang=pt-PT" style="width:600px;height:400px"></iframe></body></html>` }));
    page.on('console', () => {}); // the refused script is reported by the browser
    await page.goto(`${app.url}/sandboxed-test.html`);
    const said = page.frameLocator('iframe').locator('.cg-embed-fallback p');
    await said.first().waitFor({ state: 'attached' });
    assert.equal(await said.first().isVisible(), false, `sandbox="${sandbox}": hidden at first (a normal start takes a few seconds)`);
    await said.first().waitFor({ state: 'visible', timeout: 10_000 });
    const words = await said.allInnerTexts();
    assert.equal(words.length, 2);
    assert.match(words[0], /^The guide could not start here\. Check your internet connection/);
    assert.match(words[1], /^O guia não conseguiu arrancar aqui\. Verifique a ligação à internet/);
    assert.deepEqual(await said.evaluateAll((ps) => ps.map((p) => p.lang)), ['en', 'pt-PT']);
    await page.context().close();
  }
});

test('the element asks session-replay tools not to record it, and no field offers to remember what a patient typed', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  const marks = await page.evaluate(() => {
    const el = document.querySelector('calcinosis-guide');
    return {
      hj: el.hasAttribute('data-hj-suppress'),
      clarity: el.getAttribute('data-clarity-mask'),
      logRocket: el.hasAttribute('data-private'),
      classes: [...el.classList].sort(),
    };
  });
  assert.deepEqual(marks, { hj: true, clarity: 'true', logRocket: true, classes: ['fs-exclude', 'rr-block'] });
  // Every one-line text field: the check-in form with "Something else" ticked and a lump's name,
  // and the summary's question box, with "off"; the patient's name says it is a name (WCAG 1.3.5).
  const unguarded = () => cgAll('input[type="text"], input:not([type])')
    .filter((f) => f.getAttribute('autocomplete') !== (f.id === 'cg-patient-name' ? 'name' : 'off'))
    .map((f) => f.id);
  await openPart(page, en.ui.tab_diary);
  await page.getByRole('button', { name: `+ ${en.diary.new_check_in}` }).click();
  await page.getByRole('button', { name: `+ ${en.diary.add_lesion}` }).click();
  await page.locator('#cg-fx-other').check();
  await page.locator('#cg-fx-other-text').waitFor();
  assert.deepEqual(await page.evaluate(unguarded), []);
  await page.getByRole('button', { name: en.diary.cancel, exact: true }).click();
  await openPart(page, en.ui.tab_summary);
  await page.locator('#cg-new-question').waitFor();
  assert.deepEqual(await page.evaluate(unguarded), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('embed.html opened on its own ignores the numbers, name and links in its address: a sent link cannot put them on the clinic\'s domain', async () => {
  const page = await app.page();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const fake = {
    lang: 'en',
    'clinic-name': 'Fake Clinic',
    'clinic-phone': '+44 909 000 0000',
    'emergency-number': '+44 909 000 0001',
    'out-of-hours': 'Urgent line, +44 909 000 0002',
    'support-groups': 'Patient portal sign-in, portal.example',
    'storage-namespace': 'elsewhere',
  };
  await page.goto(`${app.url}/embed.html?${new URLSearchParams(fake)}`);
  await ready(page);
  assert.equal(await page.locator('.cg-title').textContent(), en.ui.app_title, 'no clinic name from the address');
  // The symptoms step, where the numbers to call are listed.
  await page.locator('.cg-step-link').nth(1).click();
  await page.locator('.cg-contacts').first().waitFor();
  const shown = await page.evaluate(() => cgOne('.cg').innerText + cgAll('a').map((a) => a.href).join(' '));
  for (const bad of ['Fake Clinic', '909', 'portal.example', 'Urgent line']) assert.ok(!shown.includes(bad), `${bad} is not shown`);
  // The language still comes from the address, and the reason is in the console.
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(warnings.some((w) => w.includes('embed.html is opened on its own') && w.includes('clinic-phone')), warnings.join(' | '));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
