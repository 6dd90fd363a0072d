// The class of defect behind a dropped "Something else" side effect: two elements with one id,
// so a label ticks the wrong control. In every state of the widget, every id is unique, every
// label points at a control that exists, and every control has a name a screen reader reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, diaryReady, seedDiary, DIARY_KEY } from './helpers.mjs';

const diaryText = JSON.parse(await fs.readFile('content/en/diary.json', 'utf8'));
const summaryText = JSON.parse(await fs.readFile('content/en/summary.json', 'utf8'));
const uiText = JSON.parse(await fs.readFile('content/en/ui.json', 'utf8'));

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/** Runs in the page: duplicate ids, labels pointing nowhere, and controls without a name. */
function audit() {
  const problems = [];
  for (const host of document.querySelectorAll('calcinosis-guide')) {
    const root = host.shadowRoot;
    if (!root) continue;
    const seen = new Map();
    for (const e of root.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) problems.push(`id "${id}" is used ${n} times`);
    for (const l of root.querySelectorAll('label[for]')) {
      const target = root.getElementById(l.htmlFor);
      if (!target) problems.push(`label "${l.textContent.trim().slice(0, 40)}" points at missing #${l.htmlFor}`);
      else if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) problems.push(`label for #${l.htmlFor} points at a ${target.tagName}`);
    }
    for (const c of root.querySelectorAll('input, select, textarea, button')) {
      if (c.type === 'hidden' || c.closest('[hidden]')) continue;
      const byRef = (c.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
        .map((id) => root.getElementById(id)?.textContent ?? '').join(' ');
      const labels = [...(c.labels ?? [])].map((l) => l.textContent).join(' ');
      const own = c.tagName === 'BUTTON' ? c.textContent : '';
      const name = `${c.getAttribute('aria-label') ?? ''} ${byRef} ${labels} ${own} ${c.title ?? ''}`.trim();
      if (!name) problems.push(`${c.tagName.toLowerCase()}#${c.id || '?'} (${c.type}) has no label`);
    }
  }
  return problems;
}

async function expectClean(page, state) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.deepEqual(await page.evaluate(audit), [], `${state}: ids unique, every control labelled`);
}

test('every state: ids are unique, labels point at controls, every control has a name', async () => {
  const page = await app.page();
  const { text } = seedDiary({ checkIns: 5, lesions: 2 });
  await page.context().addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem(k, v); sessionStorage.setItem('seeded', '1'); }
  }, [DIARY_KEY, text]);
  await page.goto(`${app.url}/`);
  await ready(page);
  const steps = await page.locator('.cg-steps button, .cg-steps a').count();
  for (let i = 0; i < steps; i++) {
    await page.locator('.cg-steps button, .cg-steps a').nth(i).click();
    await expectClean(page, `walk-through step ${i + 1}`);
  }
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  await expectClean(page, 'diary with history');
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('form.cg-form').waitFor();
  await page.getByRole('button', { name: diaryText.same_as_last }).click();
  await page.getByRole('button', { name: `+ ${diaryText.add_lesion}` }).click();
  await page.locator('#cg-fx-other').check();
  const map = page.getByRole('button', { name: diaryText.map_show }).first();
  if (await map.count()) await map.click();
  await expectClean(page, 'check-in form with lesions, the map and "Something else"');
  await page.getByRole('button', { name: diaryText.cancel, exact: true }).click();
  await expectClean(page, 'the question before throwing the form away');
  await page.getByRole('button', { name: diaryText.cancel_discard, exact: true }).click();
  await page.getByRole('button', { name: uiText.tab_summary, exact: true }).click();
  await page.locator('.cg-summary').waitFor();
  await expectClean(page, 'summary and export panel');
  assert.deepEqual(page.errors, []);
});

test('"Something else": clicking its words keeps the box ticked, and the text is saved', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('#cg-pain-2').check();
  await page.getByText(diaryText.side_effects.other, { exact: true }).click();
  assert.equal(await page.locator('#cg-fx-other').isChecked(), true);
  await page.getByText(diaryText.other_side_effect_label, { exact: true }).click();
  assert.equal(await page.locator('#cg-fx-other').isChecked(), true, 'clicking the text box\'s label does not untick the box');
  const box = page.getByLabel(diaryText.other_side_effect_label);
  assert.ok(await box.evaluate((e) => e === cgActive()), 'the label focuses its text box');
  await box.fill('Itchy palms');
  await page.getByRole('button', { name: diaryText.save, exact: true }).click();
  await page.locator('.cg-result h4').waitFor();
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DIARY_KEY));
  const entry = stored.data.checkins[0];
  assert.deepEqual(entry.fx, ['other'], JSON.stringify(entry));
  assert.equal(entry.fx_other, 'Itchy palms', JSON.stringify(entry));
});
