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

describe('GET /api/calendar', () => {
  it('answers a user with read:calendar with their appointments', async () => {
    const token = await tenant.mint({ sub: 'auth0|bob', scope: 'openid profile read:calendar' });
    const res = await request(app).get('/api/calendar').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    // Per-caller answers: no ETag is computed (see app.ts).
    expect(res.headers.etag).toBeUndefined();
    expect(res.body.owner).toBe('auth0|bob');
    expect(res.body.kind).toBe('user');
    expect(res.body.appointments.length).toBeGreaterThan(2);
    for (const item of res.body.appointments) {
      expect(item).toEqual({ id: expect.any(String), title: expect.any(String), start: expect.any(String), end: expect.any(String) });
      expect(Date.parse(item.end)).toBeGreaterThan(Date.parse(item.start));
    }
  });

  it("answers a machine-to-machine client with the organisation's shared events", async () => {
    const res = await request(app).get('/api/calendar').set('Authorization', `Bearer ${await tenant.mintForClient('organizer-m2m', 'read:calendar')}`);
    expect(res.status).toBe(200);
    expect(res.body.owner).toBe('organizer-m2m');
    expect(res.body.kind).toBe('client');
    expect(res.body.appointments.map((a: { id: string }) => a.id)).toEqual(['org-10', 'org-11']);
  });
});

describeProtectedService({ service: 'calendar', route: '/api/calendar', scope: 'read:calendar', otherScope: 'read:contacts', loadConfig, createApp });

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
});
