import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, axe, screenshot, tabTo, focusedText, whoToCall } from './helpers.mjs';
import fs from 'node:fs';

// Every step, in order, from the section files (their names start with the step number).
const sectionFiles = (lang) => fs.readdirSync(`content/${lang}/sections`).filter((f) => /^\d\d-.*\.json$/.test(f)).sort();
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const titles = sectionFiles('en').map((f) => readJson(`content/en/sections/${f}`).title);
const STEPS = titles.length;

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

test('keyboard only: every step in order, focus on each new heading, then reload resumes', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), titles[0]);
  for (let step = 1; step < STEPS; step++) {
    await tabTo(page, () => cgActive()?.textContent.trim().startsWith('Next'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, titles[step]);
    assert.equal(await page.locator('.cg-step-count').textContent(), `Step ${step + 1} of ${STEPS}`);
    assert.equal(await page.evaluate(focusedText), titles[step], 'focus moves to the new heading');
  }
  assert.equal(await page.locator('.cg-pager button', { hasText: 'Next' }).count(), 0, 'no Next on the last step');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), titles[STEPS - 1], 'reload resumes on the last step');
  // Back with the keyboard, from the step list too.
  await tabTo(page, (t) => cgActive()?.classList.contains('cg-step-link') && cgActive().textContent.includes(t), titles[2]);
  await page.keyboard.press('Space');
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, titles[2]);
  assert.deepEqual(page.errors, []);
});

test('zero axe violations (WCAG 2.2 AA) on every step, at both widths', async () => {
  for (const width of [1280, 375]) {
    const page = await app.page({ width });
    await page.goto(`${app.url}/`);
    await ready(page);
    for (let step = 0; step < STEPS; step++) {
      await page.locator('.cg-step-link').nth(step).click();
      await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, titles[step]);
      assert.deepEqual(await axe(page), [], `axe at ${width}px, step ${step + 1}`);
    }
  }
});

// A step on a phone is about 4,000 px tall. Laying out only what is near the screen
// (content-visibility: auto) made the first step show about 50 ms sooner at 4x CPU, but Chrome
// then marks the skipped text "notRendered" and leaves it out of its accessibility tree, so a
// screen reader would not find a step's later headings until the patient scrolled near them.
// This reads Chrome's own tree (not the DOM) on every step, right after it is shown at 375 px.
test('every heading, explanation button and source of every step is in the accessibility tree, also far below the screen', async () => {
  const page = await app.page({ width: 375, height: 800 });
  await page.goto(`${app.url}/`);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < STEPS; i++) {
    await page.evaluate((n) => cgAll('.cg-step-link')[n].click(), i);
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, titles[i]);
    const wanted = await page.evaluate(() => {
      // An element's text without what is hidden from screen readers (a button's "+" icon).
      const spoken = (e) => {
        const copy = e.cloneNode(true);
        copy.querySelectorAll('[aria-hidden="true"]').forEach((h) => h.remove());
        return copy.textContent.trim();
      };
      return [
        ...cgAll('.cg-step h3, .cg-step h4, .cg-step .cg-gloss-toggle').map(spoken),
        ...cgAll('.cg-step .cg-sources li').map((e) => spoken(e).slice(0, 40)),
      ];
    });
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.filter((n) => !n.ignored).map((n) => n.name?.value ?? '').filter(Boolean);
    const missing = wanted.filter((w) => !names.some((n) => n.includes(w)));
    assert.ok(wanted.length > 8, `step ${i + 1}: headings, buttons and sources found (${wanted.length})`);
    assert.deepEqual(missing, [], `step ${i + 1}: in the accessibility tree`);
  }
  await page.context().close();
});

test('usable at 375 px and 1280 px: no sideways scroll, targets at least 44 px, notice visible', async () => {
  for (const width of [375, 1280]) {
    const page = await app.page({ width, height: 800 });
    await page.goto(`${app.url}/`);
    await ready(page);
    for (let step = 0; step < STEPS; step++) {
      await page.locator('.cg-step-link').nth(step).click();
      await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, titles[step]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px step ${step + 1}: page scrolls sideways by ${overflow}px`);
      const small = await page.evaluate(() => [...cgAll('.cg button')]
        .map((b) => ({ t: b.textContent.trim(), r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
        .map(({ t, r }) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`));
      assert.deepEqual(small, [], `${width}px step ${step + 1}: targets under 44 px`);
      assert.ok(await page.locator('.cg-disclaimer').isVisible(), 'not-medical-advice notice is visible');
      await screenshot(page, `walkthrough-step${step + 1}-${width}`);
    }
  }
});

test('readable at 200% zoom: no sideways scroll at 640 px CSS width (1280 px at 200%)', async () => {
  // Browser zoom to 200% on a 1280 px window lays the page out at 640 CSS px.
  const page = await app.page({ width: 640, height: 450 });
  await page.goto(`${app.url}/`);
  await ready(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
});

/**
 * Page-side: for each glossary word in the shown step, where it first appears (outside the
 * explanations and the source list) it must be marked, and the button beside it must open its
 * explanation. Returns one line per problem.
 */
function glossaryProblems(terms) {
  const article = cgOne('.cg-step');
  const skip = (n) => n.parentElement.closest('.cg-gloss, .cg-sources, .cg-step-count');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!skip(n)) nodes.push(n);
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const problems = [];
  for (const t of terms) {
    // Letters and digits make a word here, so a spelling missing from the forms (say with a
    // curly apostrophe) still matches and shows up unmarked.
    const forms = [...t.forms].sort((a, b) => b.length - a.length)
      .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(${forms.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    const first = nodes.find((n) => re.test(n.textContent));
    if (!first) continue;
    const span = first.parentElement;
    if (!span.matches(`.cg-term[data-term="${t.id}"]`)) {
      problems.push(`${t.id}: first shown unmarked in "${norm(first.textContent)}"`);
      continue;
    }
    const unit = span.closest('p, li, dd, dt, h3, h4');
    const holder = unit.matches('dt, h3, h4') ? unit.nextElementSibling : unit;
    const button = holder?.querySelector(`button.cg-gloss-toggle[data-term="${t.id}"]`);
    if (!button) {
      problems.push(`${t.id}: no explanation button beside its first appearance`);
      continue;
    }
    const note = article.querySelector(`#${button.getAttribute('aria-controls')}`);
    if (!note || !norm(note.textContent).includes(norm(t.explanation))) {
      problems.push(`${t.id}: the button does not control its explanation`);
    }
    if (!['true', 'false'].includes(button.getAttribute('aria-expanded'))) {
      problems.push(`${t.id}: the button has no aria-expanded`);
    }
  }
  return problems;
}

for (const [lang, path] of [['en', '/'], ['pt-PT', '/examples/lang-pt.html']]) {
  test(`${lang}: every glossary word has its explanation at its first appearance in each step; keyboard opens it; print shows it`, async () => {
    const glossary = readJson(`content/${lang}/glossary.json`);
    const stepTitles = sectionFiles(lang).map((f) => readJson(`content/${lang}/sections/${f}`).title);
    const page = await app.page({ width: 375 });
    await page.goto(`${app.url}${path}`);
    await ready(page);
    let explained = 0;
    for (let step = 0; step < stepTitles.length; step++) {
      await page.locator('.cg-step-link').nth(step).click();
      await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, stepTitles[step]);
      assert.deepEqual(await page.evaluate(glossaryProblems, glossary.terms), [], `${lang} step ${step + 1}`);
      explained += await page.locator('.cg-gloss-toggle').count();
    }
    assert.ok(explained >= glossary.terms.length, `${lang}: every listed word is explained somewhere (${explained})`);

    // Step 1 by keyboard: Tab to the first explanation's button, Enter opens it, Enter closes it.
    await page.locator('.cg-step-link').first().click();
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, stepTitles[0]);
    const toggle = page.locator('.cg-gloss-toggle').first();
    const note = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
    assert.equal(await note.isVisible(), false, 'explanations start closed');
    await tabTo(page, () => cgActive()?.classList.contains('cg-gloss-toggle'));
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.ok(await note.isVisible(), 'Enter opens the explanation');
    const box = await toggle.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `button is ${box.width}x${box.height}`);
    await screenshot(page, `glossary-open-${lang}-375`);
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

    // Printed, every explanation shows, opened or not, and the buttons do not.
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => cgAll('.cg-gloss-text').map((e) => e.getBoundingClientRect().height > 0));
    assert.ok(shown.length > 0 && shown.every(Boolean), `print shows every explanation: ${shown}`);
    assert.equal(await toggle.isVisible(), false, 'no buttons on paper');
    const ui = readJson(`content/${lang}/ui.json`);
    assert.ok(await page.locator('.cg-disclaimer').isVisible(), 'a printed step says it is not medical advice');
    assert.equal((await page.locator('.cg-disclaimer').innerText()).trim(), ui.disclaimer);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(page.errors, []);
  });
}

// Clinic web teams copy the demo page and the README's snippet. Both are a UK clinic's (a +44
// number), so both set the numbers a UK patient is told to call: left out, a patient who needs
// help now reads "your local emergency number" instead of a number to press.
test('the demo page and the README\'s snippet set a UK clinic\'s numbers: 999 and NHS 111, with what to know about 111', async () => {
  const ui = readJson('content/en/ui.json');
  const page = await app.page({ width: 375, height: 800 });
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.locator('.cg-step-link').nth(1).click();
  await page.locator('.cg-contacts').first().waitFor();
  const { links, notes } = await whoToCall(page);
  for (const tel of ['tel:+442079460000', 'tel:111', 'tel:999']) assert.ok(links.includes(tel), `${tel} in ${links}`);
  const said = await page.locator('.cg-contacts').first().innerText();
  assert.ok(!said.includes(ui.emergency_default) && !said.includes(ui.out_of_hours_default), `no words in place of a number: ${said}`);
  assert.deepEqual(notes, [ui.about_nhs111], 'what is told next to the numbers');
  assert.deepEqual(page.errors, []);
  const readme = fs.readFileSync('README.md', 'utf8');
  const snippet = readme.match(/<calcinosis-guide [^>]*\+44[^>]*>/)?.[0] ?? '';
  assert.match(snippet, /emergency-number="999"/, `the README's snippet: ${snippet}`);
  assert.match(snippet, /out-of-hours="NHS 111"/, `the README's snippet: ${snippet}`);
  const iframe = readme.match(/embed\.html\?[^"]*/)?.[0] ?? '';
  assert.match(iframe, /emergency-number=999/, `the README's iframe: ${iframe}`);
  assert.match(iframe, /out-of-hours=NHS%20111/, `the README's iframe: ${iframe}`);
});
