import { afterAll, describe, expect, it } from 'vitest';
import { NOT_READY, waitForReady } from './readiness-probe.ts';
import { failedStart, type RunningService, startService } from './service-process.ts';
import { TestTenant, unreachableIssuer } from './test-tenant.ts';

export interface StartCommandSuite {
  /** Its name, starting its log lines (contacts). */
  service: string;
  /** The service's folder (its src/index.ts is what `start` runs). */
  appDir: string;
  /** Its protected route, e.g. /api/contacts. */
  route: string;
  /** The scope that route requires. */
  scope: string;
  /** Variables every start gets besides PORT and ISSUER_BASE_URL (such as a scratch DATA_DIR). */
  env?: Record<string, string>;
}

/**
 * The start command's behaviour every service shares: keys fetched at start, starting before the tenant
 * (health, readiness, the notice and the recovery), a bad variable refused. One suite, run by each service's own test file against its own entry file.
 */
export function describeStartCommand({ service: name, appDir, route, scope, env = {} }: StartCommandSuite): void {
  const running: RunningService[] = [];
  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
  });

  describe('the start command (src/index.ts)', () => {
    it("fetches the tenant's keys at start, so the first call fetches nothing", async () => {
      const tenant = await TestTenant.start();
      try {
        const service = await startService(appDir, { ...env, PORT: '0', ISSUER_BASE_URL: tenant.issuer });
        running.push(service);
        for (let i = 0; i < 100 && tenant.jwksFetches === 0; i++)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
        const res = await fetch(`${service.url}${route}`, {
          headers: { Authorization: `Bearer ${await tenant.mint({ scope })}` },
        });
        expect(res.status).toBe(200);
        expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
      } finally {
        await tenant.close();
      }
    }, 30_000);

    // One process for the whole story of a service started before its tenant: each step waits on the last.
    it('started before its tenant: /health 200, /ready and a token 503 at once, one notice, then ready', async () => {
      const issuer = await unreachableIssuer();
      const service = await startService(appDir, { ...env, PORT: '0', ISSUER_BASE_URL: issuer });
      running.push(service);
      const listening = Date.now();
      // Watched from the start, so that the steps below do not count towards when the notice came.
      const noticed = service.waitForOutput(/cannot reach the tenant/, 10_000).then(() => Date.now());
      noticed.catch(() => undefined); // awaited below; a failure before then must not also surface unhandled
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
      const notReady = await fetch(`${service.url}/ready`);
      expect(notReady.status).toBe(503);
      expect(notReady.headers.get('retry-after')).toBe('5');
      expect(notReady.headers.get('cache-control')).toBe('no-store');
      expect(await notReady.json()).toEqual(NOT_READY.keys);

      // A well-formed token from a tenant that is down: nothing can check it, so no 200 and no hang.
      const stranger = await TestTenant.start();
      const token = await stranger.mint({ iss: issuer, scope });
      await stranger.close();
      const asked = Date.now();
      const refused = await fetch(`${service.url}${route}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(refused.status).toBe(503);
      expect(Date.now() - asked).toBeLessThan(3500);
      expect(await refused.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) });
      expect(service.child.exitCode).toBeNull();

      const unreachable = `${name}: cannot reach the tenant at ${issuer} (connection refused); start it with \`pnpm dev\` or set ISSUER_BASE_URL. Requests will answer 503 until it is reachable.`;
      // Quiet for the first 3 s (a tenant started beside it is normally up by then), then at once.
      expect((await noticed) - listening).toBeLessThan(7000);
      expect(service.output()).toContain(`${unreachable}\n`);

      const tenant = await TestTenant.start({ port: Number(new URL(issuer).port) });
      try {
        const upAt = Date.now();
        expect(await waitForReady(service.url, 10_000)).toBe(200);
        const readyAfterMs = Date.now() - upAt;
        const probeStarted = performance.now();
        const ready = await fetch(`${service.url}/ready`);
        const probeMs = performance.now() - probeStarted;
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ status: 'ready' });
        console.info(
          `[${name}] /ready turned 200 ${readyAfterMs} ms after the tenant came up; one ready probe: ${probeMs.toFixed(1)} ms`,
        );
        await service.waitForOutput(/is reachable now/, 10_000);
        expect(service.output()).toContain(`${name}: the tenant at ${issuer} is reachable now; its keys are loaded.\n`);
        expect(service.output().split('cannot reach the tenant').length - 1).toBe(1);
        const res = await fetch(`${service.url}${route}`, {
          headers: { Authorization: `Bearer ${await tenant.mint({ iss: issuer, scope })}` },
        });
        expect(res.status).toBe(200);
      } finally {
        await tenant.close();
      }
    }, 40_000);

    it('refuses a bad variable with its message, no stack, exit status 1', async () => {
      const { code, stderr } = await failedStart(appDir, { ...env, PORT: '0', ISSUER_BASE_URL: 'tenant.example.com' });
      expect(code).toBe(1);
      expect(stderr).toContain('ISSUER_BASE_URL');
      expect(stderr).not.toMatch(/\n\s+at /);
    }, 30_000);
  });
}
