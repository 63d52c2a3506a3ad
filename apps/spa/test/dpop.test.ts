// The login's DPoP parts that need no browser (RFC 9449): the proofs, the nonce retry, and the token request
// by fetch. The key store (IndexedDB) and the whole flow are covered in Chromium by browser-dpop.test.ts.
import { createHash } from 'node:crypto';
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  EmbeddedJWK,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DpopKey } from '../src/login/browser-state.ts';
import { connectTenant, dpopProof, fetchWithProof } from '../src/login/tenant.ts';

async function newKey(): Promise<DpopKey> {
  const pair = await generateKeyPair('ES256', { extractable: false });
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  const jwk = { kty, crv, x, y };
  return { privateKey: pair.privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

/** What a resource server checks: the signature against the embedded key, and the claims. */
async function readProof(proof: string) {
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
  return { payload, protectedHeader };
}

/** The `DPoP` header of each request a stubbed fetch got. */
function proofsSent(fetch: ReturnType<typeof vi.fn>): string[] {
  return fetch.mock.calls.map(([, init]) => new Headers((init as RequestInit).headers).get('DPoP') ?? '');
}

afterEach(() => vi.unstubAllGlobals());

describe('DPoP proofs', () => {
  it('are ES256 JWTs of typ dpop+jwt with the public JWK, htm, htu without query or fragment, iat, a random jti', async () => {
    const key = await newKey();
    const proof = await dpopProof(key, 'post', 'https://api.example/api/contacts?cursor=abc#top');
    const { payload, protectedHeader } = await readProof(proof);
    expect(protectedHeader).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk });
    expect(Object.keys(key.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(payload).toMatchObject({ htm: 'POST', htu: 'https://api.example/api/contacts' });
    expect(payload).not.toHaveProperty('ath');
    expect(payload).not.toHaveProperty('nonce');
    expect(Math.abs(Number(payload.iat) - Date.now() / 1000)).toBeLessThan(5);
    expect(String(payload.jti)).toMatch(/^[\w-]{22}$/);
    const again = await readProof(await dpopProof(key, 'POST', 'https://api.example/api/contacts'));
    expect(again.payload.jti).not.toBe(payload.jti);
    // The thumbprint the tenant puts in cnf.jkt is the one of this very header key.
    expect(await calculateJwkThumbprint(protectedHeader.jwk as never)).toBe(key.jkt);
  });

  it('carry ath = base64url(SHA-256(access token)) for a resource request', async () => {
    const { payload } = await readProof(await dpopProof(await newKey(), 'GET', 'https://api.example/x', 'at.b.c'));
    expect(payload.ath).toBe(createHash('sha256').update('at.b.c').digest('base64url'));
  });
});

describe('fetchWithProof', () => {
  it('answers a token endpoint’s use_dpop_nonce once with the nonce, and sends that nonce next time unasked', async () => {
    const key = await newKey();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        Response.json({ error: 'use_dpop_nonce' }, { status: 400, headers: { 'DPoP-Nonce': 'n-1' } }),
      )
      .mockResolvedValueOnce(Response.json({ access_token: 'a' }, { headers: { 'DPoP-Nonce': 'n-2' } }))
      .mockResolvedValueOnce(Response.json({ access_token: 'b' }));
    vi.stubGlobal('fetch', fetch);
    const url = 'https://tenant-a.example/oauth/token';
    expect((await fetchWithProof(key, url, { method: 'POST' })).status).toBe(200);
    expect((await fetchWithProof(key, url, { method: 'POST' })).status).toBe(200);
    const nonces = await Promise.all(proofsSent(fetch).map(async (proof) => (await readProof(proof)).payload.nonce));
    expect(nonces).toEqual([undefined, 'n-1', 'n-2']);
  });

  it('answers a resource server’s 401 DPoP error="use_dpop_nonce" once, with its ath', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        new Response('', {
          status: 401,
          headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': 'rs-1' },
        }),
      )
      .mockResolvedValueOnce(new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const response = await fetchWithProof(await newKey(), 'https://rs-b.example/api', { method: 'GET' }, 'tok');
    expect(response.status).toBe(200);
    const [first, second] = await Promise.all(proofsSent(fetch).map(readProof));
    expect([first?.payload.nonce, second?.payload.nonce]).toEqual([undefined, 'rs-1']);
    expect(second?.payload.ath).toBe(createHash('sha256').update('tok').digest('base64url'));
    expect(decodeProtectedHeader(proofsSent(fetch)[1] ?? '').typ).toBe('dpop+jwt');
  });

  it('does not retry any other refusal (a 401 invalid_token is the login’s renewal to handle)', async () => {
    const refused = new Response('', { status: 401, headers: { 'WWW-Authenticate': 'DPoP error="invalid_token"' } });
    const fetch = vi.fn().mockResolvedValue(refused);
    vi.stubGlobal('fetch', fetch);
    expect((await fetchWithProof(await newKey(), 'https://rs-c.example/api', {}, 'tok')).status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('the tenant’s token endpoint and discovery', () => {
  const tenant = () => connectTenant('http://tenant-d.example', 'spa-client', 'organize', 'http://spa.example');

  it('posts a form with client_id and audience; with a key, a proof for POST <issuer>oauth/token', async () => {
    const fetch = vi.fn().mockResolvedValue(Response.json({ access_token: 'a', token_type: 'DPoP' }));
    vi.stubGlobal('fetch', fetch);
    const key = await newKey();
    const answer = await tenant().token({ grant_type: 'refresh_token', refresh_token: 'r' }, key);
    expect(answer).toEqual({ ok: true, body: { access_token: 'a', token_type: 'DPoP' } });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://tenant-d.example/oauth/token');
    expect(init.method).toBe('POST');
    expect(Object.fromEntries(init.body as URLSearchParams)).toEqual({
      client_id: 'spa-client',
      audience: 'organize',
      grant_type: 'refresh_token',
      refresh_token: 'r',
    });
    const { payload } = await readProof(proofsSent(fetch)[0] ?? '');
    expect(payload).toMatchObject({ htm: 'POST', htu: 'http://tenant-d.example/oauth/token' });
    expect(payload).not.toHaveProperty('ath');
  });

  it('without a key sends no proof; refusals and silence become failures, never rejections', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(Response.json({ error: 'invalid_grant', error_description: 'gone' }, { status: 400 }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetch);
    expect(await tenant().token({ grant_type: 'refresh_token', refresh_token: 'r' })).toEqual({
      ok: false,
      failure: { error: 'invalid_grant', description: 'gone' },
    });
    expect(proofsSent(fetch)).toEqual(['']);
    expect(await tenant().token({ grant_type: 'refresh_token', refresh_token: 'r' })).toMatchObject({
      ok: false,
      failure: { error: 'network_error' },
    });
  });

  it('uses DPoP only when discovery lists ES256 in dpop_signing_alg_values_supported', async () => {
    const answers = [
      Response.json({ dpop_signing_alg_values_supported: ['ES256', 'EdDSA'] }),
      Response.json({ dpop_signing_alg_values_supported: ['EdDSA'] }),
      Response.json({ issuer: 'http://tenant-d.example/' }),
    ];
    const fetch = vi.fn(async () => answers.shift() ?? Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetch);
    const offers = [];
    for (let i = 0; i < 4; i += 1) offers.push(await tenant().offersDpop());
    expect(offers).toEqual([true, false, false, false]);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe(
      'http://tenant-d.example/.well-known/openid-configuration',
    );
  });
});
