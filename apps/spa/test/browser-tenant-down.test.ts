// The SPA started alone, as `pnpm --filter ./apps/spa start` does, with no tenant running: the page says
// promptly what is wrong and how to fix it. Uses the SPA's fixed port 3000 and needs 4000 free.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { findRepoRoot } from '@organizer/env';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, screenshot, SPA_URL, TENANT_ORIGIN } from './e2e/browser.ts';
import { findChromium } from './e2e/find-browser.ts';
import { statusText } from './e2e/flows.ts';
import { spaDir, startVite, type ViteServer } from './e2e/vite-server.ts';

const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
// As the page shows it: `pnpm dev` in a <code> element.
const NOT_ANSWERING = 'The tenant at http://localhost:4000 does not answer. Is pnpm dev running?';

interface Part {
  stop(): Promise<void>;
}

/** `pnpm --filter ./apps/local-tenant start`, as the page advises; resolves once its discovery answers. */
async function startTenant(): Promise<Part> {
  const env: NodeJS.ProcessEnv = { ...process.env, AUTH0_DOMAIN: '' };
  delete env.PORT;
  const child = spawn('pnpm', ['--silent', '--filter', './apps/local-tenant', 'start'], { cwd: findRepoRoot(), env, stdio: 'ignore', detached: true });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    // pnpm starts tsx, which starts node: stop the whole process group.
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${TENANT_ORIGIN}/.well-known/openid-configuration`).then((response) => response.ok, () => false))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the local tenant did not start at ${TENANT_ORIGIN}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stop };
}

describe.skipIf(!lookup.found && !inCi)('the SPA while the tenant is stopped', () => {
  let spa: ViteServer | undefined;
  let browser: Browser | undefined;
  let tenant: Part | undefined;

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    const answered = await fetch(`${TENANT_ORIGIN}/.well-known/openid-configuration`).then(() => true, () => false);
    if (answered) throw new Error(`Something answers at ${TENANT_ORIGIN}: stop it (or run the tests under the ports lock) to test a stopped tenant.`);
    spa = await startVite('dev', { ...process.env, AUTH0_DOMAIN: '', AUTH0_CLIENT_ID: 'organizer-spa', AUTH0_AUDIENCE: 'organize' });
    browser = await launchChromium(lookup.path);
  });

  afterAll(async () => {
    await browser?.close();
    await spa?.stop();
    await tenant?.stop();
  });

  it('says within seconds that the tenant does not answer and how to start it; "Log in" stays on the page; starting it clears the notice', async () => {
    if (!browser) throw new Error('browser not started');
    const { page, problems, navigations, context } = await openTab(browser);
    try {
      const started = performance.now();
      await page.goto(SPA_URL);
      const notice = page.locator('#auth-message', { hasText: NOT_ANSWERING });
      await notice.waitFor({ timeout: 5000 });
      const seconds = (performance.now() - started) / 1000;
      console.info(`stopped tenant reported after ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(5);
      expect(await notice.locator('code').first().textContent()).toBe('pnpm dev');
      expect(await statusText(page)).toBe('Not signed in.');
      expect(await page.getByTestId('session-check').textContent()).toContain('tenant_unreachable (the tenant does not answer)');
      await screenshot(page, `${spaDir}/test-results/states`, 'tenant-down');

      // "Log in" would only lead to the browser's own error page: the page checks first and explains instead.
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('#session-status', { hasText: 'Not signed in.' }).waitFor({ timeout: 5000 });
      expect(await notice.isVisible()).toBe(true);
      expect(navigations.filter((url) => url.startsWith(TENANT_ORIGIN))).toEqual([]);
      expect(page.url()).toBe(`${SPA_URL}/`);

      // The fix the page names works: with the tenant started, "Check session" reaches it and the notice goes.
      tenant = await startTenant();
      await page.getByRole('button', { name: 'Check session' }).click();
      await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
      expect(await notice.count()).toBe(0);

      // Chromium logs each refused connection; nothing else may show up (no CSP violation, no exception).
      const unexpected = problems.filter((line) => !(line.includes('net::ERR_CONNECTION_REFUSED') && line.includes(TENANT_ORIGIN)));
      expect(unexpected).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
