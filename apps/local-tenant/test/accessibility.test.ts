import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, authorizeUrl, SPA_CALLBACK, startTestTenant, type TestTenant } from './helpers.ts';

/** Debian's Chromium, or the one CHROMIUM_PATH names; no browser is ever downloaded. */
function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

const chromiumPath = findChromium();
const inCi = process.env.CI === 'true';
if (!chromiumPath && !inCi)
  console.warn('Tenant accessibility tests skipped: no Chromium (apt-get install -y chromium, or set CHROMIUM_PATH).');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what axe-core checks by these tags. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

describe.skipIf(!chromiumPath && !inCi)('the tenant pages under axe-core (WCAG 2 A and AA)', () => {
  let tenant: TestTenant;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let axeSource: string;

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('CI=true and no Chromium: apt-get install -y chromium, or set CHROMIUM_PATH.');
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
    tenant = await startTestTenant();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      timeout: 20_000,
    });
    // The pages' CSP allows no script at all, so axe's own script gets in only with CSP bypassed (test only).
    context = await browser.newContext({ bypassCSP: true });
    context.setDefaultTimeout(10_000);
    // Nothing serves the SPA here: its callback answers with an empty page.
    await context.route(`${SPA_CALLBACK}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>SPA</title>' }),
    );
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await tenant?.stop();
  });

  async function violations(): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async (tags) => {
      // In the page: axe-core's global (this package's tsconfig has no DOM types).
      const { axe, document } = globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
        document: unknown;
      };
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    }, WCAG_TAGS);
    return found.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes.map((n) => `${JSON.stringify(n.target)} (${n.failureSummary ?? ''})`).join('; ')}`,
    );
  }

  it('the login page, before and after a wrong password, then the consent page, then the authorized apps page', async () => {
    await page.goto(authorizeUrl(tenant.issuer, {}).href);
    await page.getByLabel('Email').waitFor();
    expect(await page.title()).toMatch(/Organizer local tenant/);
    expect(await violations(), 'login page').toEqual([]);

    await page.getByLabel('Email').fill(ALICE.email);
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.error').waitFor();
    expect(await violations(), 'login page with its error').toEqual([]);

    await page.getByLabel('Email').fill(ALICE.email);
    await page.getByLabel('Password').fill(ALICE.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    expect(await page.content()).toContain('Read your contacts');
    expect(await violations(), 'consent page').toEqual([]);

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL((url) => url.origin === new URL(SPA_CALLBACK).origin);
    await page.goto(new URL('consent', tenant.issuer).href);
    await page.getByRole('heading').first().waitFor();
    expect(await violations(), 'authorized apps page').toEqual([]);
  });

  it('the error page for an unregistered redirect_uri', async () => {
    const response = await page.goto(authorizeUrl(tenant.issuer, { redirect_uri: 'https://evil.example/' }).href);
    expect(response?.status()).toBe(400);
    expect(await violations(), 'error page').toEqual([]);
  });
});
