import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, axe, screenshot, tabTo, focusedText } from './helpers.mjs';
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
