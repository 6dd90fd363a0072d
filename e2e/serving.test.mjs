// Serving compressed, as a CDN would: `make dist` writes .br and .gz siblings of every text and
// wasm file (scripts/compress.mjs) and e2e/server.mjs picks one by Accept-Encoding, with the
// original's Content-Type, Vary, Content-Length, an ETag per representation and 304s on
// revalidation. Raw requests go through node:http, which (unlike fetch) neither asks for nor
// undoes a content coding, so the test sees the bytes on the wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, acceptedCodings } from './server.mjs';
import { compressTree } from '../scripts/compress.mjs';
import { start, ready } from './helpers.mjs';

const TYPES = {
  '.wasm': /^application\/wasm$/,
  '.js': /^text\/javascript\b/,
  '.css': /^text\/css\b/,
  '.html': /^text\/html\b/,
  '.json': /^application\/json\b/,
  '.svg': /^image\/svg\+xml\b/,
  '.txt': /^text\/plain\b/,
};

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
/** Every file in dist/ that must have siblings, as a URL path. */
const SERVED = walk('dist')
  .filter((f) => Object.hasOwn(TYPES, path.extname(f)))
  .map((f) => `/${path.relative('dist', f).split(path.sep).join('/')}`);

/** One raw request: resolves to { status, headers, body } with the body as sent. */
function get(base, urlPath, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = http.request({ hostname, port, path: urlPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync };

let site;
before(async () => { site = await serve({ root: 'dist' }); });
after(async () => { await new Promise((r) => site.server.close(r)); });

test('make dist wrote a .br and a .gz of every text and wasm file, each decoding to the file', () => {
  assert.ok(SERVED.includes('/calcinosis-guide-app_bg.wasm'), 'the whole widget\'s wasm is in dist/');
  assert.ok(SERVED.includes('/calcinosis-guide-learn_bg.wasm'), 'the guide alone\'s wasm is in dist/');
  assert.ok(SERVED.some((f) => f.startsWith('/examples/')), 'files in sub-folders are included');
  for (const f of SERVED) {
    const original = fs.readFileSync(`dist${f}`);
    for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      assert.ok(fs.existsSync(`dist${f}${suffix}`), `dist${f}${suffix} exists`);
      assert.ok(decode[coding](fs.readFileSync(`dist${f}${suffix}`)).equals(original), `dist${f}${suffix} decodes to the file`);
    }
  }
});

// Ceilings, not goals (`make bench` prints the sizes against the goals of issue 10): a little
// above the sizes at the last change that meant to grow them, so that an accident fails here and
// not in a patient's download. A clamp with a bound the compiler could not see once shipped the
// float formatting of its panic message: 7.9 KB brotli. Raise a ceiling only on purpose.
const CEILINGS = {
  // 97,897 with the JSON reader's index for objects of many keys (a hostile file's 80,000 keys
  // in one object took 16.7 s to read, at every load).
  // 98,656 with clinic numbers typed with no-break spaces or dashes read, and a blank lang taken
  // for the page's (stop 48). 99,359 with a clinic number that ends with an extension or a
  // menu option (695 B). 99,884 with a language's text fetched through the loader's watched
  // fetch (284 B), this stop's words and the check-in's kept advice in the shared core.
  // 100,137 with stop 54's out-of-hours rules (a name's own digits never dialled: "SNS 24" was
  // tel:24, "SNS 24 808 24 24 24" tel:24808242424), 419 B.
  '/calcinosis-guide-learn_bg.wasm': 100_200,
  // 313,287 with the fixes of stop 48 (5,268 B): warning signs written in the notes found in
  // more of the ways patients write them (a temperature as a number, Portuguese "sem fôlego",
  // a finger's colour, breathing not as it should be, every box's own words; about 2.5 KB), the
  // printout's newest result, "at the time" and dates left out counted (0.7 KB), a form that
  // cannot be saved yet routed on what is ticked (its advice let go when the answers change), offers kept across a remount (not a removal), the other
  // widgets marked while one prints, the widget's own write events, lines broken at gaps, more
  // medicine names (brands, abbreviations, misspellings, the how-taken field).
  // 308,019 with the fixes of stop 47 (11,457 B): warning signs written in the notes and not
  // ticked named under them, each box a button to it (mentions: about 2.5 KB for its English
  // and Portuguese words and their matching, 0.8 KB for the list); a diary gone unheard (the
  // page's own clear, or a deletion elsewhere not heard yet) neither written over nor written
  // back until the patient chooses; offers that last through part switches (lasting: a restore's
  // put-back and report, a question's and a medicine's Undo); storage blocked or full held
  // across a remount, per element; a removed lump's Undo; a medicine's Undo kept when it fails; a
  // framed sandbox's downloads refused and said; a size in whole millimetres; more medicine names.
  // 296,562 with the trust fixes of stop 46 (3,383 B): a site's localStorage.clear() heard
  // and what the tab holds written back (not taken for "Delete all"), a medicine on the list
  // that weakens the defences asking the immune question ready ticked (with accents folded and
  // "non-steroidal" told apart), edit stamps clamped as the stored ones (a clock put back), a
  // new form's opening time kept across time zones, red flags dated after today printed, a
  // restore's file copies from a clock ahead told apart, "Last time" dated, the history's
  // advice for 12 hours, a lump table's scroll region, the body map's sheet and hint, and a
  // damaged diary's set-aside crossing another tab's not taken for a deletion.
  // 293,049 with a question's stale piece not kept after storage was full for a moment, and a page
  // brought back with Back letting go of its form only when it hears a deletion it missed.
  // 292,657 with the date and time typed said in words in the guide's language (291,818 before).
  // 291,818 with every time a lump was marked healed kept (and a pain score from before a
  // healing not carried past it), data with one field this version cannot read set aside like
  // broken JSON, short forms kept in memory when storage cannot hold them, the storage notice
  // on the Summary, a question's empty box or excess length told, Escape in confirm steps, and a
  // page brought back after "Delete all" elsewhere letting go of its stored form (289,437 before; 289,406
  // with dependency paths no longer naming the builder's home).
  // 289,433 with an edit's date and time kept as the form showed them, so a kept edit saved in
  // another time zone keeps its time (and is shown in that zone when opened again).
  // 288,757 with what a restore replaced or removed here (edited since the last backup made
  // here) kept aside and put back on request, only over the restore's own copy.
  // 287,362 with a backup's bytes read strictly (UTF-8, or UTF-16 with a mark; a file saved
  // again as Latin-1 refused, not restored with its accents lost), a quick check-in's clock
  // checked against "Last time", and last time's pain said beside each lump's question (286,760
  // before). 286,878 with the foot of each printed page (title, name, "page 1 of 2": a second page of
  // many lumps named too), a deletion told to other tabs by a mark, a question typed over in
  // another tab kept again, a question or medicine added in two tabs listed once (and said so),
  // and a medicine's change left waiting said so (285,016 before). 285,016 with tiredness and indigestion as side effects of their own (stored apart, for older
  // versions), a diary the storage could not read at open told (and not printed or copied),
  // what to know about 112, NHS 111 and SNS 24 next to their numbers, a kept copy that is gone
  // told instead of downloaded empty, and the checks of a medicine put back (283,278 before;
  // 282,535 before "Keep mine", the catch-up and the Print after midnight).
  // 315,437 with a lump in no check-in said as such, and taken off the list with an Undo (the
  // list a component with its own lasting Undo: 2,361 B).
  // 317,432 with the fixes of stop 49 (1,995 B): more ways of writing red flags in the notes
  // (rigors, sweats, sepsis, grey or cold skin, drowsy) and "no pus" read as English, a lump
  // left out of a check-in routed as one not scored, a diary gone asked about at a mount again
  // (the last mount's state kept per element) and a check-in's Undo kept through it.
  // 318,278 with the review's mends (846 B): a listener per element that lets go of the last
  // mount's state on a deletion heard between mounts, undos refused once their deletion is no
  // longer stored, a diary found gone kept on screen while another tab writes, the left-out
  // rule's four weeks.
  // 319,160 with the second review's mends (882 B): a deletion heard between mounts lets go of
  // offers and held work, a failed keep of a diary found gone asked again with why, Let go that
  // deletes nothing stored by another tab, the Back catch-up that keeps asking, more note words.
  // 322,435 with the fixes of stop 50 (3,139 B): more red-flag words in the notes (both
  // languages) and their buttons described, two triage rules, what the diary knows shared by the
  // history and a save, every change counted for the backup reminder, a lump noted elsewhere
  // brought back by a restore, a question's removal without its words and its Undo in place, a
  // medicine's waiting change dropped with it and put back by its Undo, a lump removed in
  // another tab kept on screen while its new name is typed (1,065 B), focus after "Show more"
  // and after a medicine's change is saved. 325,188 with the two-tab choice that shows
  // everything the versions say differently and asks before letting typing go (2,753 B);
  // 325,862 with a clinic number's extension (674 B); 327,045 with the printout's count of
  // notes and its dates of medicines changed, and the rest of a check-in in the history;
  // 327,396 with the review's mends (the lumps' names in the two-tab choice, more words);
  // 327,766 with the second review's (more words, a medicine's date); 327,404 after the second
  // reading (the two-tab choice's answers built by one closure). 333,107 with stop 54's fixes
  // (5,703 B): a language's text through the loader's watched fetch (463 B), red flags written
  // in the notes weighed by urgency with more of their words (1,440 B), the printout's other
  // followed lumps, the quick check-in's lumps that must be answered, a check-in left unsaved
  // said on the guide, and the advice each check-in gave kept with it. 335,717 with stop 53's
  // (2,610 B): a delete not done said by its entry with the focus kept there, the question a diary
  // found gone asks given the focus and answered to the part's heading, a name not kept held
  // across a mount and written with the next settings kept, and the printout's marks and days.
  // 339,057 with stop 54's (3,340 B): the mark of what each backup held (kept with the settings,
  // with the copies restored files brought since, making way for the diary when storage is
  // full: about 2,200 B after trimming the first version's sort and hex formatting), a kept form
  // that takes no focus from the page's body, "SNS 24" read as its number, and Print refused by
  // a sandbox said as such.
  // 339,260 with stop 55's (276 B): a backup cut short told apart, what is damaged in a backup
  // said in the console, the printout's latest line the most urgent of those that may be newest;
  // 340,011 with a crossed write written again, and what a full storage could not take owed.
  // 342,900 with stop 56's (2,971 B): the result of a check-in from long ago saying its date
  // (about 900), "Restoring" said and painted first (about 600), the spreadsheet's separator
  // and the advice in the spreadsheet and the FHIR bundle with its Patient (about 800), the
  // backup reminder going by what a file holds, a finger sore not noted lately, a tab's own
  // write clamped as storage's is, and what a tab owes asked about before leaving.
  // 344,406 with stop 57's (1,418 B): the "Since" box's refusal and its message, a date in it
  // left half typed kept apart from one cleared, the printout's line for check-ins dated ahead
  // and its whole name, the newest advice for an empty period, the backup reminder at once
  // where the browser deletes unvisited sites' data (told apart from a Home Screen app) and
  // under a result (not an urgent one), a red lump's calm words left out only beside a reason
  // about that lump or the whole patient, years written with four digits, and a write read back
  // (a page's consent script may let it pass without keeping it).
  '/calcinosis-guide-app_bg.wasm': 344_600, // 344,406 (stop 57)
  // The loader: 3,261 with a refusing security policy said as such, a name and a language set in
  // one go both used, a blank lang as the page's, another script's element named (2,826 before);
  // 3,620 with a stalled download failing (watched through a copy; the script and stylesheet
  // too), and a page's fetch that gives no Response; 3,697 with stop 54's stylesheet tries;
  // 3,930 with the widget on screen kept, taking keys, while it mounts again, and a check-in's
  // result on screen kept until it is closed (stop 55).
  '/calcinosis-guide.js': 4_000,
};

test('the download stays under its size ceilings (brotli bytes; the goals are the bench\'s)', () => {
  const over = Object.entries(CEILINGS)
    .map(([f, max]) => [f, fs.statSync(`dist${f}.br`).size, max])
    .filter(([, size, max]) => size > max)
    .map(([f, size, max]) => `${f}: ${size} B, ceiling ${max} B`);
  assert.deepEqual(over, []);
});

test('every file goes out by Accept-Encoding: brotli first, then gzip, else as it is', async () => {
  const cases = [
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['deflate', null],
    [undefined, null],
  ];
  for (const f of SERVED) {
    const original = fs.readFileSync(`dist${f}`);
    const type = TYPES[path.extname(f)];
    const tags = new Map();
    for (const [accept, coding] of cases) {
      const r = await get(site.url, f, accept === undefined ? {} : { 'accept-encoding': accept });
      const what = `${f} with Accept-Encoding ${accept ?? '(none)'}`;
      assert.equal(r.status, 200, what);
      assert.match(r.headers['content-type'], type, `${what}: the original file's type`);
      assert.equal(r.headers['content-encoding'], coding ?? undefined, `${what}: the coding`);
      assert.equal(r.headers.vary, 'Accept-Encoding', `${what}: Vary`);
      assert.equal(r.headers['cache-control'], 'no-cache', `${what}: revalidate, the name has no hash`);
      assert.equal(Number(r.headers['content-length']), r.body.length, `${what}: Content-Length is the body's`);
      const body = coding ? decode[coding](r.body) : r.body;
      assert.ok(body.equals(original), `${what}: the body decodes to the file`);
      if (coding) assert.ok(r.body.length < original.length || original.length < 200, `${what}: smaller on the wire`);
      assert.match(r.headers.etag, /^"[^"]+"$/, `${what}: a strong ETag`);
      const known = tags.get(coding);
      if (known) assert.equal(r.headers.etag, known, `${what}: the same ETag for the same representation`);
      tags.set(coding, r.headers.etag);
    }
    assert.equal(new Set(tags.values()).size, 3, `${f}: one ETag per representation (br, gzip, identity)`);
  }
});

test('revalidation: the same ETag gets a 304 without a body; another representation\'s does not', async () => {
  for (const f of ['/calcinosis-guide-app_bg.wasm', '/calcinosis-guide-app.js', '/calcinosis-guide-learn_bg.wasm', '/calcinosis-guide-learn.js', '/calcinosis-guide.css', '/calcinosis-guide.js', '/']) {
    const first = await get(site.url, f, { 'accept-encoding': 'br' });
    const again = await get(site.url, f, { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
    assert.equal(again.status, 304, `${f}: 304 on a matching ETag`);
    assert.equal(again.body.length, 0, `${f}: no body with the 304`);
    assert.equal(again.headers.etag, first.headers.etag, `${f}: the 304 names the ETag`);
    assert.equal(again.headers.vary, 'Accept-Encoding', `${f}: the 304 keeps Vary`);
    const listed = await get(site.url, f, { 'accept-encoding': 'br', 'if-none-match': `"nope", W/${first.headers.etag}` });
    assert.equal(listed.status, 304, `${f}: 304 when the ETag is in a list (weak comparison)`);
    const gz = await get(site.url, f, { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag });
    assert.equal(gz.status, 200, `${f}: the brotli ETag does not validate the gzip body`);
    assert.equal(gz.headers['content-encoding'], 'gzip');
  }
});

test('HEAD gives the headers without a body; other methods, missing files and escapes are refused', async () => {
  const head = await get(site.url, '/calcinosis-guide-app_bg.wasm', { 'accept-encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(Number(head.headers['content-length']), fs.statSync('dist/calcinosis-guide-app_bg.wasm.br').size);
  assert.equal((await get(site.url, '/calcinosis-guide.js', {}, 'POST')).status, 405);
  assert.equal((await get(site.url, '/no-such-file.js')).status, 404);
  // Dot segments are resolved inside the root by URL parsing; an encoded slash is caught after.
  assert.equal((await get(site.url, '/../Makefile')).status, 404);
  assert.equal((await get(site.url, '/%2e%2e/Makefile')).status, 404);
  assert.equal((await get(site.url, '/..%2fMakefile')).status, 403);
});

test('Accept-Encoding parsing follows q-values and the * wildcard', () => {
  assert.deepEqual(acceptedCodings('gzip, deflate, br, zstd'), ['br', 'gzip']);
  assert.deepEqual(acceptedCodings('gzip;q=1.0, br;q=0'), ['gzip']);
  assert.deepEqual(acceptedCodings('*;q=0.1, gzip;q=0'), ['br']);
  assert.deepEqual(acceptedCodings('BR'), ['br']);
  assert.deepEqual(acceptedCodings(''), []);
  assert.deepEqual(acceptedCodings(undefined), []);
});

test('compress.mjs: siblings for text and wasm only, orphans removed; a stale sibling is never served', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-serve-'));
  try {
    fs.mkdirSync(path.join(dir, 'content'));
    const text = 'let x = 1;\n'.repeat(200);
    fs.writeFileSync(path.join(dir, 'a.js'), text);
    fs.writeFileSync(path.join(dir, 'content', 'en.json'), JSON.stringify({ words: 'word '.repeat(300) }));
    fs.writeFileSync(path.join(dir, 'picture.png'), Buffer.alloc(300));
    fs.writeFileSync(path.join(dir, 'gone.css.br'), 'stale');
    compressTree(dir);
    const names = walk(dir).map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(names, ['a.js', 'a.js.br', 'a.js.gz', 'content/en.json', 'content/en.json.br', 'content/en.json.gz', 'picture.png']);

    const local = await serve({ root: dir });
    try {
      const json = await get(local.url, '/content/en.json', { 'accept-encoding': 'br' });
      assert.equal(json.headers['content-encoding'], 'br');
      assert.match(json.headers['content-type'], /^application\/json/);
      // The file changes after compressing (as when CSS is rebuilt by hand): its siblings are
      // older now, and the file itself goes out.
      const later = new Date(Date.now() + 5000);
      fs.writeFileSync(path.join(dir, 'a.js'), 'let y = 2;\n');
      fs.utimesSync(path.join(dir, 'a.js'), later, later);
      const js = await get(local.url, '/a.js', { 'accept-encoding': 'br, gzip' });
      assert.equal(js.headers['content-encoding'], undefined, 'stale siblings are not sent');
      assert.equal(js.body.toString(), 'let y = 2;\n');
    } finally {
      await new Promise((r) => local.server.close(r));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('in Chromium: the widget loads from brotli files, works, and a reload revalidates with 304s', async () => {
  const app = await start();
  const served = [];
  app.server.on('request', (req, res) => res.on('finish', () => served.push({ url: req.url, status: res.statusCode })));
  try {
    const page = await app.page();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${app.url}/`);
    await ready(page);
    const wasm = responses.find((r) => r.url().endsWith('/calcinosis-guide-learn_bg.wasm'));
    assert.ok(wasm, 'the guide alone\'s wasm was fetched (a first visit)');
    const headers = await wasm.allHeaders();
    assert.equal(headers['content-encoding'], 'br', 'Chromium asked for and got brotli');
    assert.equal(headers['content-type'], 'application/wasm');
    const sizes = await wasm.request().sizes();
    assert.equal(sizes.responseBodySize, fs.statSync('dist/calcinosis-guide-learn_bg.wasm.br').size, 'the brotli bytes went over the wire');
    for (const f of ['calcinosis-guide-learn.js', 'calcinosis-guide-learn.css', 'calcinosis-guide.js']) {
      const r = responses.find((x) => x.url().endsWith(`/${f}`));
      assert.equal((await r.allHeaders())['content-encoding'], 'br', `${f} came as brotli`);
    }
    // It works: the second step opens from the step list.
    const first = await page.locator('.cg-step-title').textContent();
    await page.locator('.cg-step-link').nth(1).click();
    await page.waitForFunction((t) => cgOne('.cg-step-title')?.textContent !== t, first);
    assert.deepEqual(page.errors, []);

    served.length = 0;
    await page.reload();
    await ready(page);
    const wasmAgain = served.filter((s) => s.url === '/calcinosis-guide-learn_bg.wasm');
    assert.deepEqual(wasmAgain.map((s) => s.status), [304], 'the reload revalidated the wasm and got a 304');
    assert.equal(served.find((s) => s.url === '/calcinosis-guide-learn.js')?.status, 304, 'and its js');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await app.stop();
  }
});
