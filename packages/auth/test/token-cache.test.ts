import type { AuthResult } from 'express-oauth2-jwt-bearer';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenCache } from '../src/index.ts';
import { protectedTestApp, TestTenant } from './support/index.ts';

function verified(token: string, exp: number | undefined): AuthResult {
  return { token, header: { alg: 'RS256' }, payload: { sub: token, ...(exp === undefined ? {} : { exp }) } };
}

describe('TokenCache', () => {
  const t0 = 1_800_000_000_000;

  it('keeps an entry until the token expires when that comes before the maximum age', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.set(verified('a', t0 / 1000 + 10), t0);
    expect(cache.get('a', t0 + 9_999)?.token).toBe('a');
    expect(cache.get('a', t0 + 10_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps an entry no longer than the maximum age', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.set(verified('a', t0 / 1000 + 3600), t0);
    expect(cache.get('a', t0 + 59_999)).toBeDefined();
    expect(cache.get('a', t0 + 60_000)).toBeUndefined();
  });

  it('stores nothing without a numeric exp, or already expired', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.set(verified('no-exp', undefined), t0);
    cache.set(verified('old', t0 / 1000 - 1), t0);
    expect(cache.size).toBe(0);
  });

  it('is bounded and drops the token verified longest ago first, however often it was used', () => {
    const cache = new TokenCache({ maxEntries: 2, maxAgeMs: 60_000 });
    const exp = t0 / 1000 + 3600;
    cache.set(verified('a', exp), t0);
    cache.set(verified('b', exp), t0);
    cache.get('a', t0);
    cache.set(verified('c', exp), t0);
    expect(cache.size).toBe(2);
    expect([cache.get('a', t0), cache.get('b', t0), cache.get('c', t0)].map((hit) => hit?.token)).toEqual([undefined, 'b', 'c']);
  });

  it('drops an expired entry when it is asked for', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.set(verified('a', t0 / 1000 + 3600), t0);
    expect(cache.get('a', t0 + 60_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('matches the exact token only, and hands out frozen results', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.set(verified('abc', t0 / 1000 + 60), t0);
    expect(cache.get('abc ', t0)).toBeUndefined();
    expect(cache.get('ABC', t0)).toBeUndefined();
    expect(Object.isFrozen(cache.get('abc', t0)?.payload)).toBe(true);
  });
});

describe('the cache in a service', () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('still checks the scope on every request for a cached token', async () => {
    const { app, protection } = protectedTestApp(tenant.issuer);
    const token = await tenant.mint({ scope: 'read:things' });
    const auth = `Bearer ${token}`;
    expect((await request(app).get('/api/things').set('Authorization', auth)).status).toBe(200);
    expect(protection.cache?.size).toBe(1);
    const other = await request(app).get('/api/other').set('Authorization', auth);
    expect(other.status).toBe(403);
    expect(other.headers['www-authenticate']).toMatch(/scope="read:other"$/);
    expect((await request(app).get('/api/things').set('Authorization', auth)).status).toBe(200);
  });

  it('refuses a cached token once it is past exp', async () => {
    const { app, protection } = protectedTestApp(tenant.issuer, { clockToleranceSeconds: 0 });
    const now = Math.floor(Date.now() / 1000);
    const auth = `Bearer ${await tenant.mint({ scope: 'read:things', iat: now, exp: now + 30 })}`;
    expect((await request(app).get('/api/things').set('Authorization', auth)).status).toBe(200);
    expect(protection.cache?.size).toBe(1);
    // Only Date moves: the cache and the library both read the clock from it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((now + 31) * 1000);
    const res = await request(app).get('/api/things').set('Authorization', auth);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_token', error_description: 'The access token has expired' });
  });

  it('never stores a failure', async () => {
    const { app, protection } = protectedTestApp(tenant.issuer);
    const expired = await tenant.mint({ scope: 'read:things', exp: Math.floor(Date.now() / 1000) - 60 });
    const foreignAudience = await tenant.mint({ scope: 'read:things', aud: 'elsewhere' });
    for (const token of [expired, foreignAudience, 'not.a.token']) {
      expect((await request(app).get('/api/things').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    }
    expect(protection.cache?.size).toBe(0);
  });

  it('can be turned off', async () => {
    const { app, protection } = protectedTestApp(tenant.issuer, { cache: false });
    expect((await request(app).get('/api/things').set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`)).status).toBe(200);
    expect(protection.cache).toBeUndefined();
  });
});
