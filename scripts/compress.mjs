// Writes a brotli (quality 11) `.br` and a gzip (-9) `.gz` sibling next to every text and
// WebAssembly file under the given folders (default: dist), recursively, so a server can send
// them as they are (nginx gzip_static/brotli_static, Apache rewrites, e2e/server.mjs) instead
// of compressing on every request. Siblings whose original is gone are removed; the output is
// the same for the same input (gzip's header carries no time stamp).
//
//   node scripts/compress.mjs [folder ...]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { isMain } from './is-main.mjs';

/** What gets siblings: text a browser reads, and the app's WebAssembly. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.map', '.wasm']);
export const ENCODED = { br: '.br', gzip: '.gz' };

export function brotli(bytes, text) {
  return zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

export function gzip(bytes) {
  return zlib.gzipSync(bytes, { level: 9 });
}

/** Every file under `dir`, recursively. */
export function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** Compresses every eligible file under `dir`; returns [{ file, raw, br, gz }]. */
export function compressTree(dir) {
  const files = walk(dir);
  const present = new Set(files);
  const out = [];
  for (const file of files) {
    const ext = path.extname(file);
    if (ext === '.br' || ext === '.gz') {
      // A stale sibling would be served for a file that no longer exists.
      const original = file.slice(0, -ext.length);
      if (!present.has(original)) fs.rmSync(file);
      continue;
    }
    if (!COMPRESSIBLE.has(ext)) continue;
    const raw = fs.readFileSync(file);
    const br = brotli(raw, ext !== '.wasm');
    const gz = gzip(raw);
    fs.writeFileSync(file + ENCODED.br, br);
    fs.writeFileSync(file + ENCODED.gzip, gz);
    out.push({ file: path.relative(dir, file), raw: raw.length, br: br.length, gz: gz.length });
  }
  return out;
}

if (isMain(import.meta.url)) {
  const dirs = process.argv.slice(2);
  for (const dir of dirs.length ? dirs : ['dist']) {
    const done = compressTree(dir);
    const sum = (k) => done.reduce((t, r) => t + r[k], 0);
    console.log(`compress: ${done.length} files in ${dir}/ got .br and .gz siblings ` +
      `(${sum('raw')} bytes raw, ${sum('gz')} gzip -9, ${sum('br')} brotli 11)`);
  }
}
