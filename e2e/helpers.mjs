// Shared set-up for the end-to-end tests: the built dist/ served on 127.0.0.1 and Debian's
// headless Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs/promises';
import { serve } from './server.mjs';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const OUT = 'out';

export async function start({ headers } = {}) {
  const { server, url } = await serve({ root: 'dist', headers });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url,
    browser,
    async page({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.errors = errors;
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Waits until the widget has rendered its first step. */
export async function ready(page) {
  await page.locator('.cg-step-title').first().waitFor({ state: 'visible', timeout: 20000 });
}

/** Runs axe with the WCAG 2.2 AA rules; returns readable violation lines. */
export async function axe(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page, name) {
  await fs.mkdir(`${OUT}/screenshots`, { recursive: true });
  await page.screenshot({ path: `${OUT}/screenshots/${name}.png`, fullPage: true });
}

/** Presses Tab until the focused element matches `predicate`; fails after `max` presses. */
export async function tabTo(page, predicate, arg, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(predicate, arg);
    if (hit) return;
  }
  throw new Error(`Tab never reached the element after ${max} presses`);
}

/** Text of the focused element, looking through shadow roots. */
export function focusedText() {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el ? el.textContent.trim() : '';
}
