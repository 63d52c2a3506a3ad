// A bad setting shows up on the page, not as a blank screen. Runs its own Vite on a free port (no stack needed).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, screenshot } from './e2e/browser.ts';
import { findChromium } from './e2e/find-browser.ts';

const spaDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe.skipIf(!lookup.found && !inCi)('the SPA with a bad configuration', () => {
  let vite: ChildProcess | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    const port = await freePort();
    url = `http://localhost:${port}/`;
    vite = spawn(process.execPath, [viteBin, '--configLoader', 'runner', '--port', String(port)], {
      cwd: spaDir,
      env: { ...process.env, AUTH0_DOMAIN: 'https://acme.eu.auth0.com/' },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (!(await fetch(url).then((response) => response.ok, () => false))) {
      if (Date.now() > deadline || vite.exitCode !== null) throw new Error(`Vite did not serve ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    browser = await launchChromium(lookup.path);
  });

  afterAll(async () => {
    await browser?.close();
    if (vite && vite.exitCode === null) {
      vite.kill('SIGTERM');
      await once(vite, 'exit');
    }
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
