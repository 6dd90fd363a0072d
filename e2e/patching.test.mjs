// What a patient has on screen stays put when the lists around it change. Yew pairs unkeyed
// children from the end, so a list that grows or shrinks among other children would pair every
// node before it with another one and build it anew: a step's title (and its focus), a lesion's
// open body map, a notice. Each such list sits in a fragment of its own; these tests fail if one
// is flattened into its parent again. Runs against the built dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, ready, seedDiary, DIARY_KEY, diaryReady, seedOnce } from './helpers.mjs';

const read = async (f) => JSON.parse(await fs.readFile(f, 'utf8'));
const uiText = await read('content/en/ui.json');
const diaryText = await read('content/en/diary.json');

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function openDiary(page) {
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.getByRole('button', { name: uiText.tab_diary, exact: true }).click();
  await diaryReady(page);
}

test('moving between steps of different lengths patches the step title in place; focus goes to the title moved to', async () => {
  const page = await app.page();
  await page.goto(`${app.url}/`);
  await ready(page);
  const blocks = () => page.evaluate(() => cgAll('.cg-step > *').length);
  const titles = await page.locator('.cg-step-link').allTextContents();
  assert.ok(titles.length >= 3, 'the guide has steps to move between');
  const seen = new Set();
  let title = await page.locator('.cg-step-title').elementHandle();
  for (let i = 1; i < titles.length; i++) {
    const before = await blocks();
    await page.locator('.cg-step-link').nth(i).click();
    await page.waitForFunction((n) => cgOne('.cg-step-link[aria-current="step"] .cg-step-num')?.textContent === String(n), i + 1);
    seen.add(`${before}->${await blocks()}`);
    assert.equal(await title.evaluate((h) => h.isConnected && h === cgOne('.cg-step-title')), true,
      `step ${i + 1}: the title is the same element, its text patched`);
    assert.equal(await page.evaluate(() => cgActive()?.classList.contains('cg-step-title')), true, `step ${i + 1}: the title has focus`);
    title = await page.locator('.cg-step-title').elementHandle();
  }
  assert.ok([...seen].some((s) => s.split('->')[0] !== s.split('->')[1]), `some moves change how many blocks a step has (${[...seen]})`);
  assert.deepEqual(page.errors, []);
});

test('a move made before the first step has settled focuses only the title moved to', async () => {
  const page = await app.page({ width: 412, height: 823 });
  await page.goto(`${app.url}/examples/long-page.html`, { waitUntil: 'load' });
  // The guide loads when scrolled into view; the second step is chosen the moment its list is
  // there, before the first step's effects have run (as a quick tap or a test can).
  const focused = await page.evaluate(() => new Promise((resolve, reject) => {
    const host = document.querySelector('calcinosis-guide');
    const root = host.shadowRoot;
    const focused = [];
    root.addEventListener('focusin', (e) => focused.push(e.target.id || e.target.className));
    let first;
    const obs = new MutationObserver(() => {
      const links = root.querySelectorAll('.cg-step-link');
      if (first === undefined) {
        if (!root.querySelector('.cg-step-title') || links.length < 2) return;
        first = root.querySelector('.cg-step-title').id;
        links[1].click();
      }
      const now = root.querySelector('.cg-step-title');
      if (now && now.id !== first) {
        obs.disconnect();
        // Two frames for the effects of both renders to run.
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve({ focused, first, now: now.id }), 50)));
      }
    });
    obs.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => reject(new Error('the guide did not load')), 20000);
    host.scrollIntoView();
  }));
  assert.notEqual(focused.first, focused.now);
  assert.deepEqual(focused.focused, [focused.now], `focus went to the second step's title alone (${JSON.stringify(focused)})`);
  assert.deepEqual(page.errors, []);
});

test('adding a lesion keeps every lesion already in the full form as it was: its open body map stays open', async () => {
  const page = await app.page({ width: 375 });
  await openDiary(page);
  await page.getByRole('button', { name: `+ ${diaryText.new_check_in}` }).click();
  await page.locator('form.cg-form').waitFor();
  const add = page.getByRole('button', { name: `+ ${diaryText.add_lesion}` });
  await add.click();
  const first = page.locator('.cg-lesion').first();
  await first.locator('.cg-map-toggle').click();
  assert.equal(await first.locator('.cg-map-toggle').getAttribute('aria-expanded'), 'true');
  const node = await first.elementHandle();
  await page.locator('#cg-lesion-1-site').selectOption('right-thumb');
  await add.click();
  await add.click();
  assert.equal(await page.locator('.cg-lesion').count(), 3);
  assert.equal(await node.evaluate((n) => n.isConnected && n === cgOne('.cg-lesion')), true, 'lesion 1 is the same element');
  assert.equal(await first.locator('.cg-map-toggle').getAttribute('aria-expanded'), 'true', "lesion 1's map is still open");
  assert.deepEqual(await page.locator('.cg-lesion .cg-map-toggle').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-expanded'))),
    ['true', 'false', 'false'], 'the new lesions open with their maps closed');
  assert.equal(await page.locator('#cg-lesion-1-site').inputValue(), 'right-thumb');
  assert.deepEqual(page.errors, []);
});

test('adding a lesion in the quick check-in keeps the new lesions already there as they were', async () => {
  const page = await app.page({ width: 375 });
  const { text } = seedDiary({ checkIns: 1, lesions: 2 });
  await seedOnce(page.context(), DIARY_KEY, text);
  await openDiary(page);
  await page.getByRole('button', { name: diaryText.quick_check_in }).click();
  await page.locator('form.cg-form').waitFor();
  const add = page.getByRole('button', { name: `+ ${diaryText.add_lesion}` });
  await add.click();
  const added = page.locator('.cg-quick-lesion .cg-lesion').first();
  await added.locator('.cg-map-toggle').click();
  assert.equal(await added.locator('.cg-map-toggle').getAttribute('aria-expanded'), 'true');
  const seeded = await page.locator('.cg-quick-lesion').first().elementHandle();
  await add.click();
  assert.equal(await page.locator('.cg-quick-lesion').count(), 4);
  assert.equal(await seeded.evaluate((n) => n.isConnected && n === cgOne('.cg-quick-lesion')), true, 'the first lesion is the same element');
  assert.deepEqual(await page.locator('.cg-quick-lesion .cg-map-toggle').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-expanded'))),
    ['true', 'false'], "the first added lesion's map is still open; the next one's is closed");
  assert.deepEqual(page.errors, []);
});
