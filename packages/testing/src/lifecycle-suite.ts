import { once } from 'node:events';
import { Agent, type IncomingMessage, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForReady } from './readiness-probe.ts';
import { type RunningService, startService } from './service-process.ts';
import { TestTenant } from './test-tenant.ts';

export interface LifecycleSuite {
  /** Its name, in its log lines (contacts). */
  service: string;
  /** The service's folder (its src/index.ts is what `start` runs). */
  appDir: string;
  /** Its protected route, e.g. /api/contacts. */
  route: string;
  /** The scope GET on that route requires, and the one POST requires. */
  readScope: string;
  writeScope: string;
  /** A valid body for POST on the route (answered 201). */
  newItem: Record<string, unknown>;
  /** Variables every start gets besides PORT and ISSUER_BASE_URL (such as a scratch DATA_DIR). */
  env?: Record<string, string>;
}

/** The JSON lines a service wrote (its human-readable start-up lines left out). */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The graceful stop and the request log of a service's entry file, as real processes: one suite, run by
 * each service's own test file (readiness before the tenant is up: start-command-suite.ts).
 */
export function describeServiceLifecycle(s: LifecycleSuite): void {
  const running: RunningService[] = [];
  const tenants: TestTenant[] = [];
  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await Promise.all(tenants.map((tenant) => tenant.close()));
  });
  const start = async (issuer: string) => {
    const service = await startService(s.appDir, { ...s.env, PORT: '0', ISSUER_BASE_URL: issuer });
    running.push(service);
    return service;
  };

  describe('SIGTERM', () => {
    it('lets a request in flight finish with its normal answer, refuses new connections, exits 0', async () => {
      const tenant = await TestTenant.start();
      tenants.push(tenant);
      const service = await start(tenant.issuer);
      expect(await waitForReady(service.url, 10_000)).toBe(200);
      // An idle keep-alive connection must not hold the stop up.
      const keepAlive = new Agent({ keepAlive: true });
      const idle = await new Promise<IncomingMessage>((resolve) =>
        request(`${service.url}/health`, { agent: keepAlive }, resolve).end(),
      );
      idle.resume();
      await once(idle, 'end');

      // A POST whose body arrives slowly: its token is checked at once, then the body parser waits.
      const body = JSON.stringify(s.newItem);
      const token = await tenant.mint({ sub: 'auth0|in-flight', scope: `${s.readScope} ${s.writeScope}` });
      const post = request(`${service.url}${s.route}`, {
        method: 'POST',
        agent: false,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        post.once('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        post.once('error', reject);
      });
      // Awaited below; until then a cut connection must fail this test, not surface as an unhandled error.
      answered.catch(() => {});
      post.write(body.slice(0, 5));
      await new Promise((resolve) => setTimeout(resolve, 300));

      const exited = once(service.child, 'exit') as Promise<[number | null]>;
      const signalled = performance.now();
      service.child.kill('SIGTERM');
      await service.waitForOutput(/"msg":"stopping/, 5_000);
      const refused = await fetch(`${service.url}/health`).then(
        () => 'answered',
        (err: unknown) => String((err as { cause?: { code?: unknown } }).cause?.code),
      );
      expect(refused).toBe('ECONNREFUSED');
      expect(service.child.exitCode).toBeNull();

      await new Promise((resolve) => setTimeout(resolve, 500));
      post.end(body.slice(5));
      const { status, text } = await answered;
      expect(status).toBe(201);
      expect(JSON.parse(text)).toMatchObject({ id: expect.any(String) });
      const [code] = await exited;
      const exitMs = performance.now() - signalled;
      keepAlive.destroy();
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      const stopped = jsonLines(service.output()).find((line) => line.msg === 'stopped');
      expect(stopped).toMatchObject({ level: 'info', service: s.service, code: 0 });
      console.info(
        `[${s.service}] SIGTERM to exit 0, the request in flight finishing its body ~500 ms after the signal: ${Math.round(exitMs)} ms`,
      );
    }, 40_000);
  });

  describe('the log', () => {
    it('is one JSON line per request with its fields, never the token or the body', async () => {
      const tenant = await TestTenant.start();
      tenants.push(tenant);
      const service = await start(tenant.issuer);
      expect(await waitForReady(service.url, 10_000)).toBe(200);
      const token = await tenant.mint({ sub: 'auth0|logged-process', scope: `${s.readScope} ${s.writeScope}` });
      const marker = 'body-text-that-must-stay-out-of-the-log';
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const from = jsonLines(service.output()).length;
      // The token once more in the query, where it is a bad cursor (400): the log keeps neither.
      expect((await fetch(`${service.url}${s.route}?limit=2&cursor=${token}`, { headers })).status).toBe(400);
      const created = await fetch(`${service.url}${s.route}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...s.newItem, note: marker }),
      });
      expect([201, 400]).toContain(created.status);
      expect((await fetch(`${service.url}${s.route}`, { headers: { Authorization: `Bearer ${token}x` } })).status).toBe(
        401,
      );
      await service.stop();

      // The line of waitForReady's last /ready can reach the output after `from` was counted (the service
      // logs when its answer is finished, the child's stdout arrives on its own), so it is left out by path.
      const requests = jsonLines(service.output())
        .slice(from)
        .filter((line) => line.msg === 'request' && line.path !== '/ready');
      const line = {
        level: 'info',
        time: expect.any(String),
        service: s.service,
        path: s.route,
        durationMs: expect.any(Number),
        msg: 'request',
      };
      expect(requests).toEqual([
        { ...line, method: 'GET', status: 400, sub: 'auth0|logged-process' },
        { ...line, method: 'POST', status: created.status, sub: 'auth0|logged-process' },
        { ...line, method: 'GET', status: 401, sub: null },
      ]);
      const output = service.output();
      for (const part of [token, ...token.split('.')]) expect(output).not.toContain(part);
      expect(output).not.toContain(marker);
      expect(output.toLowerCase()).not.toContain('authorization');
      console.info(`[${s.service}] a request line: ${JSON.stringify(requests[0])}`);
    }, 40_000);
  });
}
