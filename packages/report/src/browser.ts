import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium for the browser tests and the bench: Debian's `chromium` package (no browser
 * download), or any Chromium/Chrome named by CHROMIUM_PATH. Flags as this machine kind needs them:
 * no sandbox as root, and no background networking (the closed network refuses it).
 */
export const CHROMIUM_ENV = 'CHROMIUM_PATH';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export class BrowserMissingError extends Error {
  constructor(path: string) {
    super(
      `no Chromium executable at ${path}: install Debian's package (apt-get install -y chromium) or point ${CHROMIUM_ENV} at a Chromium or Chrome executable`,
    );
    this.name = 'BrowserMissingError';
  }
}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env[CHROMIUM_ENV] || DEFAULT_CHROMIUM;
  if (!existsSync(path)) throw new BrowserMissingError(path);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Set by the client once a view is drawn (page code as a string: this package compiles without the DOM types). */
const READY = "document.body.dataset.ready === 'true'";

/** What a page did: console errors, uncaught exceptions, and every request not to file: or data:. */
export interface PageLog {
  errors: string[];
  foreignRequests: string[];
}

export async function openReport(browser: Browser, indexHtml: string, hash = '', viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport });
  const log: PageLog = { errors: [], foreignRequests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) log.foreignRequests.push(r.url());
  });
  await page.goto(`${pathToFileURL(indexHtml).href}${hash}`, { timeout: 120_000 });
  await page.waitForFunction(READY, undefined, { timeout: 120_000 });
  return { page, log };
}

/** Navigates inside the report and waits until the new view is drawn. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`document.body.dataset.ready = 'false'; location.hash = ${JSON.stringify(hash)};`);
  await page.waitForFunction(READY, undefined, { timeout: 120_000 });
}
