import { LogCollector, TestTenant } from '@organizer/auth/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let tenant: TestTenant;
let app: ReturnType<typeof createApp>;
const logs = new LogCollector();

beforeAll(async () => {
  tenant = await TestTenant.start();
  app = createApp(loadConfig({ ISSUER_BASE_URL: tenant.issuer, AUDIENCE: 'organize', SPA_ORIGIN: 'http://spa.test:3000' }), { log: logs.sink });
});
afterAll(() => tenant.close());

describe('GET /api/contacts', () => {
  it('answers a user with read:contacts with their contacts', async () => {
    const token = await tenant.mint({ sub: 'auth0|bob', scope: 'openid profile read:contacts' });
    const res = await request(app).get('/api/contacts').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    // Per-caller answers: no ETag is computed (see app.ts).
    expect(res.headers.etag).toBeUndefined();
    expect(res.body.owner).toBe('auth0|bob');
    expect(res.body.kind).toBe('user');
    expect(res.body.contacts.length).toBeGreaterThan(2);
    for (const contact of res.body.contacts) {
      expect(contact).toEqual({ id: expect.any(String), name: expect.any(String), email: expect.stringContaining('@'), phone: expect.stringMatching(/^\+[\d ]+$/) });
    }
  });

  it("answers a machine-to-machine client with the organisation's shared contacts", async () => {
    const res = await request(app).get('/api/contacts').set('Authorization', `Bearer ${await tenant.mintForClient('organizer-m2m', 'read:contacts')}`);
    expect(res.status).toBe(200);
    expect(res.body.owner).toBe('organizer-m2m');
    expect(res.body.kind).toBe('client');
    expect(res.body.contacts.map((c: { id: string }) => c.id)).toEqual(['org-1', 'org-2']);
  });

  it("refuses the calendar service's scope with 403 naming read:contacts", async () => {
    const res = await request(app).get('/api/contacts').set('Authorization', `Bearer ${await tenant.mint({ scope: 'openid read:calendar' })}`);
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
    expect(res.headers['www-authenticate']).toMatch(/scope="read:contacts"$/);
    expect(res.body.error).toBe('insufficient_scope');
  });

  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await request(app).get('/api/contacts');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
  });

  it('refuses a token for another audience', async () => {
    const res = await request(app).get('/api/contacts').set('Authorization', `Bearer ${await tenant.mint({ aud: 'calendar-only', scope: 'read:contacts' })}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
  });
});

describe('other methods on /api/contacts', () => {
  it('refuse a token in a form body with 401, never using it', async () => {
    const token = await tenant.mint({ scope: 'read:contacts' });
    const res = await request(app).post('/api/contacts').type('form').send({ access_token: token });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="organize"/);
  });

  it('answer a valid caller 405 with Allow', async () => {
    const res = await request(app).post('/api/contacts').set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:contacts' })}`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.error).toBe('method_not_allowed');
  });
});

describe('GET /health and the browser', () => {
  it('is open', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', service: 'contacts' });
  });

  it('lets the SPA origin read WWW-Authenticate, and gives another origin no CORS grant', async () => {
    const spa = await request(app).get('/api/contacts').set('Origin', 'http://spa.test:3000');
    expect(spa.headers['access-control-allow-origin']).toBe('http://spa.test:3000');
    expect(spa.headers['access-control-expose-headers']).toBe('WWW-Authenticate');
    const other = await request(app).get('/api/contacts').set('Origin', 'http://evil.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request log', () => {
  it('writes one JSON line per request with the subject, never the token', async () => {
    const token = await tenant.mint({ sub: 'auth0|logged', scope: 'read:contacts' });
    const before = logs.lines.length;
    await request(app).get('/api/contacts?page=1').set('Authorization', `Bearer ${token}`);
    expect(logs.lines.length).toBe(before + 1);
    const entry = logs.entries.at(-1);
    expect(entry).toEqual({ service: 'contacts', method: 'GET', path: '/api/contacts', status: 200, durationMs: expect.any(Number), sub: 'auth0|logged' });
    expect(logs.lines.join('\n')).not.toContain(token.split('.')[2]);
  });
});

describe('AUDIENCE', () => {
  it('is the audience the service accepts, and the WWW-Authenticate realm', async () => {
    const custom = createApp(loadConfig({ ISSUER_BASE_URL: tenant.issuer, AUDIENCE: 'https://api.organizer.example' }), { log: () => {} });
    const ok = await request(custom).get('/api/contacts').set('Authorization', `Bearer ${await tenant.mint({ aud: 'https://api.organizer.example', scope: 'read:contacts' })}`);
    expect(ok.status).toBe(200);
    const organize = await request(custom).get('/api/contacts').set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:contacts' })}`);
    expect(organize.status).toBe(401);
    expect(organize.headers['www-authenticate']).toMatch(/^Bearer realm="https:\/\/api.organizer.example", error="invalid_token"/);
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
});
