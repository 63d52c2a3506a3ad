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

type Item = Record<string, unknown> & { id: string };
/** A small cap, so that the tests can reach it. */
const MAX = 12;

/**
 * How big an item service lets one user's data get and its answers be: lists come a page at a time, a
 * user's items stop at MAX_ITEMS_PER_USER even when instances sharing the database race, and (with
 * `fullList`, on one store: the page is built the same on both) reading a full list does not hold up the
 * instance's other requests.
 */
export function describeItemLimits<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  label: string,
  target: () => DataTarget,
  { fullList = true }: { fullList?: boolean } = {},
): void {
  const route = `/api/${spec.service}`;
  const s = useItemService(spec, target, { MAX_ITEMS_PER_USER: String(MAX) });
  const get = async (sub: string, query = '') =>
    request(s().server)
      .get(`${route}${query}`)
      .set('Authorization', await s().bearer(sub));
  const add = async (sub: string, n: number, server = s().server) =>
    request(server)
      .post(route)
      .set('Authorization', await s().bearer(sub))
      .send(spec.sample(n).body);

  describe(`${label}: pages of ${route}`, () => {
    it('follows next_cursor from page to page: every item once, in the list order, and null after the last', async () => {
      const sub = s().user('pager');
      for (let n = 0; n < MAX - spec.demoCount; n++) expect((await add(sub, n)).status).toBe(201);
      const whole = (await get(sub, '?limit=100')).body[spec.items] as Item[];
      expect(whole).toHaveLength(MAX);
      const seen: Item[] = [];
      let query = '?limit=5';
      for (let pages = 1; ; pages++) {
        const res = await get(sub, query);
        expect(res.status).toBe(200);
        seen.push(...res.body[spec.items]);
        if (res.body.next_cursor === null) {
          expect(pages).toBe(Math.ceil(MAX / 5));
          break;
        }
        expect(res.body.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        query = `?limit=5&cursor=${res.body.next_cursor}`;
      }
      expect(seen).toEqual(whole);
    });

    it('gives 50 by default and 100 at most, and refuses any other limit, cursor or parameter with 400', async () => {
      const sub = s().user('rules');
      const first = await get(sub);
      expect(first.body[spec.items]).toHaveLength(spec.demoCount);
      expect(first.body.next_cursor).toBeNull();
      const limit = 'limit must be a whole number from 1 to 100';
      const cursor = 'cursor must be the next_cursor of a previous page, as it was given';
      for (const [query, description] of [
        ['?limit=0', limit],
        ['?limit=101', limit],
        ['?limit=ten', limit],
        ['?limit=5.5', limit],
        ['?limit=1&limit=2', limit],
        ['?cursor=not-a-cursor', cursor],
        [`?cursor=${Buffer.from('["x"]').toString('base64url')}`, cursor],
        [`?cursor=${Buffer.from('["2030","x"]').toString('base64')}=`, cursor],
        ['?page=2', 'The list takes only limit and cursor, not: page'],
      ] as const) {
        const res = await get(sub, query);
        expect(res.status, query).toBe(400);
        expect(res.body, query).toEqual({ error: 'invalid_request', error_description: description });
      }
    });
  });

  describe(`${label}: at most ${MAX} items per user (MAX_ITEMS_PER_USER)`, () => {
    it('answers 409 too_many_items past the limit, adding nothing; a delete makes room again', async () => {
      const sub = s().user('full');
      for (let n = 0; n < MAX - spec.demoCount; n++) expect((await add(sub, n)).status).toBe(201);
      const refused = await add(sub, 99);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({
        error: 'too_many_items',
        error_description: `You have ${MAX} ${spec.items}, the most one user may keep: delete some to add more`,
      });
      const items = (await get(sub, '?limit=100')).body[spec.items] as Item[];
      expect(items).toHaveLength(MAX);
      const gone = await request(s().server)
        .delete(`${route}/${items[0]?.id}`)
        .set('Authorization', await s().bearer(sub));
      expect(gone.status).toBe(204);
      expect((await add(sub, 100)).status).toBe(201);
      expect((await add(sub, 101)).status).toBe(409);
    });

    it('holds when two instances on one database race: 30 creates at once, exactly enough of them kept', async () => {
      const other = await startItemService(spec, target(), s().tenant, { MAX_ITEMS_PER_USER: String(MAX) });
      try {
        const sub = s().user('racer');
        expect((await get(sub)).status).toBe(200);
        const servers = [s().server, other.server];
        const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => add(sub, n, servers[n % 2])));
        const statuses = answers.map((res) => res.status);
        expect(statuses.filter((status) => status === 201)).toHaveLength(MAX - spec.demoCount);
        expect(statuses.filter((status) => status === 409)).toHaveLength(30 - (MAX - spec.demoCount));
        const rows = await s().store.db.selectFrom(spec.items).select('id').where('owner', '=', sub).execute();
        expect(rows).toHaveLength(MAX);
      } finally {
        await stopItemService(other);
      }
    });
  });

  describe.runIf(fullList)(`${label}: a long list does not hold up the instance`, () => {
    // A list longer than the largest page: a page of it costs the same however long the list is (keyset
    // paging reads one row more than the page), so 120 items stand for the 1000 a user may keep.
    const big = useItemService(spec, target);
    it('20 parallel reads of a long list come a page each, costing about what reads of a short one do', async () => {
      const sub = big().user('heavy');
      const auth = await big().bearer(sub);
      const post = (n: number) =>
        request(big().server).post(route).set('Authorization', auth).send(spec.sample(n).body);
      for (let n = 0; n < 120; n += 40) {
        const batch = await Promise.all(Array.from({ length: 40 }, (_, i) => post(n + i)));
        for (const res of batch) expect(res.status).toBe(201);
      }
      // Twenty reads at once and /health after them (a supertest request leaves when it is awaited). What
      // /health waits behind is their CPU time, which is compared with twenty reads of a new user's short
      // list: wall times here depend on whatever else the machine runs (other test files).
      const burst = async (who: string) => {
        const bearer = await big().bearer(who);
        const cpu = process.cpuUsage();
        const started = performance.now();
        const reads = Array.from({ length: 20 }, () =>
          request(big().server)
            .get(route)
            .query({ limit: 100 })
            .set('Authorization', bearer)
            .then((res) => res),
        );
        const health = await request(big().server).get('/health');
        const healthMs = performance.now() - started;
        const answers = await Promise.all(reads);
        const used = process.cpuUsage(cpu);
        expect(health.status).toBe(200);
        return { answers, healthMs, cpuMs: (used.user + used.system) / 1000 };
      };
      const short = big().user('short');
      await burst(short); // warms the code paths up
      const small = await burst(short);
      const full = await burst(sub);
      for (const res of full.answers) expect(res.body[spec.items]).toHaveLength(100);
      for (const res of full.answers) expect(Buffer.byteLength(res.text)).toBeLessThan(64 * 1024);
      // The whole list in one answer costs in proportion to its length (1000 items: more than ten times the
      // short one); a page of 100 costs one to three times as much. On a quiet machine /health is answered within 100 ms.
      expect(full.cpuMs).toBeLessThan(6 * small.cpuMs);
      console.info(
        `[${spec.service} ${label}] 20 reads beside /health, CPU with their clients: long list ${full.cpuMs.toFixed(1)} ms, short list ${small.cpuMs.toFixed(1)} ms; /health in ${full.healthMs.toFixed(1)} ms`,
      );
    }, 60_000);
  });
}
