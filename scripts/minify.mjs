// Minifies the widget's own stylesheets and scripts in a built folder, in place, before
// scripts/compress.mjs writes their .br and .gz siblings. Trunk's own minifier leaves them as they
// are: the stylesheet is put together by a hook (cat styles/*.css), and Trunk cannot parse the
// wasm-bindgen script (`export default`). Run by `make dist` and `make floor`.
//
//   node scripts/minify.mjs <folder>
//
// - `.css`: comments and the white space around braces, semicolons and commas go; nothing inside
//   strings or url() is touched, and a space that can mean something (a descendant selector,
//   `calc(1px + 2px)`, `@media screen and (...)`) stays.
// - `.js`: terser, as an ES module (compress and mangle; no eval, nothing a strict
//   Content-Security-Policy refuses). A file that does not parse stops the build.
// The readable sources stay in styles/ and web/.
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { isMain } from './is-main.mjs';
import { walk } from './compress.mjs';

/** The stylesheet `css` without comments and needless white space. */
export function minifyCss(css) {
  let out = '';
  let i = 0;
  const n = css.length;
  // Whether white space was seen since the last character written.
  let space = false;
  const tight = (c) => '{};,>'.includes(c);
  while (i < n) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unclosed comment in stylesheet');
      i = end + 2;
      space = true;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f') {
      space = true;
      i++;
      continue;
    }
    if (space) {
      const last = out[out.length - 1];
      if (out.length > 0 && !tight(last) && !tight(c)) out += ' ';
      space = false;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && css[j] !== c) {
        if (css[j] === '\n') throw new Error('unclosed string in stylesheet');
        // An escape takes the next character with it (an escaped newline continues the string).
        j += css[j] === '\\' ? 2 : 1;
      }
      if (j >= n) throw new Error('unclosed string in stylesheet');
      out += css.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    // An unquoted url(...) is copied whole: `/*` or `;` in it is part of the address.
    if (/^url\((?!\s*["'])/i.test(css.slice(i, i + 8))) {
      const end = css.indexOf(')', i);
      if (end < 0) throw new Error('unclosed url( in stylesheet');
      out += css.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '}' && out[out.length - 1] === ';') out = out.slice(0, -1);
    out += c;
    i++;
  }
  return out;
}

/** The script `js` (an ES module) minified. */
export async function minifyJs(js) {
  const result = await minify(js, { module: true, compress: true, mangle: true, format: { comments: false } });
  if (typeof result.code !== 'string') throw new Error('terser returned no code');
  return result.code;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/minify.mjs <folder>');
  let before = 0;
  let after = 0;
  for (const file of walk(dir)) {
    const ext = path.extname(file);
    if (ext !== '.css' && ext !== '.js') continue;
    const text = fs.readFileSync(file, 'utf8');
    let small;
    try {
      small = ext === '.css' ? minifyCss(text) : await minifyJs(text);
    } catch (e) {
      throw new Error(`${file}: ${e.message}`);
    }
    // Only ever smaller: running it twice changes nothing.
    if (small.length < text.length) fs.writeFileSync(file, small);
    before += text.length;
    after += Math.min(small.length, text.length);
  }
  console.log(`minify ${dir}: ${before} -> ${after} bytes of CSS and JS`);
}

if (isMain(import.meta.url)) {
  main().catch((e) => {
    console.error(`minify: ${e.message}`);
    process.exit(1);
  });
}
