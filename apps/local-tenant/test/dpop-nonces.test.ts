// What a browser client needs to find and use DPoP at the tenant: discovery, the CORS preflight for the
// `DPoP` header, and nonces that any instance with the same DPOP_NONCE_SECRET accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DpopClient, dpopProof, newDpopKey, SPA_ORIGIN, tokenEndpoint } from './dpop-client.ts';
import {
  clientCredentials,
  DEV_SECRET,
  decodePayload,
  type LocalTenantUnderTest,
  startLocalTenant,
} from './helpers.ts';

const SECRET = 'a1'.repeat(32);

let tenant: LocalTenantUnderTest;
let sameSecret: LocalTenantUnderTest;
let otherSecret: LocalTenantUnderTest;
beforeAll(async () => {
  [tenant, sameSecret, otherSecret] = await Promise.all([
    startLocalTenant(undefined, { env: { DPOP_NONCE_SECRET: SECRET } }),
    startLocalTenant(undefined, { env: { DPOP_NONCE_SECRET: SECRET } }),
    startLocalTenant(),
  ]);
});
afterAll(() => Promise.all([tenant, sameSecret, otherSecret].map((t) => t?.stop())));

const m2m = {
  grant_type: 'client_credentials',
  client_id: 'organizer-m2m',
  client_secret: DEV_SECRET,
  audience: 'organize',
};

/** A client-credentials request with a proof of `key`, signed for `at`'s token endpoint, carrying `nonce`. */
async function m2mWithProof(at: LocalTenantUnderTest, nonce: string): Promise<Response> {
  const proof = await dpopProof(await newDpopKey(), tokenEndpoint(at.issuer), nonce);
  return fetch(tokenEndpoint(at.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: proof },
    body: new URLSearchParams(m2m),
  });
}

describe('DPoP discovery, CORS and nonces', () => {
  it('discovery lists ES256 in dpop_signing_alg_values_supported', async () => {
    const doc = (await (await fetch(new URL('.well-known/openid-configuration', tenant.issuer))).json()) as Record<
      string,
      unknown
    >;
    expect(doc.dpop_signing_alg_values_supported).toEqual(['ES256']);
  });

  it('the preflight from the SPA allows the DPoP header at /oauth/token', async () => {
    const preflight = await fetch(tokenEndpoint(tenant.issuer), {
      method: 'OPTIONS',
      headers: {
        origin: SPA_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,dpop',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['content-type', 'dpop']),
    );
  });

  it('a nonce from one instance works at another with the same DPOP_NONCE_SECRET, not at one without', async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    await client.token({ grant_type: 'refresh_token', refresh_token: 'unknown' });
    const [refused] = client.answers;
    expect(refused?.status).toBe(400);
    expect(refused?.body.error).toBe('use_dpop_nonce');
    const nonce = client.nonce!;

    // Client credentials take a proof too: the M2M token is then DPoP-bound.
    const shared = await m2mWithProof(sameSecret, nonce);
    expect(shared.status).toBe(200);
    const body = (await shared.json()) as Record<string, unknown>;
    expect(body.token_type).toBe('DPoP');
    expect(decodePayload(String(body.access_token)).cnf).toHaveProperty('jkt');

    const foreign = await m2mWithProof(otherSecret, nonce);
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toEqual({ error: 'use_dpop_nonce', error_description: 'invalid nonce in DPoP proof' });
    expect(foreign.headers.get('dpop-nonce')).toMatch(/^[\w-]{43}$/);
    expect(foreign.headers.get('dpop-nonce')).not.toBe(nonce);
  });

  it('client credentials without a proof stay Bearer', async () => {
    const response = await clientCredentials(tenant.issuer, { client_id: 'organizer-m2m', client_secret: DEV_SECRET });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.token_type).toBe('Bearer');
    expect(decodePayload(String(body.access_token))).not.toHaveProperty('cnf');
  });
});
