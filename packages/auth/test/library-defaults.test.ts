import { TestTenant } from '@organizer/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectedTestApp } from './support/protected-app.ts';

// express-oauth2-jwt-bearer falls back to process.env (SECRET, JWKS_URI, ISSUER, ...) for any option left
// undefined; a stray SECRET would switch it to HS256. createProtection passes every option explicitly.
const STRAY = {
  SECRET: 'a-stray-shared-secret-of-enough-length',
  JWKS_URI: 'http://127.0.0.1:1/jwks.json',
  ISSUER: 'http://evil.test/',
};
let tenant: TestTenant;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  tenant = await TestTenant.start();
  for (const [name, value] of Object.entries(STRAY)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await tenant.close();
});

describe('stray library variables in the environment', () => {
  it('change nothing: RS256 tokens from the configured tenant pass, HS256 with the stray secret does not', async () => {
    const { app } = protectedTestApp(tenant.issuer, { cache: false });
    const good = await request(app)
      .get('/api/things')
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`);
    expect(good.status).toBe(200);
    const forged = await new SignJWT({ scope: 'read:things' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(tenant.issuer)
      .setAudience('organize')
      .setSubject('auth0|mallory')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(STRAY.SECRET));
    const res = await request(app).get('/api/things').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
  });
});

describe('unexpected errors', () => {
  it('are a plain 500 with no internal text, and are logged', async () => {
    const { app, logs } = protectedTestApp(tenant.issuer);
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'server_error', error_description: 'Internal server error' });
    expect(JSON.stringify(res.headers)).not.toContain('hunter2');
    expect(logs.lines.some((line) => line.includes('hunter2') && line.includes('"level":"error"'))).toBe(true);
  });
});
