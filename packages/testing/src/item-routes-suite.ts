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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Item = Record<string, unknown> & { id: string };

/**
 * Every route of an item service over its store: seeding, creating, deleting and who owns what. Run on
 * SQLite and on PostgreSQL (`target` says where the store is).
 */
export function describeItemRoutes<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  label: string,
  target: () => DataTarget,
): void {
  const s = useItemService(spec, target);

  const route = `/api/${spec.service}`;
  const notFound = { error: 'not_found', error_description: `You have no ${spec.item} with this id` };
  const api = () => request(s().server);
  const list = async (sub: string): Promise<Item[]> => {
    const res = await api()
      .get(`${route}?limit=100`)
      .set('Authorization', await s().bearer(sub));
    expect(res.status).toBe(200);
    return res.body[spec.items];
  };
  const add = async (sub: string, body: object) =>
    api()
      .post(route)
      .set('Authorization', await s().bearer(sub))
      .send(body);
  const remove = async (sub: string, id: string | undefined) =>
    api()
      .delete(`${route}/${id}`)
      .set('Authorization', await s().bearer(sub));

  describe(`${label}: GET ${route}`, () => {
    it("seeds a new user's demo items on the first read, once, as theirs", async () => {
      const alice = s().user('alice');
      const res = await api()
        .get(route)
        .set('Authorization', await s().bearer(alice, spec.read));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ owner: alice, kind: 'user' });
      const items: Item[] = res.body[spec.items];
      expect(items).toHaveLength(spec.demoCount);
      for (const item of items) expect(item.id).toMatch(UUID);
      spec.checkSeeded(items);
      expect(await list(alice)).toEqual(items);
    });

    it('seeds once when five first reads race', async () => {
      const carol = s().user('carol');
      const answers = await Promise.all(Array.from({ length: 5 }, () => list(carol)));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]).toHaveLength(spec.demoCount);
      const rows = await s().store.db.selectFrom(spec.items).select('id').where('owner', '=', carol).execute();
      expect(rows).toHaveLength(spec.demoCount);
    });

    it('seeds once when two instances on the same database race for the first read', async () => {
      const other = await startItemService(spec, target(), s().tenant);
      try {
        const token = await s().bearer(s().user('dave'));
        const [a, b] = await Promise.all(
          [s().server, other.server].map((server) => request(server).get(route).set('Authorization', token)),
        );
        expect(a?.body[spec.items]).toEqual(b?.body[spec.items]);
        expect(a?.body[spec.items]).toHaveLength(spec.demoCount);
      } finally {
        await stopItemService(other);
      }
    });

    it(`does not seed again once the user deleted every ${spec.item}`, async () => {
      const erin = s().user('erin');
      for (const item of await list(erin)) expect((await remove(erin, item.id)).status).toBe(204);
      expect(await list(erin)).toEqual([]);
    });

    it("answers a machine-to-machine client with the organisation's shared items, seeding nothing", async () => {
      const res = await api()
        .get(route)
        .set('Authorization', `Bearer ${await s().tenant.mintForClient('organizer-m2m', spec.read)}`);
      expect(res.status).toBe(200);
      expect(res.body.owner).toBe('organizer-m2m');
      expect(res.body.kind).toBe('client');
      expect(res.body[spec.items].map((item: Item) => item.id)).toEqual(spec.sharedIds);
      const rows = await s()
        .store.db.selectFrom('seeded_owners')
        .select('owner')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(rows).toEqual([]);
    });
  });

  describe(`${label}: POST ${route}`, () => {
    it(`answers 201 with the created ${spec.item} as stored, which the next read lists`, async () => {
      const alice = s().user('alice');
      const { body, answer } = spec.sample(0);
      const res = await add(alice, body);
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), ...answer });
      expect(await list(alice)).toContainEqual(res.body);
    });

    it('keeps all 50 concurrent creates of one user', async () => {
      const alice = s().user('alice');
      await list(alice);
      const token = await s().bearer(alice);
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => api().post(route).set('Authorization', token).send(spec.sample(i).body)),
      );
      const ms = performance.now() - started;
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
      const ids = new Set(answers.map((r) => r.body.id as string));
      expect(ids.size).toBe(50);
      const listed = await list(alice);
      expect(listed).toHaveLength(spec.demoCount + 50);
      for (const id of ids) expect(listed.some((item) => item.id === id)).toBe(true);
      console.info(`[${spec.service} ${label}] 50 concurrent creates: ${Math.round(ms)} ms`);
    });
  });

  describe(`${label}: DELETE ${route}/:id`, () => {
    it(`answers 204 and the ${spec.item} is gone; deleting it again is 404`, async () => {
      const alice = s().user('alice');
      const [first] = await list(alice);
      const res = await remove(alice, first?.id);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await list(alice)).map((item) => item.id)).not.toContain(first?.id);
      const again = await remove(alice, first?.id);
      expect(again.status).toBe(404);
      expect(again.body).toEqual(notFound);
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      const res = await remove(s().user('alice'), '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f60');
      expect(res.status).toBe(404);
      expect(res.body).toEqual(notFound);
    });

    it('refuses a malformed id with 400 before asking the database', async () => {
      const description = `id must be ${/^[aeiou]/.test(spec.item) ? 'an' : 'a'} ${spec.item} id (a UUID)`;
      for (const id of ['c-101', 'a-201', 'x', "1' or '1'='1", '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f6g']) {
        const res = await remove(s().user('alice'), encodeURIComponent(id));
        expect(res.status, id).toBe(400);
        expect(res.body).toEqual({ error: 'invalid_request', error_description: description });
      }
    });
  });

  describe(`${label}: ownership between alice and carol`, () => {
    it(`carol never lists alice's ${spec.items}, and her delete of alice's id is a 404 that changes nothing`, async () => {
      const [alice, carol] = [s().user('alice'), s().user('carol')];
      const created = await add(alice, spec.sample(1).body);
      expect(created.status).toBe(201);
      const aliceIds = (await list(alice)).map((item) => item.id);
      const carolIds = (await list(carol)).map((item) => item.id);
      expect(carolIds.filter((id) => aliceIds.includes(id))).toEqual([]);
      const res = await remove(carol, created.body.id);
      expect(res.status).toBe(404);
      // The same answer as an id that never existed: it does not reveal that alice has one.
      expect(res.body).toEqual(notFound);
      expect((await list(alice)).map((item) => item.id)).toEqual(aliceIds);
    });
  });
}
