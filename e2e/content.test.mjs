import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, ready, axe } from './helpers.mjs';

// The widget carries no text: each language's content is one file, content/<lang>.json, fetched
// from the widget's folder for the language in use only.
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

test('dist/content holds one bundle per language, made of exactly the content files', () => {
  for (const lang of ['en', 'pt-PT']) {
    const bundle = readJson(`dist/content/${lang}.json`);
    for (const part of ['ui', 'diary', 'summary', 'medicines', 'sites', 'glossary', 'triage']) {
      assert.deepEqual(bundle[part], readJson(`content/${lang}/${part}.json`), `${lang} ${part}`);
    }
    const files = fs.readdirSync(`content/${lang}/sections`).sort();
    assert.equal(files.length, 6);
    assert.deepEqual(bundle.sections, files.map((f) => readJson(`content/${lang}/sections/${f}`)));
    assert.deepEqual(bundle.sources, readJson('content/sources.json'));
  }
});

test('only the language in use is fetched; switching fetches the other, once', async () => {
  const page = await app.page();
  const seen = contentRequests(page);
  await page.goto(`${app.url}/`);
  await ready(page);
  assert.equal(await page.locator('.cg-step-title').textContent(), firstTitle('en'));
  assert.deepEqual(seen, ['en.json']);

  await page.locator('.cg-lang', { hasText: 'Português' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, firstTitle('pt-PT'));
  assert.deepEqual(seen, ['en.json', 'pt-PT.json']);
  await page.locator('.cg-lang', { hasText: 'English' }).click();
  await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent === t, firstTitle('en'));
  assert.deepEqual(seen, ['en.json', 'pt-PT.json'], 'a language already fetched is not fetched again');
  assert.deepEqual(page.errors, []);
});

test('a failed first fetch shows a message and a retry, never a blank widget', async () => {
  const page = await app.page({ width: 375 });
  let fail = true;
  await page.route('**/content/en.json', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
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
  await page.route('**/content/pt-PT.json', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
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
  await page.route('**/content/en.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"ui": {' }));
  await page.goto(`${app.url}/`);
  const alert = page.locator('calcinosis-guide [role="alert"]').first();
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /could not load its text/);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
});
