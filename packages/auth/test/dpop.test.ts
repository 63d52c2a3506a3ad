import { createProofKey, type ProofKey, signProof, TestTenant } from '@organizer/testing';
import type express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DpopMode, memoryReplayGuard, type ProofReplayGuard } from '../src/index.ts';
import { protectedTestApp } from './support/protected-app.ts';

// DPoP (RFC 9449) through the library, as DPOP_MODE configures it, plus what the library leaves to the
// application: each proof accepted once.

const HOST = 'api.test';
const THINGS = `http://${HOST}/api/things`;
const DPOP_CHALLENGE =
  /^DPoP realm="organize"(, error="([a-z_]+)", error_description="[^"]+"(, scope="[^"]+")?)?, algs="ES256 [A-Z0-9 a-z]+"$/;

let tenant: TestTenant;
let key: ProofKey;
let other: ProofKey;
const apps = new Map<string, express.Express>();

function appFor(dpop: DpopMode, proofReplay?: ProofReplayGuard): express.Express {
  const name = `${dpop}${proofReplay === undefined ? '' : '+guard'}`;
  if (proofReplay !== undefined || !apps.has(name)) {
    apps.set(name, protectedTestApp(tenant.issuer, { proofReplay }, [], { dpop }).app);
  }
  return apps.get(name) as express.Express;
}

/** A DPoP-bound token for `key`, as the local tenant issues one with a proof. */
const boundToken = (bound: ProofKey = key) => tenant.mint({ scope: 'read:things', cnf: { jkt: bound.jkt } });

async function dpopCall(app: express.Express, token: string, proof: string, url = THINGS) {
  return request(app)
    .get(new URL(url).pathname)
    .set('Host', HOST)
    .set('Authorization', `DPoP ${token}`)
    .set('DPoP', proof);
}

function expectDpopError(res: request.Response, status: number, error: string): void {
  expect(res.status).toBe(status);
  expect(res.body.error).toBe(error);
  const challenge = res.headers['www-authenticate'] ?? '';
  expect(challenge).toMatch(DPOP_CHALLENGE);
  expect(DPOP_CHALLENGE.exec(challenge)?.[2]).toBe(error);
}

beforeAll(async () => {
  tenant = await TestTenant.start();
  [key, other] = await Promise.all([createProofKey(), createProofKey()]);
});
afterAll(() => tenant.close());

describe('DPOP_MODE=allowed (the default)', () => {
  it('accepts a bound token with its proof, once: the same proof again is 401 invalid_dpop_proof', async () => {
    const app = appFor('allowed');
    const token = await boundToken();
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    const first = await dpopCall(app, token, proof);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ sub: 'auth0|alice' });
    expectDpopError(await dpopCall(app, token, proof), 401, 'invalid_dpop_proof');
    // A new proof from the same key for the same token is fine.
    const next = await dpopCall(app, token, await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token }));
    expect(next.status).toBe(200);
  });

  it('still accepts an unbound Bearer token, with the Bearer challenge on errors as before', async () => {
    const app = appFor('allowed');
    const ok = await request(app)
      .get('/api/things')
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`);
    expect(ok.status).toBe(200);
    const bad = await request(app).get('/api/things').set('Authorization', 'Bearer not.a.jwt');
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toMatch(/^Bearer realm="organize", error="invalid_token"/);
  });

  it('refuses a bound token sent as Bearer (401 invalid_token), with or without its proof', async () => {
    const app = appFor('allowed');
    const token = await boundToken();
    const bare = await request(app).get('/api/things').set('Authorization', `Bearer ${token}`);
    expect(bare.status).toBe(401);
    expect(bare.body.error).toBe('invalid_token');
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    const withProof = await request(app)
      .get('/api/things')
      .set('Host', HOST)
      .set('Authorization', `Bearer ${token}`)
      .set('DPoP', proof);
    expect(withProof.status).toBe(401);
    expect(withProof.body.error).toBe('invalid_token');
  });

  it('refuses a DPoP proof beside an unbound Bearer token (400 invalid_request)', async () => {
    const token = await tenant.mint({ scope: 'read:things' });
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    const res = await request(appFor('allowed'))
      .get('/api/things')
      .set('Host', HOST)
      .set('Authorization', `Bearer ${token}`)
      .set('DPoP', proof);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it.each([
    ['another method', { htm: 'POST' }],
    ['another URL', { htu: `http://${HOST}/api/other` }],
    ['another host', { htu: 'http://elsewhere.test/api/things' }],
    ['an iat 10 minutes old', { iat: Math.floor(Date.now() / 1000) - 600 }],
    ['an iat 2 minutes ahead', { iat: Math.floor(Date.now() / 1000) + 120 }],
    ['a jti of 300 characters', { jti: 'j'.repeat(300) }],
  ])('refuses a proof for %s (401 invalid_dpop_proof)', async (_name, change) => {
    const token = await boundToken();
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token, ...change });
    expectDpopError(await dpopCall(appFor('allowed'), token, proof), 401, 'invalid_dpop_proof');
  });

  it('refuses a proof made for another token (ath) and a garbled proof', async () => {
    const token = await boundToken();
    const forOther = await signProof(key, {
      htm: 'GET',
      htu: THINGS,
      accessToken: await tenant.mint({ sub: 'auth0|bob', cnf: { jkt: key.jkt } }),
    });
    expectDpopError(await dpopCall(appFor('allowed'), token, forOther), 401, 'invalid_dpop_proof');
    expectDpopError(await dpopCall(appFor('allowed'), token, 'x.y.z'), 401, 'invalid_dpop_proof');
  });

  it('refuses a proof signed by a key other than the token is bound to (401 invalid_token)', async () => {
    const token = await boundToken(key);
    const proof = await signProof(other, { htm: 'GET', htu: THINGS, accessToken: token });
    expectDpopError(await dpopCall(appFor('allowed'), token, proof), 401, 'invalid_token');
  });

  it('refuses a token bound some other way (mTLS x5t#S256), which the library would not check', async () => {
    const token = await tenant.mint({ scope: 'read:things', cnf: { 'x5t#S256': 'abc' } });
    const res = await request(appFor('allowed')).get('/api/things').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
  });

  it('keeps the scope check: a bound token without the scope is 403 with a DPoP challenge', async () => {
    const token = await tenant.mint({ scope: 'read:things', cnf: { jkt: key.jkt } });
    const url = `http://${HOST}/api/other`;
    const proof = await signProof(key, { htm: 'GET', htu: url, accessToken: token });
    expectDpopError(await dpopCall(appFor('allowed'), token, proof, url), 403, 'insufficient_scope');
  });

  it('remembers proofs in the guard it is given: two instances sharing one refuse a replay at the other', async () => {
    const shared = memoryReplayGuard();
    const [one, two] = [appFor('allowed', shared), appFor('allowed', shared)];
    const token = await boundToken();
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    expect((await dpopCall(one, token, proof)).status).toBe(200);
    expectDpopError(await dpopCall(two, token, proof), 401, 'invalid_dpop_proof');
  });

  it('answers 503 rather than forget a live proof when the memory is full', async () => {
    const app = appFor('allowed', memoryReplayGuard(2));
    const token = await boundToken();
    const call = async () =>
      dpopCall(app, token, await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token }));
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const full = await call();
    expect(full.status).toBe(503);
    expect(full.body.error).toBe('temporarily_unavailable');
    expect(full.headers['retry-after']).toBe('5');
  });
});

describe('DPOP_MODE=required', () => {
  it('accepts a bound token with its proof', async () => {
    const token = await boundToken();
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    expect((await dpopCall(appFor('required'), token, proof)).status).toBe(200);
  });

  it('refuses Bearer tokens, bound or not, with a DPoP challenge', async () => {
    for (const token of [await tenant.mint({ scope: 'read:things' }), await boundToken()]) {
      const res = await request(appFor('required')).get('/api/things').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(DPOP_CHALLENGE);
    }
    const none = await request(appFor('required')).get('/api/things');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^DPoP realm="organize", algs="ES256 /);
    expect(none.body.error_description).toBe('Send an access token: Authorization: DPoP <token>');
  });
});

describe('DPOP_MODE=off', () => {
  it('refuses a bound token (401 invalid_token) and the DPoP scheme (bare Bearer challenge)', async () => {
    const token = await boundToken();
    const bearer = await request(appFor('off')).get('/api/things').set('Authorization', `Bearer ${token}`);
    expect(bearer.status).toBe(401);
    expect(bearer.body.error).toBe('invalid_token');
    expect(bearer.headers['www-authenticate']).toMatch(/^Bearer realm="organize", error="invalid_token"/);
    const proof = await signProof(key, { htm: 'GET', htu: THINGS, accessToken: token });
    const dpop = await dpopCall(appFor('off'), token, proof);
    expect(dpop.status).toBe(401);
    expect(dpop.headers['www-authenticate']).toBe('Bearer realm="organize"');
  });
});
