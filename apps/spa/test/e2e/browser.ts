import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// The flags these machines need for a headless Chromium: no sandbox (root in a container), no GPU, and no
// background traffic (the network only reaches the npm registry and Debian).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /**
   * Block third-party cookies, as Safari and Firefox do by default and Chrome does where the phase-out
   * applies: a cross-site iframe (the implicit flow's checkSession against a tenant on another site)
   * then gets no tenant cookie. Playwright has no context option for it; this Chromium switch pins it.
   */
  blockThirdPartyCookies?: boolean;
}

/** Playwright gives every launch a fresh, temporary user-data-dir, and every context fresh cookies. */
export function launchChromium(executablePath: string, options: LaunchOptions = {}): Promise<Browser> {
  const args = options.blockThirdPartyCookies ? [...ARGS, '--test-third-party-cookie-phaseout'] : ARGS;
  return chromium.launch({ executablePath, args, timeout: 30_000 });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, on any page of the context. */
  problems: string[];
  /** Every URL the top-level frame navigated to. */
  navigations: string[];
}

export interface TabOptions {
  /**
   * The services' origins (a stack's `urls.contacts` and `urls.calendar`): Chromium's own console line for a
   * 4xx answer from one of them is not counted as a problem.
   */
  apiOrigins?: readonly string[];
}

export async function openTab(browser: Browser, options: TabOptions = {}): Promise<Tab> {
  const apiOrigins = (options.apiOrigins ?? []).map((origin) => `${origin}/`);
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const navigations: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium itself logs every 4xx answer to fetch(). A 401 or 403 from a service is what the demo is
      // about (the page shows it as a readable result), so only those network lines are not counted.
      const text = message.text();
      const from = message.location().url;
      if (text.startsWith('Failed to load resource') && apiOrigins.some((origin) => from.startsWith(origin))) return;
      // A DPoP login's first token request meets the tenant's nonce challenge (400 use_dpop_nonce) and is
      // sent again with the nonce: Chromium logs that 400, the login goes on. A token request that really
      // fails shows on the page, which the tests read.
      if (text.includes('status of 400') && from.endsWith('/oauth/token')) return;
      problems.push(`console.error on ${page.url()}: ${text} (${from})`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  return { context, page, problems, navigations };
}

export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
