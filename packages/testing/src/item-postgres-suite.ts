import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { describeItemDpop } from './item-dpop-suite.ts';
import { describeItemLimits } from './item-limits-suite.ts';
import { describeItemRoutes } from './item-routes-suite.ts';
import { type ItemServiceSpec, type SuiteStore, useItemService } from './item-service.ts';
import { usePostgres } from './postgres-cluster.ts';
import { expectStoreNotReady, urlOf, waitForReady } from './readiness-probe.ts';

/**
 * An item service's routes on PostgreSQL (DATABASE_URL) in a throw-away server, then what happens when that
 * server goes away. Without PostgreSQL it is skipped, or fails where it is required (CI).
 */
export function describeItemServiceOnPostgres<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
): void {
  const cluster = usePostgres(spec.service, `the ${spec.service} service`);
  if (cluster === undefined) return;
  const target = () => ({ dataDir: '/nonexistent/unused-with-postgres', databaseUrl: cluster().url() });

  describeItemRoutes(spec, 'PostgreSQL', target);
  describeItemLimits(spec, 'PostgreSQL', target, { fullList: false });
  describeItemDpop(spec, 'PostgreSQL', target);

  // Last: it stops the server the other tests use.
  describe('PostgreSQL: when the server goes away', () => {
    const route = `/api/${spec.service}`;
    const s = useItemService(spec, target);

    test('reads and writes answer 503 with Retry-After and no driver text, and the service keeps running', async () => {
      const auth = await s().bearer(s().user('alice'));
      expect((await request(s().server).get(route).set('Authorization', auth)).status).toBe(200);
      expect(await waitForReady(urlOf(s().server), 10_000)).toBe(200);
      await cluster().stop();
      const read = await request(s().server).get(route).set('Authorization', auth);
      const write = await request(s().server).post(route).set('Authorization', auth).send(spec.sample(0).body);
      for (const res of [read, write]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({
          error: 'temporarily_unavailable',
          error_description: `The ${spec.service} database cannot be reached; try again shortly`,
        });
      }
      expect((await request(s().server).get('/health')).status).toBe(200);
    });

    test('turns GET /ready into 503 naming the store, within its 1 s ping limit', async () => {
      // The server was stopped by the test above; readiness asks the store on every probe.
      const probeMs = await expectStoreNotReady(urlOf(s().server));
      console.info(`[${spec.service}] /ready with PostgreSQL stopped: ${probeMs.toFixed(1)} ms`);
    });
  });
}
