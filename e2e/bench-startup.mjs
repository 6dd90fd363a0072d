// Start-up on a phone: "scrolled into view -> interactive" for the widget and for the floor (the
// minimal Yew app in bench/floor, built into target/floor-dist by `make bench`), with Chromium's
// CPU and network throttled the way DevTools does it. Run by `make bench` (through bench.mjs) or
// on its own: `node e2e/bench-startup.mjs [--runs 9]` (needs dist/ and target/floor-dist/).
// Benchmarks only: nothing here fails on a slow number; the goal is printed next to the ratio.
//
// Method
// - Both apps are served by e2e/server.mjs as a clinic's CDN would serve them: the .br siblings
//   that scripts/compress.mjs wrote, by Accept-Encoding.
// - Each run is a fresh browser context (an empty HTTP cache and code cache) and page, with a
//   412 x 823 viewport. Throttled runs set, through the DevTools protocol before navigating,
//   Emulation.setCPUThrottlingRate (rate 4) and Network.emulateNetworkConditions (1.6 Mbps
//   down, 750 kbps up, 150 ms latency): the "slow 4G" phone of Lighthouse's mobile preset.
// - The page has the app below a 3000 px block and a loader that fetches the app only when it
//   comes within 200 px of the viewport: the widget on examples/long-page.html (its loader is
//   web/calcinosis-guide.js), the floor on bench/floor/web/index.html (bench/floor/web/floor.js,
//   the same shape). After `load` and 500 ms, in the page: t0 = performance.now() and
//   scrollIntoView() in the same task. A MutationObserver on the shadow root stops the first
//   clock when the controls are there (widget: the step title and the step list's buttons;
//   floor: its button), then clicks one (widget: the second step in the step list; floor: the
//   button) and stops the second clock, "interactive", when the click's effect is in the DOM
//   (widget: the step title changed; floor: the count reads 1). A click that changed nothing in
//   1 s is repeated, so a click that came too early counts as time, never as a hang.
// - From the page's Resource Timing, for the requests made after t0: when the first went out
//   ("1st request") and when the last byte of the last arrived ("last byte"). The time from the
//   last byte to interactive is the device's work alone (compile, first render, layout, click).
// - A warm-up run of each (not counted), then `runs` runs of each, alternating widget and floor
//   so a busy machine slows both alike; medians; the ratio is of the medians.
// - The widget is timed as a first visit (nothing stored: the loader fetches the guide alone,
//   calcinosis-guide-learn) and, throttled only, as a returning diary patient (a 30-check-in
//   diary stored before the page runs: the loader fetches the whole widget, calcinosis-guide-app).
//   After a first visit is interactive, the run also times opening the diary: a click on "My
//   diary" until the diary is on screen, the whole widget having been fetched in between.
import fs from 'node:fs';
import { start, seedDiary, DIARY_KEY } from './helpers.mjs';
import { serve } from './server.mjs';
import { isMain } from '../scripts/is-main.mjs';

export const THROTTLE = {
  cpuRate: 4,
  downKbps: 1600,
  upKbps: 750,
  latencyMs: 150,
};
const GOAL_RATIO = 2.0;
const FLOOR_DIST = 'target/floor-dist';
const VIEWPORT = { width: 412, height: 823 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The widget on the long page: wait for a step, click the second step in the list. */
const WIDGET = {
  page: '/examples/long-page.html',
  host: 'calcinosis-guide',
  controls: '.cg-step-title',
  button: '.cg-step-link',
  buttonIndex: 1,
  // The walk-through shows another step's title after the click.
  effect: 'title',
};

/** What to wait for and what to click, per app; read in the page. */
const APPS = {
  // Then: "My diary" (the second tab) until the diary is on screen.
  widget: { ...WIDGET, diary: true },
  // With a diary stored before the page runs.
  diaryPatient: { ...WIDGET, seed: true },
  floor: {
    page: '/index.html',
    host: 'floor-counter',
    controls: '.floor-count',
    button: '.floor-button',
    buttonIndex: 0,
    effect: 'count',
  },
};

/** In the page: scroll the app into view, wait for its controls, click, wait for the effect. */
function timeToInteractive(app) {
  return new Promise((resolve, reject) => {
    const host = document.querySelector(app.host);
    const root = host.shadowRoot;
    const before = {};
    const changed = () => (app.effect === 'count'
      ? Number(root.querySelector('.floor-count')?.textContent) >= 1
      : root.querySelector('.cg-step-title')?.textContent !== before.title);
    let t0 = 0;
    let controlsAt = null;
    let clicks = 0;
    let retry = null;
    const click = () => {
      const button = root.querySelectorAll(app.button)[app.buttonIndex];
      clicks += 1;
      button.click();
      retry = setTimeout(click, 1000);
    };
    const check = () => {
      if (controlsAt === null) {
        if (!root.querySelector(app.controls) || root.querySelectorAll(app.button).length <= app.buttonIndex) return;
        controlsAt = performance.now();
        before.title = root.querySelector('.cg-step-title')?.textContent;
        click();
      }
      if (controlsAt !== null && changed()) {
        const now = performance.now();
        clearTimeout(retry);
        observer.disconnect();
        // The app's own requests (Resource Timing): when the first went out, when the last byte
        // of the last arrived. What follows the last byte is the device's work alone.
        const requests = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0 && e.responseEnd <= now);
        resolve({
          controls: controlsAt - t0,
          interactive: now - t0,
          clicks,
          firstRequest: Math.min(...requests.map((e) => e.startTime)) - t0,
          lastByte: Math.max(...requests.map((e) => e.responseEnd)) - t0,
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error(`${app.host} did not become interactive in 60 s`)), 60000);
    t0 = performance.now();
    host.scrollIntoView();
  });
}

/** In the page: click "My diary" and wait until the diary is on screen; the time it took. */
function timeToDiary(app) {
  return new Promise((resolve, reject) => {
    const root = document.querySelector(app.host).shadowRoot;
    const done = () => root.querySelector('.cg-diary');
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    setTimeout(() => reject(new Error('the diary did not open in 60 s')), 60000);
    const t0 = performance.now();
    root.querySelectorAll('.cg-tab')[1].click();
  });
}

const SEED = seedDiary({ checkIns: 30, lesions: 2 }).text;

export async function oneRun(browser, base, which, throttled) {
  const app = APPS[which];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    if (app.seed) {
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [DIARY_KEY, SEED]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (throttled) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: THROTTLE.latencyMs,
        downloadThroughput: (THROTTLE.downKbps * 1000) / 8,
        uploadThroughput: (THROTTLE.upKbps * 1000) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuRate });
    }
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${base}${app.page}`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const early = responses.length;
    const timing = await page.evaluate(timeToInteractive, app);
    const interactive = responses.length;
    if (app.diary) timing.diary = await page.evaluate(timeToDiary, app);
    // What came over the wire from the app coming into view to it being interactive: encoded
    // body bytes and their codings (the diary's fetch, if timed, is not counted).
    const after = await Promise.all(responses.slice(early, interactive).map(async (r) => ({
      url: r.url(),
      bytes: (await r.request().sizes()).responseBodySize,
      coding: r.headers()['content-encoding'] ?? 'identity',
    })));
    return { ...timing, transferred: after.reduce((t, x) => t + x.bytes, 0), files: after };
  } finally {
    await context.close();
  }
}

/** Runs the start-up bench and prints its table; returns the numbers (null when skipped). */
export async function benchStartup({ runs = 9, unthrottled = true } = {}) {
  console.log('\nStart-up on a phone: scrolled into view -> interactive');
  if (!fs.existsSync(`${FLOOR_DIST}/floor-app_bg.wasm`)) {
    console.log(`  skipped: the floor is not built (${FLOOR_DIST}/ is missing; \`make bench\` builds it)`);
    return null;
  }
  const widget = await start();
  const floor = await serve({ root: FLOOR_DIST });
  const bases = { widget: widget.url, floor: floor.url };
  bases.diaryPatient = widget.url;
  const results = { throttled: { widget: [], diaryPatient: [], floor: [] }, unthrottled: { widget: [], floor: [] } };
  try {
    for (const throttled of unthrottled ? [true, false] : [true]) {
      const into = results[throttled ? 'throttled' : 'unthrottled'];
      const apps = Object.keys(into);
      for (const which of apps) await oneRun(widget.browser, bases[which], which, throttled);
      for (let i = 0; i < runs; i++) {
        for (const which of apps) into[which].push(await oneRun(widget.browser, bases[which], which, throttled));
      }
    }
  } finally {
    await widget.stop();
    await new Promise((r) => floor.server.close(r));
  }
  const summary = (rs) => rs.length && ({
    controls: median(rs.map((r) => r.controls)),
    interactive: median(rs.map((r) => r.interactive)),
    firstRequest: median(rs.map((r) => r.firstRequest)),
    lastByte: median(rs.map((r) => r.lastByte)),
    transferred: median(rs.map((r) => r.transferred)),
    clicks: Math.max(...rs.map((r) => r.clicks)),
    files: rs[0].files,
    diary: rs[0].diary === undefined ? null : median(rs.map((r) => r.diary)),
  });
  const out = {
    runs,
    throttle: THROTTLE,
    throttled: {
      widget: summary(results.throttled.widget),
      diaryPatient: summary(results.throttled.diaryPatient),
      floor: summary(results.throttled.floor),
    },
    unthrottled: unthrottled ? { widget: summary(results.unthrottled.widget), floor: summary(results.unthrottled.floor) } : null,
  };
  out.ratio = out.throttled.widget.interactive / out.throttled.floor.interactive;
  print(out);
  return out;
}

function print(r) {
  const pad = (s, n) => String(s).padStart(n);
  const ms = (x) => `${Math.round(x)} ms`;
  const t = r.throttle;
  console.log(`  throttle: CPU ${t.cpuRate}x slower (Emulation.setCPUThrottlingRate), network ${t.downKbps / 1000} Mbps down /` +
    ` ${t.upKbps} kbps up / ${t.latencyMs} ms latency (Network.emulateNetworkConditions); ${r.runs} fresh contexts each,` +
    ' served brotli-compressed by e2e/server.mjs; medians');
  const header = `  ${''.padEnd(34)} ${pad('1st request', 12)} ${pad('last byte', 10)} ${pad('controls', 10)}` +
    ` ${pad('interactive', 12)} ${pad('bytes after scroll', 19)}`;
  for (const mode of ['throttled', 'unthrottled']) {
    const m = r[mode];
    if (!m) continue;
    console.log(`\n  ${mode === 'throttled' ? 'throttled (phone)' : 'unthrottled (for context)'}`);
    console.log(header);
    const rows = [['widget, first visit (guide alone)', m.widget], ['floor (bench/floor)', m.floor]];
    if (m.diaryPatient) rows.splice(1, 0, ['widget, diary stored (whole)', m.diaryPatient]);
    for (const [label, x] of rows) {
      console.log(`  ${label.padEnd(34)} ${pad(ms(x.firstRequest), 12)} ${pad(ms(x.lastByte), 10)} ${pad(ms(x.controls), 10)}` +
        ` ${pad(ms(x.interactive), 12)} ${pad(x.transferred, 19)}`);
    }
    console.log(`  ${'ratio first visit / floor'.padEnd(34)} ${pad('', 34)} ${pad(`${(m.widget.interactive / m.floor.interactive).toFixed(2)}x`, 12)}`);
    if (m.diaryPatient) {
      console.log(`  ${'ratio diary stored / floor'.padEnd(34)} ${pad('', 34)} ${pad(`${(m.diaryPatient.interactive / m.floor.interactive).toFixed(2)}x`, 12)}`);
    }
    if (m.widget.diary !== null) {
      console.log(`  first visit, then "My diary" until the diary is on screen (the whole widget fetched): ${ms(m.widget.diary)}`);
    }
  }
  const codings = [...new Set([...r.throttled.widget.files, ...r.throttled.floor.files].map((f) => f.coding))].join(', ');
  console.log(`\n  content codings seen after scroll: ${codings}; most clicks sent in a run (one more after each` +
    ` second without effect): widget ${r.throttled.widget.clicks}, floor ${r.throttled.floor.clicks}`);
  console.log(`  start-up ratio (throttled interactive, widget / floor): ${r.ratio.toFixed(2)}x;` +
    ` goal <= ${GOAL_RATIO.toFixed(1)}x: ${r.ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`);
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchStartup({ runs: i > 0 ? Number(process.argv[i + 1]) : 9 });
}
