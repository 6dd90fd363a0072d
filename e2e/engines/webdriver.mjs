// The other two engines, driven through WebDriver with selenium-webdriver: Firefox ESR (Gecko,
// geckodriver from crates.io) and WebKitGTK (the engine family of Safari: WebKitWebDriver and
// MiniBrowser from Debian, on an Xvfb display). Each driver is started here on a free port and
// selenium only talks to it (`usingServer`), so Selenium Manager never runs and nothing is
// downloaded. `make test` installs all of it (scripts/setup.sh).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder } from 'selenium-webdriver';
import { shadowHelpers } from '../helpers.mjs';

const TOOLS = process.env.CALCINOSIS_TOOLS ?? path.join(os.homedir(), '.cache/calcinosis-guide/tools');
const WIDTH = 1280;
const HEIGHT = 900;

/** Generous: a loaded 2-core machine can take many seconds to start a browser or the wasm. */
export const WAIT = Number(process.env.ENGINES_WAIT_MS ?? 60_000);

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `cmd`; its output goes to `log` (shown when something fails). */
function launch(cmd, args, { env, log }) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

/** Waits until a WebDriver server answers /status with ready. */
async function driverReady(url, child, log) {
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the driver exited (${child.exitCode}):\n${log.join('')}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok && (await res.json()).value?.ready !== false) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no WebDriver server at ${url} after ${WAIT} ms:\n${log.join('')}`);
}

/** An X display from Xvfb on the first free display number (Xvfb picks it: -displayfd). */
async function startXvfb(log) {
  const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', `${WIDTH + 200}x${HEIGHT + 300}x24`, '-nolisten', 'tcp'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => log.push(String(d)));
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display number:\n${log.join('')}`)), WAIT);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}):\n${log.join('')}`)));
  });
  return { child, display };
}

/** The MiniBrowser that Debian's WebKitGTK library package installs (it is not on PATH). */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  const found = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' })
    .split('\n').find((f) => f.endsWith('/MiniBrowser'));
  if (!found) throw new Error('no MiniBrowser in libwebkit2gtk-4.1-0 (run scripts/setup.sh test)');
  return found;
}

export const ENGINES = {
  firefox: {
    name: 'Firefox ESR',
    async start(log, downloads) {
      const geckodriver = process.env.GECKODRIVER ?? path.join(TOOLS, 'bin/geckodriver');
      if (!fs.existsSync(geckodriver)) throw new Error(`no geckodriver at ${geckodriver} (run scripts/setup.sh test)`);
      const port = await freePort();
      const driver = launch(geckodriver, ['--port', String(port), '--host', '127.0.0.1'], { log });
      const url = `http://127.0.0.1:${port}`;
      await driverReady(url, driver, log);
      const capabilities = {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
          args: ['-headless', `--width=${WIDTH}`, `--height=${HEIGHT}`],
          prefs: {
            // Downloads go straight to the session's own folder, without asking.
            'browser.download.folderList': 2,
            'browser.download.dir': downloads,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            // Nothing but the test server: no update checks, captive-portal probes or telemetry.
            'app.update.enabled': false,
            'network.captive-portal-service.enabled': false,
            'network.connectivity-service.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
            'browser.safebrowsing.malware.enabled': false,
            'browser.safebrowsing.phishing.enabled': false,
          },
        },
      };
      return { url, capabilities, processes: [driver] };
    },
  },
  webkit: {
    name: 'WebKitGTK',
    async start(log, downloads) {
      // MiniBrowser has no headless mode (its --help lists none), so it gets a virtual display.
      const xvfb = await startXvfb(log);
      const port = await freePort();
      // MiniBrowser saves downloads, without asking, into the home folder: the session's own.
      const driver = launch('WebKitWebDriver', [`--port=${port}`], { env: { DISPLAY: xvfb.display, HOME: downloads }, log });
      const url = `http://127.0.0.1:${port}`;
      try {
        await driverReady(url, driver, log);
      } catch (e) {
        await stopProcess(driver);
        await stopProcess(xvfb.child);
        throw e;
      }
      const capabilities = {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
      };
      return { url, capabilities, processes: [driver, xvfb.child] };
    },
  },
};

/**
 * Starts `engine` ('firefox' or 'webkit') and opens a session; returns a Browser. The page-side
 * helpers of ../helpers.mjs (cgOne, cgAll, cgActive: they look through the widget's shadow root)
 * are defined before every script the tests run.
 */
export async function openBrowser(engine) {
  const spec = ENGINES[engine];
  const log = [];
  const downloads = await fs.promises.mkdtemp(path.join(os.tmpdir(), `calcinosis-guide-${engine}-`));
  const { url, capabilities, processes } = await spec.start(log, downloads);
  let driver;
  try {
    driver = await new Builder().usingServer(url).withCapabilities(capabilities).build();
    await driver.manage().setTimeouts({ script: WAIT, pageLoad: WAIT });
    await driver.manage().window().setRect({ width: WIDTH, height: HEIGHT }).catch(() => {});
  } catch (e) {
    for (const p of processes) await stopProcess(p);
    await fs.promises.rm(downloads, { recursive: true, force: true });
    throw new Error(`${spec.name}: no session: ${e.message}\n${log.join('')}`);
  }
  return new Browser(driver, spec.name, processes, log, downloads);
}

const PRELUDE = `(${shadowHelpers})();`;

export class Browser {
  constructor(driver, name, processes, log, downloads) {
    this.driver = driver;
    /** The folder this session's downloads land in (removed by quit()). */
    this.downloads = downloads;
    this.name = name;
    this.processes = processes;
    this.log = log;
  }

  async capabilities() {
    const caps = await this.driver.getCapabilities();
    return `${caps.get('browserName')} ${caps.get('browserVersion')}`;
  }

  async get(url) {
    await this.driver.get(url);
  }

  async reload() {
    await this.driver.navigate().refresh();
  }

  /** Runs `fn(...args)` in the page, with cgOne / cgAll / cgActive defined. */
  run(fn, ...args) {
    return this.driver.executeScript(`${PRELUDE}\nreturn (${fn}).apply(null, arguments);`, ...args);
  }

  /** Waits until `fn(...args)` in the page returns something truthy; returns it. */
  async until(what, fn, ...args) {
    let last;
    try {
      return await this.driver.wait(async () => {
        last = await this.run(fn, ...args);
        return last;
      }, WAIT);
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      throw new Error(`${this.name}: waited ${WAIT} ms for ${what}; last saw ${JSON.stringify(last)}`);
    }
  }

  /** Waits until `fn(...args)` in the page returns exactly `want` (compared as JSON). */
  async untilEqual(what, want, fn, ...args) {
    let last;
    try {
      await this.driver.wait(async () => {
        last = await this.run(fn, ...args);
        return JSON.stringify(last) === JSON.stringify(want);
      }, WAIT);
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      throw new Error(`${this.name}: waited ${WAIT} ms for ${what} to be ${JSON.stringify(want)}; it is ${JSON.stringify(last)}`);
    }
  }

  /** The widget's element matching `sel` (through the shadow root), once it is there and shown. */
  element(sel) {
    return this.until(`${sel} to be shown`, (s) => {
      const e = cgOne(s);
      return e && e.getClientRects().length > 0 ? e : null;
    }, sel);
  }

  /**
   * A shown button (or summary) in the widget whose text, without a leading "+ ", is `name`
   * (a string), or matches `name` (a RegExp).
   */
  button(name) {
    const want = name instanceof RegExp ? { re: name.source } : { is: name };
    return this.until(`a button ${name}`, (w) => cgAll('button, summary').find((b) => {
      const t = b.textContent.trim().replace(/^\+\s*/, '');
      return (w.re ? new RegExp(w.re).test(t) : t === w.is) && b.getClientRects().length > 0;
    }) ?? null, want);
  }

  /** Clicks with WebDriver's element click (real pointer input in the engine, not el.click()). */
  async click(sel) {
    await (await this.element(sel)).click();
  }

  async clickButton(name) {
    await (await this.button(name)).click();
  }

  /** The trimmed text of the widget's `sel`, or null. */
  text(sel) {
    return this.run((s) => cgOne(s)?.textContent.trim() ?? null, sel);
  }

  async quit() {
    try {
      await this.driver.quit();
    } finally {
      for (const p of this.processes) await stopProcess(p);
      await fs.promises.rm(this.downloads, { recursive: true, force: true });
    }
  }

  /**
   * Waits until a file whose name matches `pattern` is complete in the downloads folder (it
   * parses with `parse`); returns { name, text, value }.
   */
  async download(pattern, parse = JSON.parse) {
    let seen = [];
    try {
      return await this.driver.wait(async () => {
        seen = await fs.promises.readdir(this.downloads);
        for (const name of seen.filter((n) => pattern.test(n))) {
          const text = await fs.promises.readFile(path.join(this.downloads, name), 'utf8');
          try {
            return { name, text, value: parse(text) };
          } catch { /* still being written */ }
        }
        return null;
      }, WAIT);
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      throw new Error(`${this.name}: no download matching ${pattern} after ${WAIT} ms; the folder has ${JSON.stringify(seen)}`);
    }
  }
}
