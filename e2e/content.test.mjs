import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, ready, axe } from './helpers.mjs';

// The widget carries no text: each language's content is a file fetched from the widget's folder
// for the language in use only: content/<lang>.guide.json for the guide alone (a first visit),
// content/<lang>.json for the whole widget.
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const firstTitle = (lang) => readJson(`content/${lang}/sections/01-what-it-is.json`).title;

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/** Every content request the page makes, by file name. */
function contentRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/content\/([^/]+\.json)$/);
    if (m) seen.push(m[1]);
  });
  return seen;
}

test('dist/content holds two bundles per language, made of exactly the content files', () => {
  for (const lang of ['en', 'pt-PT']) {
    const bundle = readJson(`dist/content/${lang}.json`);
    for (const part of ['ui', 'diary', 'summary', 'medicines', 'sites', 'glossary', 'triage']) {
      assert.deepEqual(bundle[part], readJson(`content/${lang}/${part}.json`), `${lang} ${part}`);
    }
    const files = fs.readdirSync(`content/${lang}/sections`).sort();
    assert.equal(files.length, 6);
    assert.deepEqual(bundle.sections, files.map((f) => readJson(`content/${lang}/sections/${f}`)));
    assert.deepEqual(bundle.sources, readJson('content/sources.json'));
    // The guide alone's: the guide's parts only, the same as in the whole bundle.
    const guide = readJson(`dist/content/${lang}.guide.json`);
    assert.deepEqual(Object.keys(guide).sort(), ['glossary', 'sections', 'sources', 'ui']);
    for (const part of Object.keys(guide)) assert.deepEqual(guide[part], bundle[part], `${lang} guide ${part}`);
    assert.deepEqual(Object.keys(bundle).sort(), ['diary', 'glossary', 'medicines', 'sections', 'sites', 'sources', 'summary', 'triage', 'ui']);
  }
  // Files kept for review only (content/triage.sources.json, the triage texts' sources) stay out.
  const bundles = fs.readdirSync('dist/content').filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(bundles, ['en.guide.json', 'en.json', 'pt-PT.guide.json', 'pt-PT.json']);
});

// Either bundle of a language: a first visit fetches the guide's, the whole widget the other.
const bundleOf = (lang) => new RegExp(`/content/${lang}(\\.guide)?\\.json$`);

test('only the language in use is fetched; switching fetches the other, once', async () => {
  const page = await app.page();
  const seen = contentRequests(page);
  await page.goto(`${app.url}/`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), firstTitle('en'));
  assert.deepEqual(seen, ['en.guide.json'], 'a first visit fetches the guide\u2019s text alone');

  await page.locator('.cg-lang', { hasText: 'Português' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, firstTitle('pt-PT'));
  assert.deepEqual(seen, ['en.guide.json', 'pt-PT.guide.json']);
  await page.locator('.cg-lang', { hasText: 'English' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, firstTitle('en'));
  assert.deepEqual(seen, ['en.guide.json', 'pt-PT.guide.json'], 'a language already fetched is not fetched again');

  // The whole widget fetches its own text, in the language on screen, and the other on a switch.
  await page.getByRole('button', { name: readJson('content/en/ui.json').tab_diary, exact: true }).click();
  await page.locator('.cg-diary').waitFor();
  assert.deepEqual(seen, ['en.guide.json', 'pt-PT.guide.json', 'en.json']);
  await page.locator('.cg-lang', { hasText: 'Português' }).click();
  await page.waitForFunction(() => cgOne('section.cg')?.lang === 'pt-PT' && cgOne('.cg-diary'));
  assert.deepEqual(seen, ['en.guide.json', 'pt-PT.guide.json', 'en.json', 'pt-PT.json']);
  assert.deepEqual(page.errors, []);
});

test('a failed first fetch shows a message and a retry, never a blank widget', async () => {
  const page = await app.page({ width: 375 });
  let fail = true;
  await page.route(bundleOf('en'), (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  await page.goto(`${app.url}/`);
  const alert = page.locator('calcinosis-guide [role="alert"]').first();
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /could not load its text/);
  assert.deepEqual(await axe(page), []);
  const retry = page.locator('calcinosis-guide button', { hasText: 'Try again' });
  const box = await retry.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, 'retry is a 44 px target');

  fail = false;
  await retry.focus();
  await page.keyboard.press('Enter');
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), firstTitle('en'));
  assert.equal(await page.locator('calcinosis-guide [role="alert"]').count(), 0);
});

test('a failed switch keeps the current language on screen, says why in the other, and retries', async () => {
  const page = await app.page();
  let fail = true;
  await page.route(bundleOf('pt-PT'), (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(`${app.url}/`);
  await ready(page);
  await page.locator('.cg-lang', { hasText: 'Português' }).click();
  const alert = page.locator('calcinosis-guide [role="alert"]', { hasText: 'Não foi possível' });
  await alert.waitFor({ timeout: 20000 });
  assert.equal(await alert.getAttribute('lang'), 'pt-PT');
  assert.equal(await page.locator('.cg-step-title').textContent(), firstTitle('en'), 'English stays on screen');
  assert.deepEqual(await axe(page), []);

  fail = false;
  await alert.locator('button', { hasText: 'Tentar novamente' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, firstTitle('pt-PT'));
  assert.equal(await page.locator('calcinosis-guide [role="alert"]').count(), 0);
});

test('text that arrives broken is refused with the same message, and nothing is stored', async () => {
  const page = await app.page();
  await page.route(bundleOf('en'), (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"ui": {' }));
  await page.goto(`${app.url}/`);
  const alert = page.locator('calcinosis-guide [role="alert"]').first();
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /could not load its text/);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
});
