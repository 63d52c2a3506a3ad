// A bad setting shows up on the page, not as a blank screen. Runs its own Vite on a free port (no stack needed).
import { join } from 'node:path';
import { findChromium, freePort } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, screenshot } from './e2e/browser.ts';
import { spaDir, startVite, type ViteServer } from './e2e/vite-server.ts';

const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';

describe.skipIf(!lookup.found && !inCi)('the SPA with a bad configuration', () => {
  let vite: ViteServer | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    vite = await startVite(
      'dev',
      { ...process.env, AUTH0_DOMAIN: 'https://acme.eu.auth0.com/' },
      { port: await freePort() },
    );
    url = vite.url;
    browser = await launchChromium(lookup.path);
  });

  afterAll(async () => {
    await browser?.close();
    await vite?.stop();
  });

  it('names the variable, the problem and the fix, and disables the buttons', async () => {
    if (!browser) throw new Error('browser not started');
    const { page, problems, context } = await openTab(browser);
    try {
      await page.goto(url);
      const box = page.getByRole('alert').filter({ hasText: 'not configured correctly' });
      await box.waitFor();
      const text = (await box.textContent()) ?? '';
      expect(text).toContain('AUTH0_DOMAIN');
      expect(text).toContain('without a scheme');
      expect(text).toContain('your-tenant.eu.auth0.com');
      expect(await page.getByRole('button', { name: 'Log in' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Call Contacts API' }).isDisabled()).toBe(true);
      await screenshot(page, join(spaDir, 'test-results', 'states'), 'config-error');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
