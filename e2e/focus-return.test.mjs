// Where keyboard focus goes after "No, keep it", after Undo and after Cancel on an edit: back to
// the item the patient was on (its Delete, Remove, Edit or Change button), not to the top of the
// list. A keyboard or screen-reader user
// in a long history would otherwise have to find their place again. Checked for every list that
// asks before it deletes or offers Undo: the history, the medicines, the questions.
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
  const checkins = [1, 2, 3, 4].map((day) => ({ id: `c${day}`, at: at(day), upd: at(day), pain: day }));
  const medicines = [
    { id: 'm1', name: 'Aspirin', how: '75 mg once a day', upd: at(1) },
    { id: 'm2', name: 'Diltiazem', how: '60 mg twice a day', upd: at(1) },
  ];
  const questions = [
    { id: 'q1', text: 'How long will the cream take?', upd: at(1) },
    { id: 'q2', text: 'Can I swim with an open sore?', upd: at(2) },
  ];
  return JSON.stringify({ schema: 2, data: { lesions: [], checkins, medicines, questions } });
}

/** The focused element inside the widget: its text and accessible label. */
const focused = () => {
  const e = cgActive();
  return e ? { text: e.textContent.trim(), label: e.getAttribute('aria-label') } : null;
};

async function waitFocus(page, label, what) {
  try {
    await page.waitForFunction((l) => cgActive()?.getAttribute('aria-label') === l, label, { timeout: 5000 });
  } catch {
    assert.fail(`${what}: focus is on ${JSON.stringify(await page.evaluate(focused))}, not "${label}"`);
  }
}

test('after "No, keep it", Undo and Cancel, focus goes back to the item\'s own button in the history, the medicines and the questions', async () => {
  const page = await app.page();
  await page.context().addInitScript(([k, v]) => { if (!localStorage.getItem(k)) localStorage.setItem(k, v); }, [DIARY_KEY, seed()]);
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: ui.tab_diary, exact: true }).click();
  await diaryReady(page);
  await page.locator('li.cg-entry').nth(3).waitFor();

  // The history: the third entry of four.
  const third = page.locator('li.cg-entry').nth(2).getByRole('button', { name: new RegExp(`^${d.delete}:`) });
  const label = await third.getAttribute('aria-label');
  await third.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, d.confirm_no);
  await page.keyboard.press('Enter');
  await waitFocus(page, label, 'history, after "No, keep it"');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: d.confirm_yes, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('li.cg-entry').length === 3);
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, d.undo);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('li.cg-entry').length === 4);
  await waitFocus(page, label, 'history, after Undo');
  // Edit that entry, then Cancel (nothing changed, so nothing is asked): back on its Edit button.
  const editLabel = label.replace(new RegExp(`^${d.delete}:`), `${d.edit}:`);
  await page.getByRole('button', { name: editLabel, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
  await page.getByRole('button', { name: d.cancel, exact: true }).click();
  const discard = page.getByRole('button', { name: d.cancel_discard, exact: true });
  if (await discard.count()) await discard.click();
  await waitFocus(page, editLabel, 'history, after Cancel on an edit');
  // Edit it again and save a change: closing the result goes back to its Edit button too, not
  // to "+ New check-in" at the top.
  await page.keyboard.press('Enter');
  await page.locator('form.cg-form').waitFor();
  await page.locator('#cg-pain-7').check();
  await page.getByRole('button', { name: d.save, exact: true }).click();
  const close = page.locator('.cg-result').getByRole('button', { name: d.close, exact: true });
  await close.focus();
  await page.keyboard.press('Enter');
  await page.locator('.cg-result').waitFor({ state: 'detached' });
  await waitFocus(page, editLabel, 'history, after closing the result of a saved edit');
  // A new check-in's result, closed, goes to "+ New check-in" as before.
  await page.locator('button.cg-new').click();
  await page.locator('form.cg-form').waitFor();
  await page.locator('#cg-pain-2').check();
  await page.getByRole('button', { name: d.save, exact: true }).click();
  await close.focus();
  await page.keyboard.press('Enter');
  await page.locator('.cg-result').waitFor({ state: 'detached' });
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, `+ ${d.new_check_in}`);

  // The medicines, on the summary: the second of two.
  await page.locator('.cg-tabs').getByRole('button', { name: ui.tab_summary, exact: true }).click();
  await page.locator('.cg-my-meds').waitFor({ state: 'visible' });
  const remove = `${med.remove}: Diltiazem`;
  await page.getByRole('button', { name: remove, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, med.confirm_no);
  await page.keyboard.press('Enter');
  await waitFocus(page, remove, 'medicines, after "No, keep it"');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: med.confirm_yes, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('.cg-med-list > li').length === 1);
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, med.undo);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => cgAll('.cg-med-list > li').length === 2);
  await waitFocus(page, remove, 'medicines, after Undo');
  // Change it, then Cancel: back on its Change button.
  const change = `${med.edit}: Diltiazem`;
  await page.getByRole('button', { name: change, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.cg-med-editing').waitFor();
  await page.locator('.cg-med-editing').getByRole('button', { name: med.cancel, exact: true }).click();
  await waitFocus(page, change, 'medicines, after Cancel on a change');
  // Change it and save: back on its Change button too (focus went to the list's heading).
  await page.keyboard.press('Enter');
  await page.locator('#cg-med-m2-how').fill('90 mg twice a day');
  await page.locator('.cg-med-editing').getByRole('button', { name: med.save, exact: true }).click();
  await page.locator('.cg-med-editing').waitFor({ state: 'detached' });
  await waitFocus(page, change, 'medicines, after saving a change');

  // The questions: the first of two is removed, then put back.
  const question = page.locator('.cg-questions-list li', { hasText: 'How long will the cream take?' });
  const qLabel = await question.getByRole('button').getAttribute('aria-label');
  await question.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => cgActive()?.textContent.trim() === t, d.undo);
  await page.keyboard.press('Enter');
  await page.locator('.cg-questions-list li', { hasText: 'How long will the cream take?' }).waitFor();
  await waitFocus(page, qLabel, 'questions, after Undo');
  // Found by review: the Undo added it anew, last on the list (and on the printout), and a
  // removed question kept its words in storage. It is back in its place, under its own id, and
  // a removal keeps no words.
  const listed = () => page.evaluate(() => [...cgAll('.cg-questions-list .cg-question-text')].map((e) => e.textContent));
  assert.deepEqual(await listed(), ['How long will the cream take?', 'Can I swim with an open sore?'], 'in its place');
  const storedQuestions = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).data.questions, DIARY_KEY);
  assert.deepEqual((await storedQuestions()).map((q) => [q.id, q.text, q.del ?? false]),
    [['q1', 'How long will the cream take?', false], ['q2', 'Can I swim with an open sore?', false]], 'no second copy');
  await page.locator('.cg-questions-list li', { hasText: 'Can I swim' }).getByRole('button').click();
  await page.waitForFunction(() => cgAll('.cg-questions-list .cg-question-text').length === 1);
  assert.deepEqual((await storedQuestions()).map((q) => [q.id, q.text, q.del ?? false]),
    [['q1', 'How long will the cream take?', false], ['q2', '', true]], 'the removal keeps no words');
  assert.deepEqual(page.errors, []);
});
