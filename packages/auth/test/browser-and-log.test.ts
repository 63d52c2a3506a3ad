import { TestTenant } from '@organizer/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProtectedTestApp, protectedTestApp } from './support/protected-app.ts';

const SPA = 'http://spa.test:3000';
let tenant: TestTenant;
let service: ProtectedTestApp;

beforeAll(async () => {
  tenant = await TestTenant.start();
  service = protectedTestApp(tenant.issuer);
});
afterAll(() => tenant.close());

describe('CORS', () => {
  it('answers the SPA origin, also on errors, and exposes WWW-Authenticate', async () => {
    const res = await request(service.app).get('/api/things').set('Origin', SPA);
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(SPA);
    expect(res.headers['access-control-expose-headers']).toBe('WWW-Authenticate,DPoP-Nonce');
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('gives another origin no Access-Control-Allow-Origin', async () => {
    const res = await request(service.app).get('/api/things').set('Origin', 'http://evil.test');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the SPA preflight a GET with Authorization, and nobody else', async () => {
    const ok = await request(service.app)
      .options('/api/things')
      .set('Origin', SPA)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(SPA);
    expect(ok.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,DPoP');
    expect(ok.headers['access-control-allow-methods']).toBe('GET,POST,DELETE');
    const other = await request(service.app)
      .options('/api/things')
      .set('Origin', 'http://evil.test')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the SPA send POST and DELETE with a JSON body, and no other method or header', async () => {
    const preflight = (method: string, headers: string) =>
      request(service.app)
        .options('/api/things')
        .set('Origin', SPA)
        .set('Access-Control-Request-Method', method)
        .set('Access-Control-Request-Headers', headers);
    for (const method of ['POST', 'DELETE']) {
      const ok = await preflight(method, 'authorization,content-type');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-methods']?.split(',')).toContain(method);
      expect(ok.headers['access-control-allow-headers']?.split(',')).toEqual(['Authorization', 'Content-Type', 'DPoP']);
    }
    // The browser compares the request with these lists: PUT, PATCH or an X-* header fail the preflight.
    const put = await preflight('PUT', 'authorization');
    expect(put.headers['access-control-allow-methods']?.split(',')).not.toContain('PUT');
    expect(put.headers['access-control-allow-methods']?.split(',')).not.toContain('PATCH');
    expect(put.headers['access-control-allow-headers']?.split(',')).not.toContain('X-Requested-With');
  });
});

describe('secure default headers', () => {
  it('sets helmet headers and hides the framework', async () => {
    const res = await request(service.app).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('marks error responses as not cacheable', async () => {
    const res = await request(service.app).get('/api/things');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('request log', () => {
  it('logs method, path without the query, status, duration and sub, and never a token', async () => {
    const token = await tenant.mint({ sub: 'auth0|carol', scope: 'read:things' });
    const from = service.logs.lines.length;
    await request(service.app).get('/api/things').set('Authorization', `Bearer ${token}`);
    await request(service.app).get(`/api/things?access_token=${token}`);
    await request(service.app).get('/api/things').set('Authorization', `Bearer ${token}x`);
    const entries = service.logs.entries.slice(from);
    const line = {
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      service: 'test',
      method: 'GET',
      path: '/api/things',
      durationMs: expect.any(Number),
      msg: 'request',
    };
    expect(entries).toEqual([
      { ...line, status: 200, sub: 'auth0|carol' },
      { ...line, status: 401, sub: null },
      { ...line, status: 401, sub: null },
    ]);
    const signature = token.split('.')[2] ?? '';
    expect(service.logs.lines.join('\n')).not.toContain(signature.slice(0, 20));
  });

  it('logs the route as declared, not the path as sent, so a token put in the path stays out of the log', async () => {
    const token = await tenant.mint({ sub: 'auth0|carol', scope: 'read:things' });
    const from = service.logs.lines.length;
    await request(service.app).get(`/api/${token}`);
    await request(service.app).get(`/api/things/${token}`).set('Authorization', `Bearer ${token}`);
    const paths = service.logs.entries.slice(from).map((entry) => [entry.path, entry.status]);
    expect(paths).toEqual([
      ['(no route)', 404],
      ['(no route)', 404],
    ]);
    expect(service.logs.lines.join('\n')).not.toContain(token.split('.')[1]!.slice(0, 20));
  });
});
