import type { Server } from 'node:http';
import { silentSink } from '@organizer/auth';
import type { Store } from '@organizer/store';
import { TestTenant } from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContactsDb, createApp, openContactsStore } from '../../src/app.ts';
import { type DataConfig, loadConfig } from '../../src/config.ts';
import { DEMO_CONTACTS } from '../../src/demo-contacts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALL = 'openid profile read:contacts write:contacts';

export interface Running {
  readonly tenant: TestTenant;
  readonly store: Store<ContactsDb>;
  readonly server: Server;
  readonly ownTenant: boolean;
  /** Distinct per call, so each test's users start with no data. */
  user(name: string): string;
  bearer(sub: string, scope?: string): Promise<string>;
}

/**
 * A test tenant (or the one given, which then stays open), the service's store at `data`, and the app
 * listening on a free loopback port.
 */
export async function startContacts(data: DataConfig, shared?: TestTenant): Promise<Running> {
  const tenant = shared ?? (await TestTenant.start());
  const store = await openContactsStore(data);
  const config = loadConfig({
    ISSUER_BASE_URL: tenant.issuer,
    AUDIENCE: 'organize',
    SPA_ORIGIN: 'http://spa.test:3000',
  });
  const server = createApp(config, { store, log: silentSink }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  let users = 0;
  return {
    tenant,
    ownTenant: shared === undefined,
    store,
    server,
    user: (name) => `auth0|${name}-${process.pid}-${++users}`,
    bearer: async (sub, scope = ALL) => `Bearer ${await tenant.mint({ sub, scope })}`,
  };
}

export async function stopContacts(running: Running | undefined): Promise<void> {
  if (running === undefined) return;
  await new Promise((resolve) => running.server.close(resolve));
  await running.store.close();
  if (running.ownTenant) await running.tenant.close();
}

/**
 * Every route and rule of the contacts service, run against SQLite and PostgreSQL by their own test files
 * (`target` says where the store is).
 */
export function describeContactsRoutes(label: string, target: () => DataConfig): void {
  let s: Running;
  beforeAll(async () => {
    s = await startContacts(target());
  });
  afterAll(() => stopContacts(s));

  const api = () => request(s.server);
  const list = async (sub: string) => {
    const res = await api()
      .get('/api/contacts')
      .set('Authorization', await s.bearer(sub));
    expect(res.status).toBe(200);
    return res.body.contacts as { id: string; name: string; email: string; phone?: string }[];
  };
  const add = async (sub: string, body: unknown) =>
    api()
      .post('/api/contacts')
      .set('Authorization', await s.bearer(sub))
      .send(body as object);

  describe(`${label}: GET /api/contacts`, () => {
    it("seeds a new user's demo contacts on the first read, once, as theirs", async () => {
      const alice = s.user('alice');
      const res = await api()
        .get('/api/contacts')
        .set('Authorization', await s.bearer(alice, 'read:contacts'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ owner: alice, kind: 'user' });
      expect(res.body.contacts.map((c: { name: string }) => c.name)).toEqual(DEMO_CONTACTS.map((c) => c.name));
      for (const contact of res.body.contacts) {
        expect(contact).toEqual({
          id: expect.stringMatching(UUID),
          name: expect.any(String),
          email: expect.stringContaining('@'),
          phone: expect.stringMatching(/^\+[\d ]+$/),
        });
      }
      expect(await list(alice)).toEqual(res.body.contacts);
    });

    it('seeds once when five first reads race', async () => {
      const carol = s.user('carol');
      const answers = await Promise.all(Array.from({ length: 5 }, () => list(carol)));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]).toHaveLength(DEMO_CONTACTS.length);
      const rows = await s.store.db.selectFrom('contacts').select('id').where('owner', '=', carol).execute();
      expect(rows).toHaveLength(DEMO_CONTACTS.length);
    });

    it('seeds once when two instances on the same database race for the first read', async () => {
      const other = await startContacts(target(), s.tenant);
      try {
        const dave = s.user('dave');
        const token = await s.bearer(dave);
        const [a, b] = await Promise.all(
          [s.server, other.server].map((server) => request(server).get('/api/contacts').set('Authorization', token)),
        );
        expect(a?.body.contacts).toEqual(b?.body.contacts);
        expect(a?.body.contacts).toHaveLength(DEMO_CONTACTS.length);
      } finally {
        await stopContacts(other);
      }
    });

    it('does not seed again once the user deleted every contact', async () => {
      const erin = s.user('erin');
      for (const contact of await list(erin)) {
        const res = await api()
          .delete(`/api/contacts/${contact.id}`)
          .set('Authorization', await s.bearer(erin));
        expect(res.status).toBe(204);
      }
      expect(await list(erin)).toEqual([]);
    });

    it("answers a machine-to-machine client with the organisation's shared contacts, seeding nothing", async () => {
      const res = await api()
        .get('/api/contacts')
        .set('Authorization', `Bearer ${await s.tenant.mintForClient('organizer-m2m', 'read:contacts')}`);
      expect(res.status).toBe(200);
      expect(res.body.owner).toBe('organizer-m2m');
      expect(res.body.kind).toBe('client');
      expect(res.body.contacts.map((c: { id: string }) => c.id)).toEqual(['org-1', 'org-2']);
      const rows = await s.store.db
        .selectFrom('seeded_owners')
        .select('owner')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(rows).toEqual([]);
    });
  });

  describe(`${label}: POST /api/contacts`, () => {
    it('answers 201 with the created contact, which the next read lists last', async () => {
      const alice = s.user('alice');
      const res = await add(alice, { name: '  Hedy Lamarr ', email: 'hedy@example.com', phone: '+1 (555) 010-0199' });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Hedy Lamarr',
        email: 'hedy@example.com',
        phone: '+1 (555) 010-0199',
      });
      expect((await list(alice)).at(-1)).toEqual(res.body);
    });

    it('takes a contact without a phone, and answers it without one', async () => {
      const alice = s.user('alice');
      const res = await add(alice, { name: 'Radia Perlman', email: 'radia@example.com' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), name: 'Radia Perlman', email: 'radia@example.com' });
    });

    it('keeps all 50 concurrent creates of one user', async () => {
      const alice = s.user('alice');
      await list(alice);
      const token = await s.bearer(alice);
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api()
            .post('/api/contacts')
            .set('Authorization', token)
            .send({ name: `Person ${i}`, email: `p${i}@example.com` }),
        ),
      );
      const ms = performance.now() - started;
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
      const ids = new Set(answers.map((r) => r.body.id as string));
      expect(ids.size).toBe(50);
      const listed = await list(alice);
      expect(listed).toHaveLength(DEMO_CONTACTS.length + 50);
      for (const id of ids) expect(listed.some((c) => c.id === id)).toBe(true);
      console.info(`[contacts ${label}] 50 concurrent creates: ${Math.round(ms)} ms`);
    });
  });

  describe(`${label}: DELETE /api/contacts/:id`, () => {
    it('answers 204 and the contact is gone; deleting it again is 404', async () => {
      const alice = s.user('alice');
      const [first] = await list(alice);
      const res = await api()
        .delete(`/api/contacts/${first?.id}`)
        .set('Authorization', await s.bearer(alice));
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await list(alice)).map((c) => c.id)).not.toContain(first?.id);
      const again = await api()
        .delete(`/api/contacts/${first?.id}`)
        .set('Authorization', await s.bearer(alice));
      expect(again.status).toBe(404);
      expect(again.body).toEqual({ error: 'not_found', error_description: 'You have no contact with this id' });
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      const res = await api()
        .delete('/api/contacts/2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f60')
        .set('Authorization', await s.bearer(s.user('alice')));
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    });

    it('refuses a malformed id with 400 before asking the database', async () => {
      for (const id of ['c-101', 'x', "1' or '1'='1", '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f6g']) {
        const res = await api()
          .delete(`/api/contacts/${encodeURIComponent(id)}`)
          .set('Authorization', await s.bearer(s.user('alice')));
        expect(res.status, id).toBe(400);
        expect(res.body).toEqual({ error: 'invalid_request', error_description: 'id must be a contact id (a UUID)' });
      }
    });
  });

  describe(`${label}: ownership between alice and carol`, () => {
    it("carol never lists alice's contacts, and her delete of alice's id is a 404 that changes nothing", async () => {
      const [alice, carol] = [s.user('alice'), s.user('carol')];
      const created = await add(alice, { name: 'Only Alice', email: 'only.alice@example.com' });
      expect(created.status).toBe(201);
      const aliceIds = (await list(alice)).map((c) => c.id);
      const carolIds = (await list(carol)).map((c) => c.id);
      expect(carolIds.filter((id) => aliceIds.includes(id))).toEqual([]);

      const res = await api()
        .delete(`/api/contacts/${created.body.id}`)
        .set('Authorization', await s.bearer(carol));
      expect(res.status).toBe(404);
      // The same answer as an id that never existed: it does not reveal that alice has one.
      expect(res.body).toEqual({ error: 'not_found', error_description: 'You have no contact with this id' });
      expect((await list(alice)).map((c) => c.id)).toEqual(aliceIds);
    });
  });
}
