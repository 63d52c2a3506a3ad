import { silentSink } from '@organizer/auth';
import { describeProtectedService, TestTenant } from '@organizer/auth/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let tenant: TestTenant;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tenant = await TestTenant.start();
  app = createApp(loadConfig({ ISSUER_BASE_URL: tenant.issuer, AUDIENCE: 'organize', SPA_ORIGIN: 'http://spa.test:3000' }), { log: silentSink });
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
});

describeProtectedService({ service: 'contacts', route: '/api/contacts', scope: 'read:contacts', otherScope: 'read:calendar', loadConfig, createApp });

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
