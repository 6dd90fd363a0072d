// `make bench`: sizes of every file in dist/ (raw, gzip -9, brotli quality 11) and the total.
// Timings (diary scale, embed start-up) are added here as those features land; each is reported
// as a median of repeated runs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { benchDiary } from './bench-diary.mjs';

const BUDGET_BROTLI = 150 * 1024;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

const rows = files('dist').sort().map((file) => {
  const raw = fs.readFileSync(file);
  return {
    file: path.relative('dist', file),
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length,
  };
});
const total = rows.reduce((t, r) => ({ file: 'TOTAL', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(36)} ${pad('raw', 10)} ${pad('gzip -9', 10)} ${pad('brotli 11', 10)}`);
for (const r of [...rows, total]) {
  console.log(`${r.file.padEnd(36)} ${pad(r.raw, 10)} ${pad(r.gzip, 10)} ${pad(r.brotli, 10)}`);
}
const share = ((100 * total.brotli) / BUDGET_BROTLI).toFixed(1);
console.log(`\nbrotli total ${total.brotli} bytes = ${share}% of the ${BUDGET_BROTLI}-byte budget`);

// Diary scale: opening the diary, the trend's "All", saving, and the stored size, for 365 and
// 3650 daily check-ins against an empty-diary baseline (see bench-diary.mjs for the method).
await benchDiary();
// Embed: loader size and budget, what a host page loads before the guide is near, and the time
// from the guide scrolling into view to it being usable (see bench-embed.mjs for the method).
await (await import('./bench-embed.mjs')).benchEmbed();
// Memory: the WebAssembly memory after opening a ten-year diary, a save, each export and a
// refused 20 MB restore (see bench-memory.mjs for the method).
await (await import('./bench-memory.mjs')).benchMemory();
