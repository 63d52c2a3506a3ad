import { TestTenant } from '@organizer/testing';
import express from 'express';
import type { AuthResult } from 'express-oauth2-jwt-bearer';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenCache } from '../src/hardening/token-cache.ts';
import { createProtection, silentSink } from '../src/index.ts';
import { protectedTestApp } from './support/protected-app.ts';

function verified(token: string, exp: number | undefined): AuthResult {
  return { token, header: { alg: 'RS256' }, payload: { sub: token, ...(exp === undefined ? {} : { exp }) } };
}

/** A token verified twice, which is when the cache stores it. */
function verifiedTwice(cache: TokenCache, token: string, exp: number | undefined, nowMs: number): void {
  cache.offer(verified(token, exp), nowMs);
  cache.offer(verified(token, exp), nowMs);
}

describe('TokenCache', () => {
  const t0 = 1_800_000_000_000;

  it('keeps an entry until the token expires when that comes before the maximum age', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    verifiedTwice(cache, 'a', t0 / 1000 + 10, t0);
    expect(cache.get('a', t0 + 9_999)?.token).toBe('a');
    expect(cache.get('a', t0 + 10_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps an entry no longer than the maximum age', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    verifiedTwice(cache, 'a', t0 / 1000 + 3600, t0);
    expect(cache.get('a', t0 + 59_999)).toBeDefined();
    expect(cache.get('a', t0 + 60_000)).toBeUndefined();
  });

  it('stores nothing without a numeric exp, or already expired', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    verifiedTwice(cache, 'no-exp', undefined, t0);
    verifiedTwice(cache, 'old', t0 / 1000 - 1, t0);
    expect(cache.size).toBe(0);
  });

  it('is bounded and drops the token verified longest ago first, however often it was used', () => {
    const cache = new TokenCache({ maxEntries: 2, maxAgeMs: 60_000 });
    const exp = t0 / 1000 + 3600;
    verifiedTwice(cache, 'a', exp, t0);
    verifiedTwice(cache, 'b', exp, t0);
    cache.get('a', t0);
    verifiedTwice(cache, 'c', exp, t0);
    expect(cache.size).toBe(2);
    expect([cache.get('a', t0), cache.get('b', t0), cache.get('c', t0)].map((hit) => hit?.token)).toEqual([
      undefined,
      'b',
      'c',
    ]);
  });

  it('drops an expired entry when it is asked for', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    verifiedTwice(cache, 'a', t0 / 1000 + 3600, t0);
    expect(cache.get('a', t0 + 60_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('matches the exact token only, and hands out frozen results', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    verifiedTwice(cache, 'abc', t0 / 1000 + 60, t0);
    expect(cache.get('abc ', t0)).toBeUndefined();
    expect(cache.get('ABC', t0)).toBeUndefined();
    expect(Object.isFrozen(cache.get('abc', t0)?.payload)).toBe(true);
  });

  it('stores a token the second time it is verified, not the first', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    const exp = t0 / 1000 + 3600;
    cache.offer(verified('once.payload.signature-one', exp), t0);
    expect(cache.size).toBe(0);
    expect(cache.get('once.payload.signature-one', t0)).toBeUndefined();
    cache.offer(verified('once.payload.signature-one', exp), t0);
    expect(cache.get('once.payload.signature-one', t0)?.token).toBe('once.payload.signature-one');
  });

  it('keeps a bounded number of first sightings and forgets the oldest first', () => {
    const cache = new TokenCache({ maxEntries: 2, maxAgeMs: 60_000 });
    const exp = t0 / 1000 + 3600;
    for (const token of ['x.y.first-signature', 'x.y.second-signature', 'x.y.third-signature'])
      cache.offer(verified(token, exp), t0);
    expect(cache.size).toBe(0);
    // The first was forgotten when the third arrived, so verifying it again is a first sighting once more.
    cache.offer(verified('x.y.first-signature', exp), t0);
    cache.offer(verified('x.y.third-signature', exp), t0);
    expect(
      [cache.get('x.y.first-signature', t0), cache.get('x.y.third-signature', t0)].map((hit) => hit?.token),
    ).toEqual([undefined, 'x.y.third-signature']);
  });

  it('keeps a reused token through a flood of tokens that are each verified once', () => {
    const cache = new TokenCache({ maxEntries: 2, maxAgeMs: 60_000 });
    const exp = t0 / 1000 + 3600;
    verifiedTwice(cache, 'spa.token.signature', exp, t0);
    for (let i = 0; i < 50; i++) cache.offer(verified(`x.y.one-off-signature-${i}`, exp), t0);
    expect(cache.get('spa.token.signature', t0)?.token).toBe('spa.token.signature');
  });

  it('never stores an expired token or one without exp, however often it is offered', () => {
    const cache = new TokenCache({ maxEntries: 10, maxAgeMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      cache.offer(verified('no-exp', undefined), t0);
      cache.offer(verified('old', t0 / 1000 - 1), t0);
    }
    expect(cache.size).toBe(0);
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
    for (const token of [expired, foreignAudience, 'not.a.token', expired, foreignAudience, 'not.a.token']) {
      expect((await request(app).get('/api/things').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    }
    expect(protection.cache?.size).toBe(0);
  });

  it('stores a token on its second request, and never the tokens used once', async () => {
    const protection = createProtection(
      { issuerBaseUrl: tenant.issuer, audience: 'organize', spaOrigin: 'http://spa.test:3000' },
      { log: silentSink },
    );
    const app = express();
    // Only a stored result is frozen (it is shared), so the route can tell a fresh verification from a stored one.
    app.get('/api/things', protection.requireScope('read:things'), (req, res) => {
      res.json({ shared: Object.isFrozen(req.auth) });
    });
    const call = async (token: string) =>
      (await request(app).get('/api/things').set('Authorization', `Bearer ${token}`)).body as unknown;
    for (const sub of ['auth0|one', 'auth0|two', 'auth0|three']) {
      expect(await call(await tenant.mint({ sub, scope: 'read:things' }))).toEqual({ shared: false });
    }
    expect(protection.cache?.size).toBe(0);
    const token = await tenant.mint({ sub: 'auth0|again', scope: 'read:things' });
    expect(await call(token)).toEqual({ shared: false });
    expect(await call(token)).toEqual({ shared: true });
    expect(protection.cache?.size).toBe(1);
    const stored = protection.cache?.get(token);
    expect(await call(token)).toEqual({ shared: true });
    expect(protection.cache?.get(token)).toBe(stored);
  });

  it('can be turned off', async () => {
    const { app, protection } = protectedTestApp(tenant.issuer, { cache: false });
    expect(
      (
        await request(app)
          .get('/api/things')
          .set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`)
      ).status,
    ).toBe(200);
    expect(protection.cache).toBeUndefined();
  });
});
