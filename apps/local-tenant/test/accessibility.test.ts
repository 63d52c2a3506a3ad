import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { findChromium } from '@organizer/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

const lookup = findChromium(process.env);
const chromiumPath = lookup.found ? lookup.path : undefined;
const inCi = process.env.CI === 'true';
if (!chromiumPath && !inCi) console.warn(`Tenant accessibility tests skipped: ${lookup.found ? '' : lookup.message}`);

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what axe-core checks by these tags. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

describe.skipIf(!chromiumPath && !inCi)('the tenant pages under axe-core (WCAG 2 A and AA)', () => {
  let tenant: LocalTenantUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let axeSource: string;
  let spa: Server | undefined;
  let spaOrigin: string;

  beforeAll(async () => {
    if (!chromiumPath) throw new Error(`CI=true and ${lookup.found ? '' : lookup.message}`);
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
    // The SPA's callback is a real page on a free port, registered with the tenant as SPA_ORIGIN: a route
    // in the browser would not see the redirect the consent form answers with.
    spa = createServer((_req, res) =>
      res.setHeader('content-type', 'text/html').end('<!doctype html><title>SPA</title>'),
    );
    spa.listen(0, '127.0.0.1');
    await once(spa, 'listening');
    spaOrigin = `http://localhost:${(spa.address() as AddressInfo).port}`;
    tenant = await startLocalTenant(undefined, { env: { SPA_ORIGIN: spaOrigin } });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      timeout: 20_000,
    });
    // The pages' CSP allows no script at all, so axe's own script gets in only with CSP bypassed (test only).
    context = await browser.newContext({ bypassCSP: true });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await tenant?.stop();
    spa?.close();
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
    await page.goto(authorizeUrl(tenant.issuer, { redirect_uri: spaOrigin }).href);
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
    await page.waitForURL((url) => url.origin === spaOrigin);
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
