import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreConfigError } from '@organizer/store';
import { describeProtectedService } from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContactsAppOptions, type ContactsConfig, createApp, openContactsStore } from '../src/app.ts';
import { DEFAULT_DATA_DIR, loadConfig } from '../src/config.ts';
import { describeContactsRoutes, type Running, startContacts, stopContacts } from './support/contacts-suite.ts';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'organizer-contacts-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describeContactsRoutes('SQLite', () => ({ dataDir, databaseUrl: undefined }));

describe('rules, on SQLite', () => {
  let s: Running;
  beforeAll(async () => {
    s = await startContacts({ dataDir, databaseUrl: undefined });
  });
  afterAll(() => stopContacts(s));
  const api = () => request(s.server);
  const m2m = async (scope: string) => `Bearer ${await s.tenant.mintForClient('organizer-m2m', scope)}`;
  const ID = '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f60';

  describe('a scope per method', () => {
    it.each([
      ['GET', 'write:contacts', 'read:contacts'],
      ['POST', 'read:contacts', 'write:contacts'],
      ['DELETE', 'read:contacts', 'write:contacts'],
      ['POST', 'read:calendar write:calendar', 'write:contacts'],
    ])('%s with only %s is 403 naming %s', async (method, scope, required) => {
      const auth = await s.bearer(s.user('bob'), scope);
      const res =
        method === 'GET'
          ? await api().get('/api/contacts').set('Authorization', auth)
          : method === 'POST'
            ? await api()
                .post('/api/contacts')
                .set('Authorization', auth)
                .send({ name: 'Bob', email: 'bob@example.com' })
            : await api().delete(`/api/contacts/${ID}`).set('Authorization', auth);
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toBe(
        `Bearer realm="organize", error="insufficient_scope", error_description="The access token lacks the scope ${required}", scope="${required}"`,
      );
      expect(res.body).toEqual({
        error: 'insufficient_scope',
        error_description: `The access token lacks the scope ${required}`,
      });
    });

    it("refuses the M2M client's write without write:contacts (its grant) with 403 naming it", async () => {
      const res = await api()
        .post('/api/contacts')
        .set('Authorization', await m2m('read:contacts'))
        .send({ name: 'Bot', email: 'bot@example.com' });
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toMatch(/scope="write:contacts"$/);
    });

    it('refuses a machine-to-machine client even with write:contacts: it owns nothing (403, body unread)', async () => {
      const token = await m2m('read:contacts write:contacts');
      const post = await api()
        .post('/api/contacts')
        .set('Authorization', token)
        .set('Content-Type', 'application/json')
        .send('{not json');
      expect(post.status).toBe(403);
      expect(post.headers['www-authenticate']).toBeUndefined();
      expect(post.body).toEqual({
        error: 'access_denied',
        error_description: 'A machine-to-machine client acts for no user, so it has no contacts to add or delete',
      });
      const del = await api().delete(`/api/contacts/${ID}`).set('Authorization', token);
      expect(del.status).toBe(403);
      expect(del.body.error).toBe('access_denied');
      const owned = await s.store.db
        .selectFrom('contacts')
        .select('id')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(owned).toEqual([]);
    });
  });

  describe('authentication before the body', () => {
    it.each([
      ['malformed JSON', 'application/json', '{"name": '],
      ['a body over 16 KB', 'application/json', JSON.stringify({ name: 'x'.repeat(20_000) })],
      ['a text body', 'text/plain', 'name=x'],
    ])('answers %s without a token 401, not 400, 413 or 415', async (_what, type, body) => {
      const res = await api().post('/api/contacts').set('Content-Type', type).send(body);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
      expect(res.body.error).toBe('unauthorized');
    });

    it('answers malformed JSON with an invalid token 401 invalid_token, and with a read-only token 403', async () => {
      const bad = await api()
        .post('/api/contacts')
        .set('Authorization', `${await s.bearer(s.user('x'))}x`)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('invalid_token');
      const reader = await api()
        .post('/api/contacts')
        .set('Authorization', await s.bearer(s.user('bob'), 'read:contacts'))
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(reader.status).toBe(403);
    });

    it('answers a DELETE of a malformed id without a token 401, not 400', async () => {
      const res = await api().delete('/api/contacts/not-an-id');
      expect(res.status).toBe(401);
    });
  });

  describe('bad input: 400 naming the field and the rule, and nothing changes', () => {
    const ok = { name: 'Ada', email: 'ada@example.com' };
    it.each([
      ['no fields', {}, 'name is required; email is required'],
      ['an empty name', { ...ok, name: '   ' }, 'name must not be empty'],
      ['a name of 101 characters', { ...ok, name: 'x'.repeat(101) }, 'name must be at most 100 characters'],
      [
        'a name with a line break',
        { ...ok, name: 'Ada\nLovelace' },
        'name must be one line of text (no control characters)',
      ],
      ['a number for a name', { ...ok, name: 42 }, 'name must be a string'],
      [
        'an email without @',
        { ...ok, email: 'ada.example.com' },
        'email must be an email address such as ada@example.com',
      ],
      [
        'a phone with letters',
        { ...ok, phone: 'call me' },
        'phone must be a phone number: digits, spaces and + ( ) - . only, such as +44 7700 900123',
      ],
      ['a phone of 33 characters', { ...ok, phone: `+${'1'.repeat(32)}` }, 'phone must be at most 32 characters'],
      ['a null phone', { ...ok, phone: null }, 'phone must be a string'],
      [
        'an id chosen by the client',
        { ...ok, id: 'c-1' },
        'The body has unknown fields: id (a contact takes name, email and phone)',
      ],
      [
        "another user's sub as owner",
        { ...ok, owner: 'auth0|carol' },
        'The body has unknown fields: owner (a contact takes name, email and phone)',
      ],
      ['an array', [ok], 'The body must be a JSON object { name, email, phone? }'],
    ])('%s', async (_what, body, description) => {
      const alice = s.user('alice');
      const before = await api()
        .get('/api/contacts')
        .set('Authorization', await s.bearer(alice));
      const res = await api()
        .post('/api/contacts')
        .set('Authorization', await s.bearer(alice))
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: description });
      expect(res.headers['cache-control']).toBe('no-store');
      const after = await api()
        .get('/api/contacts')
        .set('Authorization', await s.bearer(alice));
      expect(after.body.contacts).toEqual(before.body.contacts);
    });

    it('an email over 254 characters', async () => {
      const res = await api()
        .post('/api/contacts')
        .set('Authorization', await s.bearer(s.user('alice')))
        .send({ ...ok, email: `${'a'.repeat(60)}@${'b'.repeat(200)}.example.com` });
      expect(res.status).toBe(400);
      expect(res.body.error_description).toContain('email must be at most 254 characters');
    });

    it.each([
      ['malformed JSON', '{"name": "Ada",'],
      ['JSON null', 'null'],
    ])('%s is 400 invalid_request', async (_what, body) => {
      const res = await api()
        .post('/api/contacts')
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
        .post('/api/contacts')
        .set('Authorization', auth)
        .type('form')
        .send({ name: 'Ada', email: 'ada@example.com' });
      expect(form.status).toBe(415);
      expect(form.body).toEqual({
        error: 'unsupported_media_type',
        error_description: 'Send the body as JSON, with Content-Type: application/json',
      });
      const big = await api()
        .post('/api/contacts')
        .set('Authorization', auth)
        .send({ ...ok, phone: '1'.repeat(16 * 1024) });
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
      const put = await api().put('/api/contacts').set('Authorization', auth);
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, HEAD, POST');
      for (const res of [
        await api().get(`/api/contacts/${ID}`).set('Authorization', auth),
        await api().patch(`/api/contacts/${ID}`).set('Authorization', auth),
      ]) {
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('DELETE');
      }
      expect((await api().put('/api/contacts')).status).toBe(401);
      expect((await api().patch(`/api/contacts/${ID}`)).status).toBe(401);
    });

    it('let the SPA preflight a JSON POST and a DELETE', async () => {
      for (const [path, method] of [
        ['/api/contacts', 'POST'],
        [`/api/contacts/${ID}`, 'DELETE'],
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
    shared = await startContacts({ dataDir, databaseUrl: undefined });
  });
  afterAll(() => stopContacts(shared));
  // The suite builds its own app per config; every one of them uses this test's store.
  const withStore = (config: ContactsConfig, options: Omit<ContactsAppOptions, 'store'> = {}) =>
    createApp(config, { ...options, store: shared.store });
  // The readiness test closes its store, so it gets a file of its own.
  const withOwnStore = async (config: ContactsConfig, options: Omit<ContactsAppOptions, 'store'>) => {
    const store = await openContactsStore({ dataDir: join(dataDir, 'readiness'), databaseUrl: undefined });
    return { app: createApp(config, { ...options, store }), close: () => store.close() };
  };
  describeProtectedService({
    service: 'contacts',
    route: '/api/contacts',
    scope: 'read:contacts',
    otherScope: 'read:calendar',
    unservedMethod: { method: 'put', allow: 'GET, HEAD, POST' },
    loadConfig,
    createApp: withStore,
    createAppWithOwnStore: withOwnStore,
  });
});

describe('loadConfig', () => {
  it('defaults PORT to 3001 and honours PORT', () => {
    expect(loadConfig({}).port).toBe(3001);
    expect(loadConfig({ PORT: '4321' }).port).toBe(4321);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
  });

  it('listens on loopback unless HOST names another interface', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('keeps the data in apps/contacts/.data unless DATA_DIR says where (a relative path from the working directory)', () => {
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
