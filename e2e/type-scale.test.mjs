// The widget's type scale (styles/00-theme.css): on screen, text comes in five sizes of the
// widget's own size (1, 0.9, 1.1, 1.35 and 1.5 times it), two weights (400 and 700), upright, in
// the one family. Each further size, weight or style is one more font for the browser to look up
// and shape with on its first layout, which a slow phone does before the guide can be used (on
// Linux each is a round trip to the browser process: 18 of them took about 40 ms of a 4x-throttled
// first layout before the scale, 7 about 14 ms). Checked on every step of the guide alone at 375
// and 1280 px with every explanation open, and on every part of the whole widget with a diary
// stored. The loader readies each of these fonts while the files download (a canvas measures a
// line in each), so the first layout does not set them up after the last byte: checked at the
// default and at a clinic's own size and family. Runs against the built dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, diaryReady, seedDiary, everyStepOpen, DIARY_KEY } from './helpers.mjs';

const ui = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));
const diary = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const SCALE = [1, 0.9, 1.1, 1.35, 1.5];
const WEIGHTS = ['400', '700'];

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/** In the page: every font the widget's text is set in, with an element that uses it. Text is an
 *  element's own text (not its children's) and list markers; chart labels are SVG text, drawn at
 *  the chart's scale, and are left out. */
function fontsInUse() {
  const root = cgOne('.cg');
  const fonts = new Map();
  const note = (e, cs, what) => {
    const key = JSON.stringify([cs.fontSize, cs.fontWeight, cs.fontStyle, cs.fontFamily]);
    if (!fonts.has(key)) fonts.set(key, `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}${what}`);
  };
  for (const e of cgAll('.cg, .cg *')) {
    if (e.closest('svg') || !e.getClientRects().length) continue;
    const cs = getComputedStyle(e);
    if ([...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) note(e, cs, '');
    if (cs.display === 'list-item' && cs.listStyleType !== 'none') note(e, getComputedStyle(e, '::marker'), '::marker');
  }
  const base = getComputedStyle(root);
  return {
    base: { size: parseFloat(base.fontSize), family: base.fontFamily },
    fonts: [...fonts].map(([k, where]) => {
      const [size, weight, style, family] = JSON.parse(k);
      return { size: parseFloat(size), weight, style, family, where };
    }),
  };
}

/** The fonts off the scale, as readable lines. */
async function offScale(p, where) {
  const { base, fonts } = await p.evaluate(fontsInUse);
  assert.ok(fonts.length > 0, `${where}: text was found`);
  return fonts.filter((f) => !SCALE.some((r) => Math.abs(f.size - r * base.size) < 0.05)
      || !WEIGHTS.includes(f.weight) || f.style !== 'normal' || f.family !== base.family)
    .map((f) => `${where}: ${f.where} is ${f.size}px (${(f.size / base.size).toFixed(3)}), ${f.weight}, ${f.style}, ${f.family === base.family ? 'the family' : f.family}`);
}

test('the guide alone keeps to the type scale on every step, with every explanation open', async () => {
  const p = await app.page({ width: 375 });
  await p.goto(`${app.url}/`);
  await ready(p);
  const found = [];
  await everyStepOpen(p, [375, 1280], async (width, step) => {
    found.push(...await offScale(p, `${width} px, step ${step}`));
  });
  assert.deepEqual(found, []);
  await p.context().close();
});

test('the whole widget keeps to the type scale in the diary, the check-in, the lesions and the summary', async () => {
  const p = await app.page({ width: 375 });
  await p.context().addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('cg-seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('cg-seeded', '1');
    }
  }, [DIARY_KEY, seedDiary({ checkIns: 30, lesions: 3 }).text]);
  await p.goto(`${app.url}/`);
  await ready(p);
  const tab = (name) => p.getByRole('button', { name, exact: true });
  const found = [];
  for (const width of [375, 1280]) {
    await p.setViewportSize({ width, height: 900 });
    found.push(...await offScale(p, `${width} px, guide`));
    await tab(ui.tab_diary).click();
    await diaryReady(p);
    // Every disclosure in the diary open (trend tables, older check-ins).
    await p.evaluate(() => cgAll('.cg details:not([open])').forEach((d) => { d.open = true; }));
    const shown = (sel) => p.evaluate((q) => cgAll(q).filter((e) => e.getClientRects().length).length, sel);
    for (const part of ['.cg-mylesion-name', '.cg-entry', '.cg-chart']) {
      assert.ok(await shown(part) > 0, `${width} px: the diary shows ${part}`);
    }
    found.push(...await offScale(p, `${width} px, diary`));
    // A new check-in: the quick form after a check-in, then the full one.
    await p.getByRole('button', { name: diary.new_check_in }).click();
    await p.locator('.cg-diary form').first().waitFor();
    found.push(...await offScale(p, `${width} px, new check-in`));
    await tab(ui.tab_summary).click();
    await p.locator('.cg-summary-table').first().waitFor();
    await p.evaluate(() => cgAll('.cg details:not([open])').forEach((d) => { d.open = true; }));
    found.push(...await offScale(p, `${width} px, summary`));
    await tab(ui.tab_learn).click();
    await ready(p);
  }
  assert.deepEqual(found, []);
  await p.context().close();
});

/** Before the page runs: keep every font a canvas measures text in (the loader's readyFonts). */
function recordMeasuredFonts() {
  globalThis.cgMeasured = [];
  const measure = CanvasRenderingContext2D.prototype.measureText;
  CanvasRenderingContext2D.prototype.measureText = function (text) {
    globalThis.cgMeasured.push({ font: this.font, at: performance.now() });
    return measure.call(this, text);
  };
}

/** "700 24.3px system-ui, ..." as { size, weight, family }, as getComputedStyle would give them. */
function canvasFont(font) {
  const m = /^(?:(normal|bold|\d+) )?([\d.]+)px (.+)$/.exec(font);
  assert.ok(m, `a canvas font: ${font}`);
  const weight = { undefined: '400', normal: '400', bold: '700' }[m[1]] ?? m[1];
  return { size: Number(m[2]), weight, family: m[3] };
}

test('the loader readies every font of the scale before the guide is on screen, at the default and at a clinic\'s own size and family', async () => {
  for (const own of [null, { size: '20px', family: 'Georgia, serif' }]) {
    const p = await app.page({ width: 375 });
    await p.context().addInitScript(recordMeasuredFonts);
    await p.goto(`${app.url}/examples/long-page.html`);
    // The guide loads when scrolled into view; note when its first step is there.
    await p.evaluate((own) => {
      const host = document.querySelector('calcinosis-guide');
      if (own) {
        host.style.setProperty('--calcinosis-guide-font-size', own.size);
        host.style.setProperty('--calcinosis-guide-font-family', own.family);
      }
      new MutationObserver((_, o) => {
        if (host.shadowRoot.querySelector('.cg-step-title')) {
          globalThis.cgStepAt = performance.now();
          o.disconnect();
        }
      }).observe(host.shadowRoot, { childList: true, subtree: true });
      host.scrollIntoView();
    }, own);
    await ready(p);
    const { base, fonts } = await p.evaluate(fontsInUse);
    assert.equal(base.size, own ? 20 : 18);
    const { measured, stepAt } = await p.evaluate(() => ({ measured: globalThis.cgMeasured, stepAt: globalThis.cgStepAt }));
    const readied = measured.map((m) => canvasFont(m.font));
    const same = (a, b) => a.replaceAll('"', '').replaceAll(', ', ',') === b.replaceAll('"', '').replaceAll(', ', ',');
    const missing = fonts.filter((f) => !readied.some((r) => Math.abs(r.size - f.size) < 0.05 && r.weight === f.weight && same(r.family, f.family)))
      .map((f) => `${f.where}: ${f.size}px ${f.weight} ${f.family}`);
    const label = own ? 'a clinic\'s own size and family' : 'the default';
    assert.deepEqual(missing, [], `${label}: every font the first step uses was readied (${JSON.stringify(readied)})`);
    assert.equal(measured.length, SCALE.length * WEIGHTS.length, `${label}: each size of the scale at each weight, once`);
    assert.ok(measured.every((m) => m.at < stepAt), `${label}: all before the first step was on screen`);
    await p.context().close();
  }
});
