// Messages a screen reader must read out: "Check-in deleted", "... was removed from your list",
// "Your diary was updated in another tab". Each is put into a role="status" region that was on
// the page before, empty: a region added with its words already in it is often not read at all.
// An Undo that takes the focus is described by the message it undoes. Failures are alerts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, diaryReady, DIARY_KEY, rfc3339 } from './helpers.mjs';

const read = async (part) => JSON.parse(await fs.readFile(`content/en/${part}.json`, 'utf8'));
const d = await read('diary');
const med = await read('medicines');
const ui = await read('ui');

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

function seed() {
  const at = (day) => rfc3339(Date.UTC(2026, 5, day, 12, 0, 0));
  const checkins = [1, 2, 3].map((day) => ({ id: `c${day}`, at: at(day), upd: at(day), pain: day }));
  const medicines = [{ id: 'm1', name: 'Diltiazem', how: '60 mg twice a day', upd: at(1) }];
  return JSON.stringify({ schema: 2, data: { lesions: [], checkins, medicines } });
}

/**
 * Watches the widget's shadow root from now on. A violation: an element with role="status" added
 * with words already in it, or a message (`.cg-notice` that is not a warning or an error) added
 * outside any live region, unless it takes the focus itself (focused words are read out anyway).
 */
function watchSaid() {
  const root = document.querySelector('calcinosis-guide').shadowRoot;
  const words = (e) => e.textContent.replace(/\s+/g, ' ').trim();
  window.cgSaid = { bad: [], messages: [] };
  new MutationObserver((records) => {
    const focused = cgActive();
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== Node.ELEMENT_NODE) continue;
        for (const e of [n, ...n.querySelectorAll('*')]) {
          if (e === focused) continue;
          // (The triage result is no live region: it takes the focus to its heading as it opens.)
          if (e.getAttribute('role') === 'status' && words(e)) {
            window.cgSaid.bad.push(`role=status added with its words: "${words(e)}"`);
          }
          if (e.matches('.cg-notice:not(.cg-notice-warn):not(.cg-notice-error)')) {
            window.cgSaid.messages.push(words(e));
            if (!e.parentElement?.closest('[role="status"], [role="alert"]') && e.getAttribute('role') === null) {
              window.cgSaid.bad.push(`message outside a live region: "${words(e)}"`);
            }
          }
        }
      }
    }
  }).observe(root, { childList: true, subtree: true });
}

/** The words the focused element's aria-describedby points at, looked up in its own root. */
function focusedDescription() {
  const e = cgActive();
  const ids = (e?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => e.getRootNode().getElementById(id)?.textContent.trim() ?? `(no #${id})`).join(' ');
}

test('deleted, removed and updated-elsewhere messages are said in live regions that were already there; Undo is described by what it undoes', async () => {
  const a = await app.page();
  const context = a.context();
  await context.addInitScript(([k, v]) => { if (!localStorage.getItem(k)) localStorage.setItem(k, v); }, [DIARY_KEY, seed()]);
  await a.goto(`${app.url}/`);
  await ready(a);
  await a.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(a);
  await a.locator('li.cg-entry').first().waitFor();
  await a.evaluate(watchSaid);

  // Delete a check-in from the history, then Undo it.
  await a.locator('li.cg-entry').first().getByRole('button', { name: new RegExp(`^${d.delete}:`) }).click();
  await a.getByRole('button', { name: d.confirm_yes, exact: true }).click();
  await a.waitForFunction(() => cgAll('li.cg-entry').length === 2);
  await a.waitForFunction((t) => cgActive()?.textContent.trim() === t, d.undo);
  assert.equal(await a.evaluate(focusedDescription), d.deleted, 'the focused Undo says what it undoes');
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => cgAll('li.cg-entry').length === 3);

  // Another tab deletes a check-in: this one says its diary was updated.
  const b = await context.newPage();
  await b.goto(`${app.url}/`);
  await ready(b);
  await b.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(b);
  await b.locator('li.cg-entry').first().getByRole('button', { name: new RegExp(`^${d.delete}:`) }).click();
  await b.getByRole('button', { name: d.confirm_yes, exact: true }).click();
  await b.waitForFunction(() => cgAll('li.cg-entry').length === 2);
  await b.close();
  await a.bringToFront();
  await a.getByText(d.other_tab).waitFor();

  // Remove a medicine on the summary, then Undo it.
  await a.locator('.cg-tabs').getByRole('button', { name: ui.tab_summary, exact: true }).click();
  await a.locator('.cg-my-meds').waitFor({ state: 'visible' });
  await a.getByRole('button', { name: `${med.remove}: Diltiazem`, exact: true }).click();
  await a.getByRole('button', { name: med.confirm_yes, exact: true }).click();
  const removed = med.removed.replace('{name}', 'Diltiazem');
  await a.waitForFunction((t) => cgActive()?.textContent.trim() === t, med.undo);
  assert.equal(await a.evaluate(focusedDescription), removed, 'the focused Undo says what it undoes');
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => cgAll('.cg-med-list > li').length === 1);

  const { bad, messages } = await a.evaluate(() => window.cgSaid);
  for (const said of [d.deleted, d.other_tab, removed]) {
    assert.ok(messages.some((m) => m.startsWith(said)), `"${said}" was shown (seen: ${JSON.stringify(messages)})`);
  }
  assert.deepEqual(bad, [], 'every message went into a live region that was already on the page');
});

// Found by review: "Check-in saved." (or "not saved") stood before the result's heading, which
// takes the focus, and was never read. It is the heading's description, said with it.
test('the result heading that takes the focus is described by whether the check-in was saved', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await page.getByRole('button', { name: `+ ${d.new_check_in}` }).click();
  await page.locator('#cg-pain-3').check();
  await page.getByRole('button', { name: d.save, exact: true }).click();
  await page.waitForFunction(() => cgActive()?.matches('.cg-result h4'));
  const described = () => page.evaluate(() => {
    const ids = cgActive().getAttribute('aria-describedby') ?? '';
    return ids.split(/\s+/).filter(Boolean).map((id) => cgOne(`#${id}`)?.textContent.trim()).join(' ');
  });
  assert.equal(await described(), d.saved);
  assert.deepEqual(page.errors, []);
});

test('the questions a check-in cannot be saved without say "(required)" in their names, before Save is pressed; the others do not', async () => {
  const page = await app.page({ width: 375 });
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.getByRole('button', { name: `+ ${d.new_check_in}` }).click();
  await page.getByRole('button', { name: `+ ${d.add_lesion}` }).click();
  const names = await page.evaluate(() => {
    const legend = (id) => cgOne(`#${id}`)?.closest('fieldset')?.querySelector('legend')?.textContent.replace(/\s+/g, ' ').trim();
    const site = cgOne('select[id$="-site"]');
    return {
      pain: legend('cg-pain-0'),
      daily: legend('cg-daily-0'),
      lumpPain: cgOne('.cg-lesion input[type="radio"][id$="-pain-0"]')?.closest('fieldset')?.querySelector('legend')?.textContent.trim(),
      site: site?.labels[0]?.textContent.replace(/\s+/g, ' ').trim(),
    };
  });
  assert.deepEqual(names, {
    pain: `${d.pain_legend} ${d.required}`,
    daily: d.daily_legend,
    lumpPain: d.lesion_pain_legend,
    site: `${d.site_label} ${d.required}`,
  });
  // Said, not only shown: the accessible names carry it.
  await page.getByRole('group', { name: `${d.pain_legend} ${d.required}`, exact: true }).waitFor();
  await page.getByRole('combobox', { name: `${d.site_label} ${d.required}`, exact: true }).waitFor();
});
