import type { Server } from 'node:http';
import { silentSink } from '@organizer/auth';
import type { Store } from '@organizer/store';
import { TestTenant } from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarDb, createApp, openCalendarStore } from '../../src/app.ts';
import { type DataConfig, loadConfig } from '../../src/config.ts';
import { demoAppointments } from '../../src/demo-appointments.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALL = 'openid profile read:calendar write:calendar';

export interface Running {
  readonly tenant: TestTenant;
  readonly store: Store<CalendarDb>;
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
export async function startCalendar(data: DataConfig, shared?: TestTenant): Promise<Running> {
  const tenant = shared ?? (await TestTenant.start());
  const store = await openCalendarStore(data);
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

export async function stopCalendar(running: Running | undefined): Promise<void> {
  if (running === undefined) return;
  await new Promise((resolve) => running.server.close(resolve));
  await running.store.close();
  if (running.ownTenant) await running.tenant.close();
}

/** An appointment `hours` from now, `minutes` long, as the SPA sends it. */
export function slot(title: string, hours: number, minutes = 60): { title: string; start: string; end: string } {
  const start = Date.now() + hours * 3_600_000;
  return { title, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
}

const DEMO_TITLES = demoAppointments().map((a) => a.title);

/**
 * Every route and rule of the calendar service, run against SQLite and PostgreSQL by their own test files
 * (`target` says where the store is).
 */
export function describeCalendarRoutes(label: string, target: () => DataConfig): void {
  let s: Running;
  beforeAll(async () => {
    s = await startCalendar(target());
  });
  afterAll(() => stopCalendar(s));

  const api = () => request(s.server);
  const list = async (sub: string) => {
    const res = await api()
      .get('/api/calendar')
      .set('Authorization', await s.bearer(sub));
    expect(res.status).toBe(200);
    return res.body.appointments as { id: string; title: string; start: string; end: string }[];
  };
  const add = async (sub: string, body: unknown) =>
    api()
      .post('/api/calendar')
      .set('Authorization', await s.bearer(sub))
      .send(body as object);

  describe(`${label}: GET /api/calendar`, () => {
    it("seeds a new user's demo week on the first read, once, as theirs, by start time", async () => {
      const alice = s.user('alice');
      const res = await api()
        .get('/api/calendar')
        .set('Authorization', await s.bearer(alice, 'read:calendar'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ owner: alice, kind: 'user' });
      expect(res.body.appointments.map((a: { title: string }) => a.title)).toEqual(DEMO_TITLES);
      for (const item of res.body.appointments) {
        expect(item).toEqual({
          id: expect.stringMatching(UUID),
          title: expect.any(String),
          start: expect.any(String),
          end: expect.any(String),
        });
        expect(Date.parse(item.end)).toBeGreaterThan(Date.parse(item.start));
      }
      expect(await list(alice)).toEqual(res.body.appointments);
    });

    it('seeds once when five first reads race', async () => {
      const carol = s.user('carol');
      const answers = await Promise.all(Array.from({ length: 5 }, () => list(carol)));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]).toHaveLength(DEMO_TITLES.length);
      const rows = await s.store.db.selectFrom('appointments').select('id').where('owner', '=', carol).execute();
      expect(rows).toHaveLength(DEMO_TITLES.length);
    });

    it('seeds once when two instances on the same database race for the first read', async () => {
      const other = await startCalendar(target(), s.tenant);
      try {
        const dave = s.user('dave');
        const token = await s.bearer(dave);
        const [a, b] = await Promise.all(
          [s.server, other.server].map((server) => request(server).get('/api/calendar').set('Authorization', token)),
        );
        expect(a?.body.appointments).toEqual(b?.body.appointments);
        expect(a?.body.appointments).toHaveLength(DEMO_TITLES.length);
      } finally {
        await stopCalendar(other);
      }
    });

    it('does not seed again once the user deleted every appointment', async () => {
      const erin = s.user('erin');
      for (const item of await list(erin)) {
        const res = await api()
          .delete(`/api/calendar/${item.id}`)
          .set('Authorization', await s.bearer(erin));
        expect(res.status).toBe(204);
      }
      expect(await list(erin)).toEqual([]);
    });

    it("answers a machine-to-machine client with the organisation's shared events, seeding nothing", async () => {
      const res = await api()
        .get('/api/calendar')
        .set('Authorization', `Bearer ${await s.tenant.mintForClient('organizer-m2m', 'read:calendar')}`);
      expect(res.status).toBe(200);
      expect(res.body.owner).toBe('organizer-m2m');
      expect(res.body.kind).toBe('client');
      expect(res.body.appointments.map((a: { id: string }) => a.id)).toEqual(['org-10', 'org-11']);
      const rows = await s.store.db
        .selectFrom('seeded_owners')
        .select('owner')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(rows).toEqual([]);
    });
  });

  describe(`${label}: POST /api/calendar`, () => {
    it('answers 201 with the created appointment in UTC, which the next read lists in start order', async () => {
      const alice = s.user('alice');
      const res = await add(alice, {
        title: '  Dinner with Hedy ',
        start: '2030-06-01T19:30:00+02:00',
        end: '2030-06-01T21:00:00.5+02:00',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        title: 'Dinner with Hedy',
        start: '2030-06-01T17:30:00.000Z',
        end: '2030-06-01T19:00:00.500Z',
      });
      // The demo week is before 2030: it comes last.
      expect((await list(alice)).at(-1)).toEqual(res.body);
      const early = await add(alice, slot('Early', -48));
      expect((await list(alice))[0]).toEqual(early.body);
    });

    it('keeps all 50 concurrent creates of one user', async () => {
      const alice = s.user('alice');
      await list(alice);
      const token = await s.bearer(alice);
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api()
            .post('/api/calendar')
            .set('Authorization', token)
            .send(slot(`Meeting ${i}`, 200 + i)),
        ),
      );
      const ms = performance.now() - started;
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
      const ids = new Set(answers.map((r) => r.body.id as string));
      expect(ids.size).toBe(50);
      const listed = await list(alice);
      expect(listed).toHaveLength(DEMO_TITLES.length + 50);
      for (const id of ids) expect(listed.some((a) => a.id === id)).toBe(true);
      console.info(`[calendar ${label}] 50 concurrent creates: ${Math.round(ms)} ms`);
    });
  });

  describe(`${label}: DELETE /api/calendar/:id`, () => {
    it('answers 204 and the appointment is gone; deleting it again is 404', async () => {
      const alice = s.user('alice');
      const [first] = await list(alice);
      const res = await api()
        .delete(`/api/calendar/${first?.id}`)
        .set('Authorization', await s.bearer(alice));
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await list(alice)).map((a) => a.id)).not.toContain(first?.id);
      const again = await api()
        .delete(`/api/calendar/${first?.id}`)
        .set('Authorization', await s.bearer(alice));
      expect(again.status).toBe(404);
      expect(again.body).toEqual({ error: 'not_found', error_description: 'You have no appointment with this id' });
    });

    it('refuses a malformed id with 400 before asking the database', async () => {
      for (const id of ['a-201', 'x', "1' or '1'='1"]) {
        const res = await api()
          .delete(`/api/calendar/${encodeURIComponent(id)}`)
          .set('Authorization', await s.bearer(s.user('alice')));
        expect(res.status, id).toBe(400);
        expect(res.body).toEqual({
          error: 'invalid_request',
          error_description: 'id must be an appointment id (a UUID)',
        });
      }
    });
  });

  describe(`${label}: ownership between alice and carol`, () => {
    it("carol never lists alice's appointments, and her delete of alice's id is a 404 that changes nothing", async () => {
      const [alice, carol] = [s.user('alice'), s.user('carol')];
      const created = await add(alice, slot('Only Alice', 5));
      expect(created.status).toBe(201);
      const aliceIds = (await list(alice)).map((a) => a.id);
      const carolIds = (await list(carol)).map((a) => a.id);
      expect(carolIds.filter((id) => aliceIds.includes(id))).toEqual([]);

      const res = await api()
        .delete(`/api/calendar/${created.body.id}`)
        .set('Authorization', await s.bearer(carol));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', error_description: 'You have no appointment with this id' });
      expect((await list(alice)).map((a) => a.id)).toEqual(aliceIds);
    });
  });
}
