import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreConfigError } from '@organizer/store';
import { describeProtectedService } from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarAppOptions, type CalendarConfig, createApp, openCalendarStore } from '../src/app.ts';
import { DEFAULT_DATA_DIR, loadConfig } from '../src/config.ts';
import { describeCalendarRoutes, type Running, slot, startCalendar, stopCalendar } from './support/calendar-suite.ts';

const WHEN = 'must be an ISO 8601 date and time with an offset, such as 2026-12-01T09:30:00Z';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'organizer-calendar-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describeCalendarRoutes('SQLite', () => ({ dataDir, databaseUrl: undefined }));

describe('rules, on SQLite', () => {
  let s: Running;
  beforeAll(async () => {
    s = await startCalendar({ dataDir, databaseUrl: undefined });
  });
  afterAll(() => stopCalendar(s));
  const api = () => request(s.server);
  const m2m = async (scope: string) => `Bearer ${await s.tenant.mintForClient('organizer-m2m', scope)}`;
  const ID = '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f60';

  describe('a scope per method', () => {
    it.each([
      ['GET', 'write:calendar', 'read:calendar'],
      ['POST', 'read:calendar', 'write:calendar'],
      ['DELETE', 'read:calendar', 'write:calendar'],
      ['POST', 'read:contacts write:contacts', 'write:calendar'],
    ])('%s with only %s is 403 naming %s', async (method, scope, required) => {
      const auth = await s.bearer(s.user('bob'), scope);
      const res =
        method === 'GET'
          ? await api().get('/api/calendar').set('Authorization', auth)
          : method === 'POST'
            ? await api().post('/api/calendar').set('Authorization', auth).send(slot('Bob', 1))
            : await api().delete(`/api/calendar/${ID}`).set('Authorization', auth);
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toBe(
        `Bearer realm="organize", error="insufficient_scope", error_description="The access token lacks the scope ${required}", scope="${required}"`,
      );
      expect(res.body).toEqual({
        error: 'insufficient_scope',
        error_description: `The access token lacks the scope ${required}`,
      });
    });

    it("refuses the M2M client's write without write:calendar (its grant) with 403 naming it", async () => {
      const res = await api()
        .post('/api/calendar')
        .set('Authorization', await m2m('read:calendar'))
        .send(slot('Bot', 1));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toMatch(/scope="write:calendar"$/);
    });

    it('refuses a machine-to-machine client even with write:calendar: it owns nothing (403, body unread)', async () => {
      const token = await m2m('read:calendar write:calendar');
      const post = await api()
        .post('/api/calendar')
        .set('Authorization', token)
        .set('Content-Type', 'application/json')
        .send('{not json');
      expect(post.status).toBe(403);
      expect(post.headers['www-authenticate']).toBeUndefined();
      expect(post.body).toEqual({
        error: 'access_denied',
        error_description: 'A machine-to-machine client acts for no user, so it has no appointments to add or delete',
      });
      const del = await api().delete(`/api/calendar/${ID}`).set('Authorization', token);
      expect(del.status).toBe(403);
      expect(del.body.error).toBe('access_denied');
      const owned = await s.store.db
        .selectFrom('appointments')
        .select('id')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(owned).toEqual([]);
    });
  });

  describe('authentication before the body', () => {
    it.each([
      ['malformed JSON', 'application/json', '{"name": '],
      ['a body over 16 KB', 'application/json', JSON.stringify({ title: 'x'.repeat(20_000) })],
      ['a text body', 'text/plain', 'title=x'],
    ])('answers %s without a token 401, not 400, 413 or 415', async (_what, type, body) => {
      const res = await api().post('/api/calendar').set('Content-Type', type).send(body);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
      expect(res.body.error).toBe('unauthorized');
    });

    it('answers malformed JSON with an invalid token 401 invalid_token, and with a read-only token 403', async () => {
      const bad = await api()
        .post('/api/calendar')
        .set('Authorization', `${await s.bearer(s.user('x'))}x`)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('invalid_token');
      const reader = await api()
        .post('/api/calendar')
        .set('Authorization', await s.bearer(s.user('bob'), 'read:calendar'))
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(reader.status).toBe(403);
    });

    it('answers a DELETE of a malformed id without a token 401, not 400', async () => {
      const res = await api().delete('/api/calendar/not-an-id');
      expect(res.status).toBe(401);
    });
  });

  describe('bad input: 400 naming the field and the rule, and nothing changes', () => {
    const ok = { title: 'Lunch', start: '2030-01-01T12:00:00Z', end: '2030-01-01T13:00:00Z' };
    it.each([
      ['no fields', {}, 'title is required; start is required; end is required'],
      ['an empty title', { ...ok, title: '  ' }, 'title must not be empty'],
      ['a title of 201 characters', { ...ok, title: 'x'.repeat(201) }, 'title must be at most 200 characters'],
      [
        'a title with a line break',
        { ...ok, title: 'Lunch\nwith Ada' },
        'title must be one line of text (no control characters)',
      ],
      ['a number for a title', { ...ok, title: 7 }, 'title must be a string'],
      ['a date without a time', { ...ok, start: '2030-01-01' }, `start ${WHEN}`],
      ['a time without an offset', { ...ok, end: '2030-01-01T13:00:00' }, `end ${WHEN}`],
      [
        'a day that does not exist',
        { ...ok, start: '2030-02-30T12:00:00Z', end: '2030-03-01T12:00:00Z' },
        `start ${WHEN}`,
      ],
      ['a timestamp number', { ...ok, start: 1893499200000 }, `start ${WHEN}`],
      ['an end before the start', { ...ok, end: '2030-01-01T11:00:00Z' }, 'end must be after start'],
      [
        'an end equal to the start, in another offset',
        { ...ok, end: '2030-01-01T14:00:00+02:00' },
        'end must be after start',
      ],
      [
        'an id chosen by the client',
        { ...ok, id: 'a-1' },
        'The body has unknown fields: id (an appointment takes title, start and end)',
      ],
      [
        "another user's sub as owner",
        { ...ok, owner: 'auth0|carol' },
        'The body has unknown fields: owner (an appointment takes title, start and end)',
      ],
      ['an array', [ok], 'The body must be a JSON object { title, start, end }'],
    ])('%s', async (_what, body, description) => {
      const alice = s.user('alice');
      const before = await api()
        .get('/api/calendar')
        .set('Authorization', await s.bearer(alice));
      const res = await api()
        .post('/api/calendar')
        .set('Authorization', await s.bearer(alice))
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: description });
      expect(res.headers['cache-control']).toBe('no-store');
      const after = await api()
        .get('/api/calendar')
        .set('Authorization', await s.bearer(alice));
      expect(after.body.appointments).toEqual(before.body.appointments);
    });

    it.each([
      ['malformed JSON', '{"name": "Ada",'],
      ['JSON null', 'null'],
    ])('%s is 400 invalid_request', async (_what, body) => {
      const res = await api()
        .post('/api/calendar')
        .set('Authorization', await s.bearer(s.user('alice')))
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'invalid_request',
        error_description: 'The request body is not valid JSON (send one JSON object)',
      });
    });

    it('a form body is 415, and a body over 16 KB is 413', async () => {
      const auth = await s.bearer(s.user('alice'));
      const form = await api()
        .post('/api/calendar')
        .set('Authorization', auth)
        .type('form')
        .send({ title: 'Lunch', start: 'x', end: 'y' });
      expect(form.status).toBe(415);
      expect(form.body).toEqual({
        error: 'unsupported_media_type',
        error_description: 'Send the body as JSON, with Content-Type: application/json',
      });
      const big = await api()
        .post('/api/calendar')
        .set('Authorization', auth)
        .send({ ...ok, title: 'x'.repeat(16 * 1024) });
      expect(big.status).toBe(413);
      expect(big.body).toEqual({
        error: 'content_too_large',
        error_description: 'The request body is larger than 16 KB',
      });
    });
  });

  describe('other methods', () => {
    it('answer 405 with Allow once authenticated, and 401 before', async () => {
      const auth = await s.bearer(s.user('alice'));
      const put = await api().put('/api/calendar').set('Authorization', auth);
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, HEAD, POST');
      for (const res of [
        await api().get(`/api/calendar/${ID}`).set('Authorization', auth),
        await api().patch(`/api/calendar/${ID}`).set('Authorization', auth),
      ]) {
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('DELETE');
      }
      expect((await api().put('/api/calendar')).status).toBe(401);
      expect((await api().patch(`/api/calendar/${ID}`)).status).toBe(401);
    });

    it('let the SPA preflight a JSON POST and a DELETE', async () => {
      for (const [path, method] of [
        ['/api/calendar', 'POST'],
        [`/api/calendar/${ID}`, 'DELETE'],
      ] as const) {
        const res = await api()
          .options(path)
          .set('Origin', 'http://spa.test:3000')
          .set('Access-Control-Request-Method', method)
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe('http://spa.test:3000');
        expect(res.headers['access-control-allow-methods']).toBe('GET,POST,DELETE');
        expect(res.headers['access-control-allow-headers']).toBe('Authorization,Content-Type');
      }
    });
  });
});

describe('the shared suite', () => {
  let shared: Running;
  beforeAll(async () => {
    shared = await startCalendar({ dataDir, databaseUrl: undefined });
  });
  afterAll(() => stopCalendar(shared));
  // The suite builds its own app per config; every one of them uses this test's store.
  const withStore = (config: CalendarConfig, options: Omit<CalendarAppOptions, 'store'> = {}) =>
    createApp(config, { ...options, store: shared.store });
  // The readiness test closes its store, so it gets a file of its own.
  const withOwnStore = async (config: CalendarConfig, options: Omit<CalendarAppOptions, 'store'>) => {
    const store = await openCalendarStore({ dataDir: join(dataDir, 'readiness'), databaseUrl: undefined });
    return { app: createApp(config, { ...options, store }), close: () => store.close() };
  };
  describeProtectedService({
    service: 'calendar',
    route: '/api/calendar',
    scope: 'read:calendar',
    otherScope: 'read:contacts',
    unservedMethod: { method: 'put', allow: 'GET, HEAD, POST' },
    loadConfig,
    createApp: withStore,
    createAppWithOwnStore: withOwnStore,
  });
});

describe('loadConfig', () => {
  it('defaults PORT to 3002 and honours PORT', () => {
    expect(loadConfig({}).port).toBe(3002);
    expect(loadConfig({ PORT: '4321' }).port).toBe(4321);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
  });

  it('listens on loopback unless HOST names another interface', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('keeps the data in apps/calendar/.data unless DATA_DIR says where (a relative path from the working directory)', () => {
    expect(DEFAULT_DATA_DIR).toBe(resolve(import.meta.dirname, '..', '.data'));
    expect(loadConfig({}).data).toEqual({ dataDir: DEFAULT_DATA_DIR, databaseUrl: undefined });
    expect(loadConfig({ DATA_DIR: ' ' }).data.dataDir).toBe(DEFAULT_DATA_DIR);
    expect(loadConfig({ DATA_DIR: '/srv/organizer' }).data.dataDir).toBe('/srv/organizer');
    expect(loadConfig({ DATA_DIR: 'state' }).data.dataDir).toBe(resolve(process.cwd(), 'state'));
  });

  it('takes a postgres:// DATABASE_URL and refuses anything else, naming the variable but not the value', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:pw@db.internal:5432/organizer' }).data.databaseUrl).toBe(
      'postgres://u:pw@db.internal:5432/organizer',
    );
    expect(loadConfig({ DATABASE_URL: '' }).data.databaseUrl).toBeUndefined();
    for (const bad of ['mysql://u:secret-pw@db/organizer', 'not a url secret-pw']) {
      const error = (() => {
        try {
          loadConfig({ DATABASE_URL: bad });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(StoreConfigError);
      expect((error as Error).message).toMatch(/^DATABASE_URL /);
      expect((error as Error).message).not.toContain('secret-pw');
    }
  });
});
