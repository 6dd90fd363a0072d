// `make bench`: sizes of every file in dist/ (raw, gzip -9, brotli quality 11) and the total;
// the patient's download against the floor (the minimal Yew app in bench/floor, built into
// target/floor-dist/ by `make bench`); then timings (diary scale, embed, start-up on a throttled
// phone, memory), each reported as a median of repeated runs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { benchDiary } from './bench-diary.mjs';
import { brotli } from '../scripts/compress.mjs';

const BUDGET_BROTLI = 150 * 1024;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

// The .br and .gz siblings are the files below, compressed: they are not counted again.
const rows = files('dist').filter((f) => !/\.(br|gz)$/.test(f)).sort().map((file) => {
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

// The patient's download: what one patient's browser fetches for the widget in one language,
// as brotli bytes (quality 11, as scripts/compress.mjs writes them), against the floor's. A first
// visit (nothing stored on the device) fetches the guide alone; a patient with a diary stored
// fetches the whole widget; a patient who opens the diary for the first time fetches both.
const GOAL_BYTES = 150 * 1024;
const GOAL_FLOOR_RATIO = 3.0;
const brBytes = (file) => (fs.existsSync(file) ? brotli(fs.readFileSync(file), !file.endsWith('.wasm')).length : null);
const part = (label, file) => ({ label, file, bytes: brBytes(file) });
const shared = [
  part('loader', 'dist/calcinosis-guide.js'),
];
const guideAlone = [
  part('guide alone: wasm', 'dist/calcinosis-guide-learn_bg.wasm'),
  part('guide alone: js', 'dist/calcinosis-guide-learn.js'),
  part('guide alone: text', 'dist/content/en.guide.json'),
  part('guide alone: css', 'dist/calcinosis-guide-learn.css'),
];
const wholeWidget = [
  part('whole widget: wasm', 'dist/calcinosis-guide-app_bg.wasm'),
  part('whole widget: js', 'dist/calcinosis-guide-app.js'),
  part('whole widget: text', 'dist/content/en.json'),
  part('whole widget: css', 'dist/calcinosis-guide.css'),
];
const floor = [part('floor wasm', 'target/floor-dist/floor-app_bg.wasm'), part('floor js', 'target/floor-dist/floor-app.js')];
const sum = (parts) => parts.reduce((t, p) => t + (p.bytes ?? 0), 0);
console.log('\nThe patient\'s download (brotli quality 11, bytes)');
for (const p of [...guideAlone, ...wholeWidget, ...shared, ...floor]) {
  const note = p.bytes === null ? `   (${p.file} does not exist: counted as 0)` : '';
  console.log(`  ${p.label.padEnd(24)} ${p.file.padEnd(40)} ${String(p.bytes ?? 0).padStart(9)}${note}`);
}
const download = sum([...guideAlone, ...shared]);
const whole = sum([...wholeWidget, ...shared]);
const floorDownload = sum(floor);
const met = (ok) => (ok ? 'met' : 'NOT met');
console.log(`  ${'first visit (guide alone + its text and css, loader)'.padEnd(65)} ${String(download).padStart(9)}   goal <= ${GOAL_BYTES}: ${met(download <= GOAL_BYTES)}`);
console.log(`  ${'diary stored (whole widget + its text and css, loader)'.padEnd(65)} ${String(whole).padStart(9)}`);
console.log(`  ${'first opening of the diary (both modules, once; cached after)'.padEnd(65)} ${String(download + sum(wholeWidget)).padStart(9)}`);
if (floor.some((p) => p.bytes === null)) {
  console.log('  floor: not built (target/floor-dist/ is missing; `make bench` builds it): no ratio');
} else {
  const ratio = download / floorDownload;
  console.log(`  ${'floor total (bench/floor: one component, one use_state)'.padEnd(65)} ${String(floorDownload).padStart(9)}`);
  console.log(`  ratio first visit / floor: ${ratio.toFixed(2)}x; goal <= ${GOAL_FLOOR_RATIO.toFixed(1)}x: ${met(ratio <= GOAL_FLOOR_RATIO)}`);
  console.log(`  ratio diary stored / floor: ${(whole / floorDownload).toFixed(2)}x`);
}

// Diary scale: opening the diary, the trend's "All", saving, and the stored size, for 365 and
// 3650 daily check-ins against an empty-diary baseline (see bench-diary.mjs for the method).
await benchDiary();
// One lesion's own trend over 365 and 3650 check-ins (see bench-lesions.mjs for the method).
await (await import('./bench-lesions.mjs')).benchLesions();
// Embed: loader size and budget, what a host page loads before the guide is near, and the time
// from the guide scrolling into view to it being usable (see bench-embed.mjs for the method).
await (await import('./bench-embed.mjs')).benchEmbed();
// Start-up on a phone: scrolled into view -> interactive for the widget and the floor, CPU and
// network throttled (see bench-startup.mjs for the method).
await (await import('./bench-startup.mjs')).benchStartup();
// Memory: the WebAssembly memory after opening a ten-year diary, a save, each export and a
// refused 20 MB restore (see bench-memory.mjs for the method).
await (await import('./bench-memory.mjs')).benchMemory();
