// Shared set-up for the end-to-end tests: serves www/ on a free loopback
// port and launches Debian's Chromium through playwright-core (never a
// downloaded browser).
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function start() {
  const server = await serve(`${ROOT}/www`, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    base,
    browser,
    async page() {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
      page.errors = errors;
      await page.goto(base);
      await page.waitForSelector('body[data-ready="true"]');
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}
