// The minified stylesheets and scripts in dist/ (scripts/minify.mjs, run by `make dist`): the
// stylesheet minifier's edge cases, and the browser's own reading of each shipped stylesheet
// compared rule by rule with its readable source. The minified scripts run in every other e2e
// test; here they are checked to be minified and free of what a strict CSP refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { minifyCss } from '../scripts/minify.mjs';
import { start } from './helpers.mjs';

let app;
before(async () => {
  app = await start();
});
after(async () => {
  await app?.stop();
});

test('the stylesheet minifier drops comments and needless space, and keeps what means something', () => {
  assert.equal(minifyCss('/* a */\n.a  .b ,\n.c > .d {\n  color : red ;\n  margin: 0 auto;\n}\n'), '.a .b,.c>.d{color : red;margin: 0 auto}');
  // Strings (with what looks like a comment inside) and escapes are kept as they are.
  assert.equal(minifyCss('.a::before { content: "/* no */ \\"x\\""; }'), '.a::before{content: "/* no */ \\"x\\""}');
  assert.equal(minifyCss(".a { content: ' ; } ' }"), ".a{content: ' ; } '}");
  // Spaces that carry meaning: calc's operators, a media query's words, a descendant selector.
  assert.equal(minifyCss('.a { width: calc(100% - 2 * 1rem); }'), '.a{width: calc(100% - 2 * 1rem)}');
  assert.equal(minifyCss('@media screen and (max-width: 40rem) {\n  .a :focus { x: y; }\n}'),
    '@media screen and (max-width: 40rem){.a :focus{x: y}}');
  // An unquoted url() is copied whole (`/*` in it is no comment); an escaped newline continues a
  // string.
  assert.equal(minifyCss('.a { background: url(//x.example/*/a.png) ; }'), '.a{background: url(//x.example/*/a.png)}');
  assert.equal(minifyCss('.a { content: "one\\\ntwo"; }'), '.a{content: "one\\\ntwo"}');
  assert.equal(minifyCss(''), '');
  // Broken input stops the build with a clear message instead of shipping half a stylesheet.
  assert.throws(() => minifyCss('.a { color: red; } /* never closed'), /unclosed comment/);
  assert.throws(() => minifyCss('.a { content: "never closed; }'), /unclosed string/);
});

/** In the page: each rule of a stylesheet's text as the browser reads it back. The browser keeps
 *  a custom property's value as written, so the space after a comma (never meaningful in CSS,
 *  dropped by the minifier) is dropped on both sides. */
function rules(text) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((r) => r.cssText.replace(/,\s+/g, ','));
}

/** The partials styles/guide.list names, in its order. */
function guideParts() {
  return fs.readFileSync('styles/guide.list', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

test('the guide alone\'s stylesheet is partials of the whole one, named once each, in the same order', () => {
  const all = fs.readdirSync('styles').filter((f) => f.endsWith('.css')).sort();
  const guide = guideParts();
  assert.ok(guide.length >= 5, `styles/guide.list names the guide's partials (${guide.length})`);
  for (const f of guide) assert.ok(all.includes(f), `styles/guide.list: ${f} is a partial in styles/`);
  assert.deepEqual(guide, all.filter((f) => guide.includes(f)), 'named once each, in the whole stylesheet\'s order');
  assert.ok(guide.length < all.length, 'the diary\'s and the summary\'s partials are left out');
});

test('each shipped stylesheet reads in the browser exactly as its readable source does', async () => {
  const page = await app.page();
  const sources = {
    // Trunk's hook writes it with `cat styles/*.css`, in name order.
    'calcinosis-guide.css': fs.readdirSync('styles').filter((f) => f.endsWith('.css')).sort()
      .map((f) => fs.readFileSync(`styles/${f}`, 'utf8')).join(''),
    // scripts/build-learn.sh writes it from the partials styles/guide.list names, in its order.
    'calcinosis-guide-learn.css': guideParts().map((f) => fs.readFileSync(`styles/${f}`, 'utf8')).join(''),
    'calcinosis-guide-placeholder.css': fs.readFileSync('web/calcinosis-guide-placeholder.css', 'utf8'),
    'calcinosis-guide-host.css': fs.readFileSync('web/calcinosis-guide-host.css', 'utf8'),
  };
  for (const [file, source] of Object.entries(sources)) {
    const shipped = fs.readFileSync(`dist/${file}`, 'utf8');
    assert.ok(shipped.length < source.length, `${file} is minified (${shipped.length} of ${source.length} bytes)`);
    assert.ok(!shipped.includes('/*'), `${file} has no comments left`);
    const [want, got] = [await page.evaluate(rules, source), await page.evaluate(rules, shipped)];
    assert.ok(want.length > 0, `${file} has rules`);
    assert.deepEqual(got, want, `${file}: the browser reads the same rules`);
  }
});

test('the shipped scripts are minified and use nothing a strict CSP refuses', () => {
  for (const [file, source] of [['calcinosis-guide.js', 'web/calcinosis-guide.js'], ['calcinosis-guide-app.js', null], ['calcinosis-guide-learn.js', null]]) {
    const shipped = fs.readFileSync(`dist/${file}`, 'utf8');
    if (source) assert.ok(shipped.length < fs.readFileSync(source, 'utf8').length * 0.8, `${file} is minified`);
    assert.ok(!/\n\s*\/\*\*/.test(shipped), `${file} has no doc comments left`);
    assert.ok(!/\beval\s*\(|new Function\s*\(/.test(shipped), `${file} uses no eval`);
  }
});

test('the build scripts run from a folder whose path has a space in it', () => {
  // Found in review: each script (these two, the server, the benches) compared its own URL with a
  // hand-made "file://" + path, which never matches once the path has a space (%20), so `make
  // dist` skipped them silently and `make serve` exited at once. They share scripts/is-main.mjs.
  const dir = 'target/build scripts test';
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(`${dir}/site`, { recursive: true });
  for (const f of ['minify.mjs', 'compress.mjs', 'is-main.mjs']) fs.copyFileSync(`scripts/${f}`, `${dir}/${f}`);
  fs.writeFileSync(`${dir}/site/a.css`, '/* note */\n.a {\n  color: red;\n}\n');
  execFileSync('node', [`${dir}/minify.mjs`, `${dir}/site`]);
  assert.equal(fs.readFileSync(`${dir}/site/a.css`, 'utf8'), '.a{color: red}');
  execFileSync('node', [`${dir}/compress.mjs`, `${dir}/site`]);
  assert.ok(fs.existsSync(`${dir}/site/a.css.br`) && fs.existsSync(`${dir}/site/a.css.gz`));
  fs.rmSync(dir, { recursive: true, force: true });
});
