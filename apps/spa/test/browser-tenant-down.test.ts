// The SPA started alone, as `pnpm --filter ./apps/spa start` does, with no tenant running: the page says
// promptly what is wrong and how to fix it. The SPA and the tenant it names are on free ports: nothing
// listens at the tenant's until the test starts it there.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { findRepoRoot } from '@organizer/env';
import { findChromium } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, screenshot } from './e2e/browser.ts';
import { statusText } from './e2e/flows.ts';
import { freeStackPorts, type StackPorts } from './e2e/stack.ts';
import { spaDir, startVite, type ViteServer } from './e2e/vite-server.ts';

const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
// As the page shows it: `pnpm dev` in a <code> element.
const notAnswering = (tenant: string) => `The tenant at ${tenant} does not answer. Is pnpm dev running?`;

interface Part {
  stop(): Promise<void>;
}

/**
 * `pnpm --filter ./apps/local-tenant start`, as the page advises, at LOCAL_TENANT_URL and knowing the SPA's
 * SPA_ORIGIN (from `ports.env`); resolves once its discovery answers.
 */
async function startTenant(ports: StackPorts): Promise<Part> {
  const tenantOrigin = ports.urls.tenant;
  const env: NodeJS.ProcessEnv = { ...process.env, AUTH0_DOMAIN: '', ...ports.env };
  delete env.PORT;
  const child = spawn('pnpm', ['--silent', '--filter', './apps/local-tenant', 'start'], {
    cwd: findRepoRoot(),
    env,
    stdio: 'ignore',
    detached: true,
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    // pnpm starts the tenant's node through a shell: stop the whole process group.
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${tenantOrigin}/.well-known/openid-configuration`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the local tenant did not start at ${tenantOrigin}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stop };
}

describe.skipIf(!lookup.found && !inCi)('the SPA while the tenant is stopped', () => {
  let spa: ViteServer | undefined;
  let browser: Browser | undefined;
  let tenant: Part | undefined;
  // The SPA's origin and a tenant URL where nothing listens (yet); the services' ports stay unused.
  let ports: StackPorts;
  let spaUrl = '';
  let tenantUrl = '';

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    ports = await freeStackPorts();
    ({ spa: spaUrl, tenant: tenantUrl } = ports.urls);
    const answered = await fetch(`${tenantUrl}/.well-known/openid-configuration`).then(
      () => true,
      () => false,
    );
    if (answered) throw new Error(`Something answers at ${tenantUrl} (a free port a moment ago): run the test again.`);
    const spaPort = Number(new URL(spaUrl).port);
    spa = await startVite(
      'dev',
      { ...process.env, AUTH0_DOMAIN: '', AUTH0_CLIENT_ID: 'organizer-spa', AUTH0_AUDIENCE: 'organize', ...ports.env },
      { port: spaPort },
    );
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
      await page.goto(spaUrl);
      const notice = page.locator('#auth-message', { hasText: notAnswering(tenantUrl) });
      await notice.waitFor({ timeout: 5000 });
      const seconds = (performance.now() - started) / 1000;
      console.info(`stopped tenant reported after ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(5);
      expect(await notice.locator('code').first().textContent()).toBe('pnpm dev');
      expect(await statusText(page)).toBe('Not signed in.');
      expect(await page.getByTestId('session-check').textContent()).toContain(
        'tenant_unreachable (the tenant does not answer)',
      );
      await screenshot(page, `${spaDir}/test-results/states`, 'tenant-down');

      // "Log in" would only lead to the browser's own error page: the page checks first and explains instead.
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('#session-status', { hasText: 'Not signed in.' }).waitFor({ timeout: 5000 });
      expect(await notice.isVisible()).toBe(true);
      expect(navigations.filter((url) => url.startsWith(tenantUrl))).toEqual([]);
      expect(page.url()).toBe(`${spaUrl}/`);

      // The fix the page names works: with the tenant started, "Check session" reaches it and the notice goes.
      tenant = await startTenant(ports);
      await page.getByRole('button', { name: 'Check session' }).click();
      await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
      expect(await notice.count()).toBe(0);

      // Chromium logs each refused connection; nothing else may show up (no CSP violation, no exception).
      const unexpected = problems.filter(
        (line) => !(line.includes('net::ERR_CONNECTION_REFUSED') && line.includes(tenantUrl)),
      );
      expect(unexpected).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
