// The same routes and rules on PostgreSQL (DATABASE_URL), in a throw-away server started by the workspace's test
// support (@organizer/testing), so every package starts PostgreSQL the same way (and skips or fails alike without it).
import {
  expectStoreNotReady,
  findPostgres,
  type PostgresCluster,
  startPostgres,
  urlOf,
  waitForReady,
} from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeCalendarRoutes, type Running, slot, startCalendar, stopCalendar } from './support/calendar-suite.ts';

const postgres = findPostgres();

if (postgres.bin === undefined) {
  if (postgres.required) {
    test('PostgreSQL is installed (CI runs the calendar service on it)', () => {
      throw new Error(postgres.missing);
    });
  } else {
    console.warn(`\n[calendar] SKIPPING the PostgreSQL tests: ${postgres.missing}\n`);
    test.skip(`PostgreSQL tests: ${postgres.missing}`, () => {});
  }
} else {
  const bin = postgres.bin;
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres(bin);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  const target = () => ({ dataDir: '/nonexistent/unused-with-postgres', databaseUrl: cluster.url() });

  describeCalendarRoutes('PostgreSQL', target);

  // Last: it stops the server the other tests use.
  describe('PostgreSQL: when the server goes away', () => {
    let s: Running;
    beforeAll(async () => {
      s = await startCalendar(target());
    });
    afterAll(() => stopCalendar(s));

    test('reads and writes answer 503 with Retry-After and no driver text, and the service keeps running', async () => {
      const alice = s.user('alice');
      expect(
        (
          await request(s.server)
            .get('/api/calendar')
            .set('Authorization', await s.bearer(alice))
        ).status,
      ).toBe(200);
      expect(await waitForReady(urlOf(s.server), 10_000)).toBe(200);
      await cluster.stop();
      const read = await request(s.server)
        .get('/api/calendar')
        .set('Authorization', await s.bearer(alice));
      const write = await request(s.server)
        .post('/api/calendar')
        .set('Authorization', await s.bearer(alice))
        .send(slot('Lunch', 2));
      for (const res of [read, write]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({
          error: 'temporarily_unavailable',
          error_description: 'The calendar database cannot be reached; try again shortly',
        });
      }
      expect((await request(s.server).get('/health')).status).toBe(200);
    });

    test('turns GET /ready into 503 naming the store, within its 1 s ping limit', async () => {
      // The server was stopped by the test above; readiness asks the store on every probe.
      const probeMs = await expectStoreNotReady(urlOf(s.server));
      console.info(`[calendar] /ready with PostgreSQL stopped: ${probeMs.toFixed(1)} ms`);
    });
  });
}
