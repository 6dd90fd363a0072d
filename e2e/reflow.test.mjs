// What axe cannot check. Buttons side by side line up (one row of them, not one a few pixels
// higher). WCAG 1.4.10 (reflow at 320 px), 1.4.12 (text spacing) and 1.4.4 (text
// twice as large): nothing of the widget runs out of the box drawn around it, and nothing scrolls
// the page sideways, on the parts a patient most needs: the numbers to call (the Symptoms step),
// the check-in form with a lump open and its body map shown, the summary's questions. The body
// map's regions are at least 44 px wide and high from a 320 px screen up. A phone number stays on one line
// when it fits. 1.4.11: the pain scale's outlines and the chart's bars at 3:1. Forced colours
// (Windows high contrast): the current step and a lump chart's size line still show. Runs
// against dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, openHost, ready, diaryReady, seedDiary, seedOnce, DIARY_KEY, misaligned } from './helpers.mjs';

const ui = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const diary = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

const NUMBERS = { 'clinic-phone': '+44 20 7946 0000', 'out-of-hours': 'NHS 111', 'emergency-number': '999' };

/** WCAG 1.4.12's text spacing, put inside the widget's shadow root (page styles do not reach it). */
function spaceText() {
  const style = document.createElement('style');
  style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }'
    + ' p { margin-bottom: 2em !important; }';
  document.querySelector('calcinosis-guide').shadowRoot.append(style);
}

/** In the page: what runs out of the box drawn around it (the nearest ancestor with a border: a
 *  lump's box, a fieldset, a warning box, the widget) or off the screen, and sideways scroll. */
function escapes() {
  const cg = cgOne('.cg');
  const screen = document.documentElement.clientWidth;
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`;
  const out = [];
  for (const e of cgAll('.cg *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || e.closest('svg')) continue;
    // Kept in a box that scrolls or clips on purpose (a wide table), or hidden for screen readers.
    let clipped = false;
    let box = null;
    for (let a = e.parentElement; a && cg.contains(a); a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX)) clipped = true;
      if (!box && (parseFloat(cs.borderRightWidth) > 0 || a === cg || a.classList.contains('cg-bm-sheet'))) box = a;
    }
    // The body map's sheet spans the widget on purpose (its regions stay 44 px on a phone).
    if (e.classList.contains('cg-bm-sheet')) box = cg;
    if (clipped || getComputedStyle(e).position === 'absolute' && r.width <= 1) continue;
    const b = box.getBoundingClientRect();
    if (r.right > Math.min(b.right, screen) + 1 || r.left < b.left - 1) {
      out.push(`${name(e)} ${Math.round(r.left)}-${Math.round(r.right)} in ${name(box)} ${Math.round(b.left)}-${Math.round(b.right)}`);
    }
  }
  const sideways = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return { out: [...new Set(out)].slice(0, 8), sideways };
}

async function noEscape(page, where) {
  const { out, sideways } = await page.evaluate(escapes);
  assert.deepEqual(out, [], `${where}: runs out of its box`);
  assert.ok(sideways <= 0, `${where}: the page scrolls sideways by ${sideways} px`);
}

// The demo page (the widget in a clinic's page, with its margins) and a bare page (embed.html's
// stylesheet) with every number set.
const PAGES = ['/', 'bare page with every number'];

async function open(page, path) {
  if (path === PAGES[1]) await openHost(page, app.url, { lang: 'en', ...NUMBERS });
  else await page.goto(`${app.url}${path}`);
  await ready(page);
}

async function symptoms(page) {
  await page.locator('.cg-step-link').nth(1).click();
  await page.locator('.cg-contacts').first().waitFor();
}

async function checkInWithLump(page) {
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${diary.new_check_in}` }).click();
  await page.getByRole('button', { name: `+ ${diary.add_lesion}` }).click();
  await page.locator('#cg-lesion-1-site').selectOption('left-forearm');
  await page.locator('#cg-lesion-1-signs-redness-spreading').check();
  await page.getByRole('button', { name: diary.map_show }).click();
  await page.locator('.cg-bm svg').first().waitFor();
}

async function questions(page) {
  await page.getByRole('button', { name: ui.tab_summary, exact: true }).click();
  await page.locator('#cg-new-question').waitFor();
}

for (const [label, width, prepare] of [
  ['320 px', 320, async () => {}],
  ['320 px with WCAG text spacing', 320, async (p) => p.evaluate(spaceText)],
  ['1280 px with the text twice as large', 1280, async (p) => p.evaluate(() => document.querySelector('calcinosis-guide').style.setProperty('--calcinosis-guide-font-size', '36px'))],
  ['768 px with the text twice as large', 768, async (p) => p.evaluate(() => document.querySelector('calcinosis-guide').style.setProperty('--calcinosis-guide-font-size', '36px'))],
]) {
  test(`${label}: the numbers to call, a check-in with a lump and the questions stay inside their boxes`, async () => {
    for (const path of PAGES) {
      const page = await app.page({ width, height: 800 });
      await open(page, path);
      await prepare(page);
      await symptoms(page);
      await noEscape(page, `${label}, ${path}, Symptoms step`);
      await checkInWithLump(page);
      await noEscape(page, `${label}, ${path}, a check-in with a lump`);
      await questions(page);
      await noEscape(page, `${label}, ${path}, the summary's questions`);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  });
}

// A phone with the browser's text made larger (the widget follows it: 27 px at 150%, 36 px at
// 200%): the history's filters and the summary's controls ran off the screen (date fields, the
// name field and the print button; up to 163 px at 360 px).
for (const [width, px, lang] of [[360, '27px', 'en'], [360, '36px', 'en'], [412, '36px', 'pt-PT'], [320, '36px', 'pt-PT']]) {
  test(`a ${width} px phone with ${px} text (${lang}): the diary's history and the summary's controls stay on screen`, async () => {
    const page = await app.page({ width, height: 800 });
    await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 6, lesions: 2 }).text);
    await openHost(page, app.url, { lang, ...NUMBERS });
    await ready(page);
    await page.evaluate((size) => document.querySelector('calcinosis-guide').style.setProperty('--calcinosis-guide-font-size', size), px);
    await page.locator('.cg-tab').nth(1).click();
    await diaryReady(page);
    await page.locator('#cg-from').waitFor();
    await noEscape(page, `${width} px, ${px}, ${lang}, the diary`);
    await page.locator('.cg-tab').nth(2).click();
    await page.locator('#cg-patient-name').waitFor();
    await noEscape(page, `${width} px, ${px}, ${lang}, the summary`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('a phone number stays on one line where it fits', async () => {
  const page = await app.page({ width: 1280, height: 800 });
  await open(page, PAGES[1]);
  await symptoms(page);
  const lines = await page.evaluate(() => cgAll('.cg-number').map((n) => {
    const lh = parseFloat(getComputedStyle(n).lineHeight);
    return { text: n.textContent, lines: Math.round(n.getBoundingClientRect().height / lh) };
  }));
  assert.ok(lines.some((l) => l.text.replace(/\s/g, '') === '+442079460000'), JSON.stringify(lines));
  for (const l of lines) assert.equal(l.lines, 1, `${l.text} on one line`);
});

/** In the page: the contrast of two CSS colours (rgb or rgba over white). */
function contrastOf([a, b]) {
  const rgb = (c) => {
    const [r, g, bl, al = 1] = c.match(/[\d.]+/g).map(Number);
    return [r, g, bl].map((v) => v * al + 255 * (1 - al));
  };
  const lum = (c) => rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((t, v, i) => t + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('1.4.11: the pain scale\'s outlines and the open-sore bars stand out at 3:1 or more', async () => {
  const page = await app.page({ width: 1280, height: 900 });
  await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 30, lesions: 2 }).text);
  await open(page, '/');
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  const bar = await page.evaluate(() => {
    const b = cgOne('.cg-bar');
    const cs = getComputedStyle(b);
    return cs.fill.replace('rgb(', 'rgba(').replace(')', `, ${cs.opacity})`);
  });
  assert.ok(await page.evaluate(contrastOf, [bar, 'rgb(255, 255, 255)']) >= 3, `bars ${bar}`);
  await page.getByRole('button', { name: `+ ${diary.new_check_in}` }).click();
  const full = page.getByRole('button', { name: diary.use_full_form, exact: true });
  if (await full.count()) await full.click();
  await page.locator('#cg-pain-0').waitFor({ state: 'attached' });
  const [border, behind] = await page.evaluate(() => {
    const o = cgOne('#cg-pain-0').closest('.cg-scale-option');
    let a = o.parentElement;
    while (getComputedStyle(a).backgroundColor === 'rgba(0, 0, 0, 0)') a = a.parentElement;
    return [getComputedStyle(o).borderTopColor, getComputedStyle(a).backgroundColor];
  });
  assert.ok(await page.evaluate(contrastOf, [border, behind]) >= 3, `pain scale outline ${border} on ${behind}`);
});

test('forced colours: the current step is marked in the system highlight; a lump chart\'s size line and words in the text colour', async () => {
  const page = await app.page({ width: 1280, height: 900 });
  await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 30, lesions: 2 }).text);
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page, '/');
  const [current, other] = await page.evaluate(() => {
    const c = cgOne('.cg-step-link[aria-current="step"]');
    const o = cgAll('.cg-step-link').find((l) => l !== c);
    return [getComputedStyle(c).backgroundColor, getComputedStyle(o).backgroundColor];
  });
  assert.notEqual(current, other, 'the current step has its own background');
  // Its title and number readable in a light theme and a dark one (the title was white on a
  // pale highlight in a light theme: 1.16:1), and its focus ring, like every chosen control's,
  // in the system's text colour, against the page.
  for (const colorScheme of ['light', 'dark']) {
    // Reduced motion: no colour fade caught half way as the theme changes.
    await page.emulateMedia({ forcedColors: 'active', colorScheme, reducedMotion: 'reduce' });
    await page.keyboard.press('Tab'); // the keyboard's focus ring from here on
    const seen = await page.evaluate(() => {
      const c = cgOne('.cg-step-link[aria-current="step"]');
      const bg = getComputedStyle(c).backgroundColor;
      c.focus();
      const page = getComputedStyle(cgOne('.cg')).backgroundColor;
      return {
        title: [getComputedStyle(c.querySelector('span:last-child')).color, bg],
        number: [getComputedStyle(c.querySelector('.cg-step-num')).color, getComputedStyle(c.querySelector('.cg-step-num')).backgroundColor],
        ring: [getComputedStyle(c).outlineColor, page],
        text: [getComputedStyle(cgOne('.cg')).color, page],
      };
    });
    for (const [what, pair] of Object.entries(seen)) {
      const min = what === 'ring' ? 3 : 4.5;
      assert.ok(await page.evaluate(contrastOf, pair) >= min, `${colorScheme} theme, current step's ${what}: ${pair.join(' on ')}`);
    }
    assert.equal(seen.ring[0], seen.text[0], `${colorScheme} theme: the ring is the system's text colour`);
  }
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'light' });
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.locator('.cg-mylesion').first().getByRole('button', { name: `${diary.lesion_show_trend}: ` }).click();
  await page.locator('.cg-mylesion svg .cg-line-size').first().waitFor();
  const colours = await page.evaluate(() => ({
    text: getComputedStyle(cgOne('.cg')).color,
    line: getComputedStyle(cgOne('.cg-mylesion svg .cg-line-size')).stroke,
    words: getComputedStyle(cgOne('.cg-mylesion svg .cg-axis-size')).fill,
  }));
  assert.deepEqual(colours, { text: colours.text, line: colours.text, words: colours.text });
});

test('buttons side by side line up, in every part, on a phone and a desktop, in both languages', async () => {
  for (const [width, lang] of [[375, 'en'], [1280, 'en'], [1280, 'pt-PT']]) {
    const page = await app.page({ width, height: 900 });
    await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 12, lesions: 2 }).text);
    await openHost(page, app.url, { lang, ...NUMBERS });
    await ready(page);
    const where = `${width} px, ${lang}`;
    const steps = await page.locator('.cg-step-link').count();
    for (let s = 0; s < steps; s++) {
      await page.locator('.cg-step-link').nth(s).click();
      assert.deepEqual(await page.evaluate(misaligned), [], `${where}, step ${s + 1}`);
    }
    await page.locator('.cg-tab').nth(1).click();
    await diaryReady(page);
    // The diary's first screen: Quick check-in beside + New check-in, the trend's ranges.
    assert.equal(await page.locator('.cg-new-actions .cg-button').count(), 2, 'both ways to check in are offered');
    assert.deepEqual(await page.evaluate(misaligned), [], `${where}, the diary`);
    await page.locator('.cg-quick-start').click();
    await page.locator('#cg-quick-none').waitFor();
    assert.deepEqual(await page.evaluate(misaligned), [], `${where}, the quick check-in`);
    await page.locator('.cg-tab').nth(2).click();
    await page.locator('#cg-new-question').waitFor();
    assert.deepEqual(await page.evaluate(misaligned), [], `${where}, the summary`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('the body map: every region at least 44 px wide and high from 320 px up, a tap picks the place, and the picture says how', async () => {
  for (const width of [320, 375, 1280]) {
    const page = await app.page({ width, height: 800 });
    await open(page, '/');
    await checkInWithLump(page);
    const sizes = await page.evaluate(() => cgAll('.cg-bm-region').map((e) => {
      const r = e.getBoundingClientRect();
      return { site: e.dataset.site, w: r.width, h: r.height };
    }));
    assert.ok(sizes.length >= 80, `${width} px: the map has its regions (${sizes.length})`);
    const small = sizes.filter((r) => r.w < 44 || r.h < 44).map((r) => `${r.site} ${r.w.toFixed(1)}x${r.h.toFixed(1)}`);
    assert.deepEqual(small, [], `${width} px: regions under 44 px`);
    // The shown part holds words a screen reader reads (the picture itself is hidden from it).
    const shown = await page.evaluate(() => {
      const id = cgOne('.cg-map-toggle').getAttribute('aria-controls');
      const part = cgOne(`#${id}`);
      return { expanded: cgOne('.cg-map-toggle').getAttribute('aria-expanded'), hint: part?.querySelector('.cg-hint')?.textContent,
        hidden: part?.querySelector('.cg-bm')?.getAttribute('aria-hidden') };
    });
    assert.deepEqual(shown, { expanded: 'true', hint: diary.map_hint, hidden: 'true' }, `${width} px: the shown part`);
    await page.locator('.cg-bm-region[data-site="right-wrist"]').first().click();
    assert.equal(await page.locator('#cg-lesion-1-site').inputValue(), 'right-wrist', `${width} px: the tap chose the place`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('a lump\'s table of numbers in Portuguese at 320 px with WCAG text spacing scrolls in its own box, never the page', async () => {
  const ptUi = JSON.parse(await fs.readFile('content/pt-PT/ui.json', 'utf8'));
  const ptDiary = JSON.parse(await fs.readFile('content/pt-PT/diary.json', 'utf8'));
  for (const [width, spaced] of [[320, true], [320, false], [375, true]]) {
    const page = await app.page({ width, height: 800 });
    await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 6, lesions: 1 }).text);
    await openHost(page, app.url, { lang: 'pt-PT', ...NUMBERS });
    await ready(page);
    if (spaced) await page.evaluate(spaceText);
    await page.getByRole('button', { name: ptUi.tab_diary, exact: true }).click();
    await diaryReady(page);
    await page.getByRole('button', { name: `${ptDiary.lesion_show_trend}: ` }).click();
    const view = page.locator('.cg-mylesion-trend-view');
    await view.locator('.cg-trend-table summary').click();
    await view.locator('.cg-trend-table table').waitFor();
    await noEscape(page, `${width} px${spaced ? ' with text spacing' : ''}, a lump's table`);
    // Its box can be reached and scrolled from the keyboard, and is named.
    const box = await view.locator('.cg-table-wrap').evaluate((e) => ({ tab: e.tabIndex, role: e.getAttribute('role'),
      name: e.getRootNode().getElementById(e.getAttribute('aria-labelledby'))?.textContent }));
    assert.deepEqual(box, { tab: 0, role: 'region', name: ptDiary.trend_table });
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

// Found by an audit: at 640 px (a 1280 px screen at 200% zoom) the Portuguese table of lumps
// was 30 px wider than its box, its last column's dates cut off behind a sideways scroll; narrower,
// each lump is a card. At any width the table either fits or is cards.
test('the summary\'s table of lumps fits its box or turns into cards at every width from 320 to 1000 px, in both languages', async () => {
  for (const lang of ['pt-PT', 'en']) {
    const page = await app.page({ width: 1000, height: 800 });
    await seedOnce(page.context(), DIARY_KEY, seedDiary({ checkIns: 20, lesions: 3 }).text);
    await openHost(page, app.url, { lang, ...NUMBERS });
    await ready(page);
    await page.locator('.cg-tab').nth(2).click();
    await page.locator('.cg-summary-table').first().waitFor();
    const over = [];
    for (let width = 320; width <= 1000; width += 20) {
      await page.setViewportSize({ width, height: 800 });
      const wrap = await page.evaluate(() => [...cgAll('.cg-table-wrap')].map((w) => w.scrollWidth - w.clientWidth));
      if (wrap.some((d) => d > 1)) over.push(`${width} px: ${wrap.join(', ')} px too wide`);
    }
    assert.deepEqual(over, [], `${lang}: a table of lumps scrolls sideways`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('a patient who set larger text in the browser gets larger text in the widget, also on a page that shrinks rem; a clinic\'s size in px still holds', async () => {
  // Before: the widget's 18 px ignored the browser's text size setting: at 32 px the clinic's
  // page grew and the widget stayed at 18 px.
  const sizes = async (standard, { pageCss = '', attrs = {} } = {}) => {
    const page = await app.page({ width: 1280 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard, fixed: standard } });
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Size</title>
<style>${pageCss}</style><script type="module" src="calcinosis-guide.js"></script></head>
<body><p id="host-text">The clinic's own text.</p><calcinosis-guide lang="en" ${Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ')}></calcinosis-guide></body></html>`;
    await page.route(`${app.url}/size.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
    await page.goto(`${app.url}/size.html`);
    await ready(page);
    const out = await page.evaluate(() => ({
      widget: parseFloat(getComputedStyle(cgOne('.cg')).fontSize),
      page: parseFloat(getComputedStyle(document.querySelector('#host-text')).fontSize),
      sideways: document.documentElement.scrollWidth > innerWidth,
    }));
    assert.deepEqual(page.errors, []);
    await page.context().close();
    return out;
  };
  assert.equal((await sizes(16)).widget, 18, 'the usual 18 px at the usual setting');
  const large = await sizes(32);
  assert.equal(large.page, 32);
  assert.equal(large.widget, 36, 'twice as large, as the page is');
  assert.equal(large.sideways, false, 'no sideways scroll');
  assert.equal((await sizes(32, { pageCss: 'html { font-size: 62.5%; }' })).widget, 36, 'the page\'s shrunk rem does not shrink it');
  assert.equal((await sizes(16, { pageCss: 'html { font-size: 62.5%; }' })).widget, 18);
  assert.equal((await sizes(32, { pageCss: 'calcinosis-guide { --calcinosis-guide-font-size: 20px; }' })).widget, 20, 'a clinic\'s own px size');
});
