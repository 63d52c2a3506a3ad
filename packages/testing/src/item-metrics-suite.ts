import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  type DataTarget,
  type ItemServiceSpec,
  type SuiteStore,
  startItemService,
  stopItemService,
  useItemService,
} from './item-service.ts';

/** The value of one series in Prometheus's text format, or undefined when it is not there. */
function series(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * GET /metrics of an item service: open, Prometheus's text format, requests by declared route and status,
 * refusals by reason and permission, the token cache, the tenant fetches and the process metrics, and
 * nothing of a caller's token, `sub` or path as sent.
 */
export function describeItemMetrics<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  target: () => DataTarget,
): void {
  const route = `/api/${spec.service}`;
  const s = useItemService(spec, target);

  describe('GET /metrics', () => {
    it('counts requests, refusals, cache lookups and tenant fetches, without a token, a sub or a sent path', async () => {
      const sub = s().user('metrics');
      const auth = await s().bearer(sub);
      const server = s().server;
      // The cache keeps a token once it has been verified twice: the third read is a hit.
      for (let i = 0; i < 3; i++)
        expect((await request(server).get(route).set('Authorization', auth)).status).toBe(200);
      const expired = await s().tenant.mint({ sub, scope: spec.read, exp: Math.floor(Date.now() / 1000) - 60 });
      expect((await request(server).get(route).set('Authorization', `Bearer ${expired}`)).status).toBe(401);
      expect((await request(server).get(route).set('Authorization', 'Bearer not.a.jwt')).status).toBe(401);
      const readOnly = await s().bearer(sub, spec.read);
      const refused = await request(server).post(route).set('Authorization', readOnly).send(spec.sample(0).body);
      expect(refused.status).toBe(403);
      const secretPath = `/api/${spec.service}-secret-path-${sub}`;
      expect((await request(server).get(secretPath)).status).toBe(404);

      const scrape = await request(server).get('/metrics');
      expect(scrape.status).toBe(200);
      expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = scrape.text;
      const labels = `service="${spec.service}"`;
      expect(text).toContain(labels);
      expect(series(text, 'http_requests_total', { method: 'GET', route, status: '200' })).toBe(3);
      expect(series(text, 'http_requests_total', { method: 'GET', route, status: '401' })).toBe(2);
      expect(series(text, 'http_requests_total', { method: 'POST', route, status: '403' })).toBe(1);
      expect(series(text, 'http_requests_total', { method: 'GET', route: '(no route)', status: '404' })).toBe(1);
      expect(series(text, 'http_request_duration_seconds_count', { method: 'GET', route, status: '200' })).toBe(3);
      expect(series(text, 'auth_refused_total', { reason: 'token_expired' })).toBe(1);
      expect(series(text, 'auth_refused_total', { reason: 'invalid_token' })).toBe(1);
      expect(series(text, 'auth_refused_total', { reason: 'insufficient_scope', permission: spec.write })).toBe(1);
      expect(series(text, 'auth_token_cache_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
      expect(series(text, 'auth_token_cache_total', { result: 'miss' })).toBeGreaterThanOrEqual(3);
      expect(series(text, 'auth_tenant_fetches_total', { what: 'discovery' })).toBe(1);
      expect(series(text, 'auth_tenant_fetches_total', { what: 'jwks' })).toBe(1);
      expect(series(text, 'store_errors_total', {})).toBe(0);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
      for (const secret of [sub, auth.slice(7), expired, 'secret-path']) expect(text).not.toContain(secret);
    });

    it('METRICS=off: no /metrics (404, as any unknown route) and the routes answer as before', async () => {
      const unmetered = await startItemService(spec, target(), s().tenant, { METRICS: 'off' });
      try {
        const missing = await request(unmetered.server).get('/metrics');
        expect(missing.status).toBe(404);
        expect(missing.body).toEqual({ error: 'not_found', error_description: expect.any(String) });
        const auth = await unmetered.bearer(unmetered.user('unmetered'));
        expect((await request(unmetered.server).get(route).set('Authorization', auth)).status).toBe(200);
        expect((await request(unmetered.server).get(route)).status).toBe(401);
      } finally {
        await stopItemService(unmetered);
      }
    });
  });
}
