// Embed bench: what the loader costs a clinic's page before anyone looks at the guide, and how
// long the guide takes to become usable once it scrolls into view. Run by `make bench` (through
// bench.mjs) or on its own: `node e2e/bench-embed.mjs [--runs 9]` (needs a built dist/).
// Benchmarks only: nothing here fails on a slow number; the budget is printed next to the size.
//
// Method
// - (a) Loader size: dist/calcinosis-guide.js and dist/calcinosis-guide-host.css (the only files
//   a host page fetches up front), raw, gzip -9 and brotli quality 11, against a 6 KB
//   (6,144-byte) brotli budget for the two together.
// - (b) Host page cost: a fresh browser context opens examples/long-page.html (the element after
//   a 3000 px block), waits for `load` plus 1 s of idle, and adds up the body sizes of every
//   response received as it went over the wire (encoded: the server sends the brotli siblings
//   that `make dist` writes), headers aside. The files are listed; the app's .js and .wasm must
//   not be among them.
// - (c) Viewport -> interactive: same page, after (b): in the page, t0 = performance.now() and
//   the element's scrollIntoView() in the same task; a listener for `calcinosis-guide-ready` and
//   a MutationObserver on the shadow root stop the clock when the event has fired AND a step
//   title (`.cg-step-title`) exists. "-> frame" goes on to the next requestAnimationFrame plus a
//   setTimeout(0), past the paint of that frame. Includes fetching (local server), compiling and
//   instantiating the wasm, and the first render.
// - Baseline, measured in the same runs: navigation start -> the loader's placeholder being in
//   the shadow root (an init script wraps attachShadow and looks in a microtask after it), i.e.
//   what the loader costs before the page is even scrolled. The ratio is of medians.
// - Every run is a fresh context and page; each timing is the MEDIAN of the runs (at least 7).
import fs from 'node:fs';
import zlib from 'node:zlib';
import { start } from './helpers.mjs';
import { isMain } from '../scripts/is-main.mjs';

const BUDGET_BROTLI = 6 * 1024;
const LOADER_FILES = ['calcinosis-guide.js', 'calcinosis-guide-host.css'];
const PAGE = '/examples/long-page.html';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function sizes(file) {
  const raw = fs.readFileSync(`dist/${file}`);
  return {
    file,
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length,
  };
}

/** Init script: when the loader's placeholder lands in a shadow root, and the ready event. */
function instrument() {
  window.cgBench = { placeholder: null };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    queueMicrotask(() => {
      if (window.cgBench.placeholder === null && root.querySelector('.cg-placeholder')) {
        window.cgBench.placeholder = performance.now();
      }
    });
    return root;
  };
}

/** In the page: scroll the guide into view and time until it is ready with a step title. */
function timeToInteractive() {
  return new Promise((resolve, reject) => {
    const host = document.querySelector('calcinosis-guide');
    const root = host.shadowRoot;
    let t0 = 0;
    let readyAt = null;
    let stopped = false;
    const stop = () => {
      if (stopped || readyAt === null || !root.querySelector('.cg-step-title')) return;
      stopped = true;
      observer.disconnect();
      const interactive = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve({ ready: readyAt - t0, interactive, frame: performance.now() - t0 }), 0));
    };
    const observer = new MutationObserver(stop);
    observer.observe(root, { childList: true, subtree: true });
    host.addEventListener('calcinosis-guide-ready', () => { readyAt = performance.now(); stop(); }, { once: true });
    setTimeout(() => reject(new Error('the guide did not become ready in 30 s')), 30000);
    t0 = performance.now();
    host.scrollIntoView();
  });
}

async function oneRun(app) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const bodies = [];
    // Encoded body sizes: what went over the wire (the server sends the .br siblings).
    page.on('response', (r) => bodies.push(r.request().sizes().then((z) => ({ url: r.url(), bytes: z.responseBodySize }), () => ({ url: r.url(), bytes: 0 }))));
    await page.goto(`${app.url}${PAGE}`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    const before = await Promise.all(bodies.splice(0));
    const placeholder = await page.evaluate(() => window.cgBench.placeholder);
    const timing = await page.evaluate(timeToInteractive);
    const after = await Promise.all(bodies.splice(0));
    return { before, placeholder, ...timing, after };
  } finally {
    await context.close();
  }
}

/** Runs the bench and prints its tables; returns the numbers. */
export async function benchEmbed({ runs = 9 } = {}) {
  const loader = LOADER_FILES.map(sizes);
  const app = await start();
  const results = [];
  try {
    await oneRun(app); // warm-up: server, browser, disk cache
    for (let i = 0; i < runs; i++) results.push(await oneRun(app));
  } finally {
    await app.stop();
  }
  const origin = new URL(app.url).origin;
  const name = (u) => (u.startsWith(origin) ? u.slice(origin.length) : u);
  const first = results[0];
  const hostBytes = median(results.map((r) => r.before.reduce((t, x) => t + x.bytes, 0)));
  const appBytes = median(results.map((r) => r.after.reduce((t, x) => t + x.bytes, 0)));
  const out = {
    loader,
    hostBytes,
    hostFiles: first.before.map((x) => [name(x.url), x.bytes]),
    appBytes,
    appFiles: first.after.map((x) => [name(x.url), x.bytes]),
    placeholder: median(results.map((r) => r.placeholder)),
    ready: median(results.map((r) => r.ready)),
    interactive: median(results.map((r) => r.interactive)),
    frame: median(results.map((r) => r.frame)),
    runs,
  };
  print(out);
  return out;
}

function print(r) {
  const pad = (s, n) => String(s).padStart(n);
  const total = r.loader.reduce((t, x) => ({ file: 'loader total', raw: t.raw + x.raw, gzip: t.gzip + x.gzip, brotli: t.brotli + x.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  console.log('\nEmbed: the loader a host page fetches up front');
  console.log(`${'file'.padEnd(30)} ${pad('raw', 8)} ${pad('gzip -9', 8)} ${pad('brotli 11', 10)}`);
  for (const x of [...r.loader, total]) console.log(`${x.file.padEnd(30)} ${pad(x.raw, 8)} ${pad(x.gzip, 8)} ${pad(x.brotli, 10)}`);
  console.log(`budget: <= ${BUDGET_BROTLI} bytes brotli: ${total.brotli <= BUDGET_BROTLI ? 'met' : 'MISSED'}` +
    ` (${((100 * total.brotli) / BUDGET_BROTLI).toFixed(1)}% of it)`);

  console.log(`\nEmbed: host page cost on ${PAGE} until load + 1 s (widget below the fold; median of ${r.runs} runs)`);
  // What a host page should need up front: itself, its own CSS, the loader and the host CSS.
  const expected = (f) => f === PAGE || f.startsWith('/examples/') || LOADER_FILES.includes(f.slice(1));
  for (const [file, bytes] of r.hostFiles) {
    console.log(`  ${file.padEnd(42)} ${pad(bytes, 9)} B${expected(file) ? '' : '   <- beyond page + loader + host CSS'}`);
  }
  const heavy = r.hostFiles.filter(([f]) => /calcinosis-guide-(app|learn)/.test(f));
  console.log(`  ${'total response bodies'.padEnd(42)} ${pad(r.hostBytes, 9)} B` +
    `   (app .js/.wasm fetched early: ${heavy.length ? 'YES' : 'no'})`);
  console.log(`  then, once scrolled into view: ${r.appBytes} B more (${r.appFiles.map(([f, b]) => `${f} ${b}`).join(', ')})`);

  const ms = (x) => x.toFixed(1);
  console.log(`\nEmbed: start-up (headless Chromium, local server, median of ${r.runs} fresh page loads; ms)`);
  const rows = [
    ['baseline: navigation -> placeholder in the shadow root', r.placeholder],
    ['in view -> calcinosis-guide-ready', r.ready],
    ['in view -> interactive (ready + step title)', r.interactive],
    ['in view -> interactive -> frame', r.frame],
  ];
  for (const [label, v] of rows) console.log(`  ${label.padEnd(56)} ${pad(ms(v), 8)}`);
  console.log(`  ${'ratio interactive / baseline'.padEnd(56)} ${pad(`${(r.interactive / r.placeholder).toFixed(2)}x`, 8)}`);
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchEmbed({ runs: i > 0 ? Math.max(7, Number(process.argv[i + 1])) : 9 });
}
