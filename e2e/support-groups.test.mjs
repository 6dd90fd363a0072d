// Patient groups on the self-care step (FACTS.md, "Sun, diet and support"): named only with a web
// address the clinic can change (`support-groups`); Portugal's two by default for a clinic whose
// language is pt-PT (whatever the patient reads in), none for English (spoken in many countries); "none" hides the list; a bad
// value warns and keeps the default; each link is a full-size target, goes over https and sends
// no referrer.
// Runs against the built dist/, the widget on a page of its own with the attributes given.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, openHost, ready, axe, screenshot } from './helpers.mjs';

const step = async (lang) => JSON.parse(await fs.readFile(`content/${lang}/sections/06-self-care.json`, 'utf8'));
const selfCare = { en: await step('en'), 'pt-PT': await step('pt-PT') };
const block = (lang) => selfCare[lang].blocks.find((b) => b.groups);
const STEP = 5; // the sixth step, "Caring for your skin and hands"
const UK = 'SRUK, sruk.co.uk; LUPUS UK, lupusuk.org.uk; Myositis UK, http://myositis.org.uk/';

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/** The widget on a page with `attrs`, at the self-care step. Returns the page. */
async function atSelfCare(lang, attrs = {}, { width = 1280 } = {}) {
  const page = await app.page({ width });
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  page.warnings = warnings;
  await openHost(page, app.url, { lang, ...attrs });
  await ready(page);
  await page.locator('.cg-step-link').nth(STEP).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, selfCare[lang].title);
  return page;
}

/** The patient-groups block as the patient reads it: heading, paragraphs and each link. */
async function groupsBlock(page, lang) {
  const heading = block(lang).heading;
  return page.evaluate((h) => {
    const box = [...cgAll('.cg-block')].find((b) => b.querySelector('h4')?.textContent === h);
    if (!box) return null;
    return {
      paragraphs: [...box.querySelectorAll(':scope > p')].map((p) => p.textContent),
      links: [...box.querySelectorAll('.cg-groups a')].map((a) => {
        const r = a.getBoundingClientRect();
        return {
          name: a.textContent,
          href: a.getAttribute('href'),
          rel: a.getAttribute('rel'),
          item: a.closest('li').textContent,
          w: r.width,
          h: r.height,
        };
      }),
    };
  }, heading);
}

test('European Portuguese names the two Portuguese patient groups by default, each a full-size link with its address', async () => {
  const page = await atSelfCare('pt-PT', {}, { width: 375 });
  const found = await groupsBlock(page, 'pt-PT');
  assert.ok(found, 'the block is on the step');
  assert.deepEqual(found.paragraphs, block('pt-PT').paragraphs);
  assert.deepEqual(found.links.map(({ name, href, item }) => [name, href, item]), [
    ['Liga Portuguesa Contra as Doenças Reumáticas', 'https://lpcdr.org.pt', 'Liga Portuguesa Contra as Doenças Reumáticas (lpcdr.org.pt)'],
    ['Associação de Doentes com Lúpus', 'https://lupus.pt', 'Associação de Doentes com Lúpus (lupus.pt)'],
  ]);
  for (const l of found.links) {
    assert.equal(l.rel, 'noreferrer', `${l.name}: the group's site is not told which page the patient came from`);
    assert.ok(l.h >= 44 && l.w >= 44, `${l.name}: ${l.w}x${l.h}`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scroll at 375 px');
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'support-groups-pt-375');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings, []);
  await page.context().close();
});

test('English names no group unless the clinic sets its own; a clinic list stays when the patient switches language', async () => {
  let page = await atSelfCare('en');
  let found = await groupsBlock(page, 'en');
  assert.deepEqual(found, { paragraphs: block('en').paragraphs, links: [] }, 'the advice to ask the clinic, and no list');
  assert.equal(await page.locator('.cg-groups').count(), 0);
  await page.context().close();

  page = await atSelfCare('en', { 'support-groups': UK });
  found = await groupsBlock(page, 'en');
  assert.deepEqual(found.links.map(({ name, href, item }) => [name, href, item]), [
    ['SRUK', 'https://sruk.co.uk', 'SRUK (sruk.co.uk)'],
    ['LUPUS UK', 'https://lupusuk.org.uk', 'LUPUS UK (lupusuk.org.uk)'],
    ['Myositis UK', 'https://myositis.org.uk/', 'Myositis UK (myositis.org.uk)'],
  ]);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'support-groups-en-uk-1280');
  await page.locator('button.cg-lang', { hasText: 'Português' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, selfCare['pt-PT'].title);
  const switched = await groupsBlock(page, 'pt-PT');
  assert.deepEqual(switched.links.map((l) => l.name), ['SRUK', 'LUPUS UK', 'Myositis UK'], 'the clinic\'s list, not the Portuguese default');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings, []);
  await page.context().close();
});

test('the default groups are the clinic\'s country\'s, not the reading language\'s: a Portuguese clinic\'s patient reading English sees them, an English clinic\'s patient reading Portuguese does not', async () => {
  const portugal = ['https://lpcdr.org.pt', 'https://lupus.pt'];
  let page = await atSelfCare('pt-PT');
  await page.locator('button.cg-lang', { hasText: 'English' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, selfCare.en.title);
  let found = await groupsBlock(page, 'en');
  assert.deepEqual(found.links.map((l) => l.href), portugal, 'switched to English at a Portuguese clinic');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();

  page = await atSelfCare('en');
  await page.locator('button.cg-lang', { hasText: 'Português' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, selfCare['pt-PT'].title);
  found = await groupsBlock(page, 'pt-PT');
  assert.deepEqual(found, { paragraphs: block('pt-PT').paragraphs, links: [] }, 'the advice to ask the clinic, and no Portuguese list');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // Portuguese that does not say Portugal names no country's groups either.
  page = await app.page();
  await openHost(page, app.url, { lang: 'pt-BR' });
  await ready(page);
  await page.locator('.cg-step-link').nth(STEP).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, selfCare['pt-PT'].title);
  found = await groupsBlock(page, 'pt-PT');
  assert.deepEqual(found.links, [], 'pt-BR');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"none" hides the list; a bad value says why in the console and keeps the default', async () => {
  let page = await atSelfCare('pt-PT', { 'support-groups': 'none' });
  assert.deepEqual(await groupsBlock(page, 'pt-PT'), { paragraphs: block('pt-PT').paragraphs, links: [] });
  assert.deepEqual(page.warnings, []);
  await page.context().close();

  for (const bad of ['SRUK, javascript:alert(1)', 'SRUK sruk.co.uk', 'A, a.org; B, b.org; C, c.org; D, d.org; E, e.org; F, f.org; G, g.org']) {
    page = await atSelfCare('pt-PT', { 'support-groups': bad });
    const found = await groupsBlock(page, 'pt-PT');
    assert.deepEqual(found.links.map((l) => l.href), ['https://lpcdr.org.pt', 'https://lupus.pt'], `${bad}: the default list`);
    assert.equal(page.warnings.filter((w) => w.includes('support-groups=')).length, 1, `${bad}: one warning, got ${JSON.stringify(page.warnings)}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
