// DPoP (RFC 9449) at the token endpoint: a code exchange or refresh with a proof gets tokens bound to the
// proof's key, after the nonce round trip; without a proof everything is Bearer, as before; and dpop_jkt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeExchange,
  DpopClient,
  dpopProof,
  newDpopKey,
  postToken,
  refusalReasons,
  SPA_ORIGIN,
  tokenEndpoint,
} from './dpop-client.ts';
import { decodePayload, type LocalTenantUnderTest, logInForCode, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
let reasons: ReturnType<typeof refusalReasons>;
beforeAll(async () => {
  tenant = await startLocalTenant();
  reasons = refusalReasons(tenant.provider);
});
afterAll(() => tenant.stop());

const refreshBody = (token: unknown) => ({ grant_type: 'refresh_token', refresh_token: String(token) });

/** A logged-in DPoP client: the code exchanged with proofs of its key. */
async function dpopLogin() {
  const client = new DpopClient(tenant.issuer, await newDpopKey());
  const tokens = await client.token(codeExchange(await logInForCode(tenant.issuer)));
  expect(tokens.status).toBe(200);
  return { client, tokens };
}

describe('DPoP-bound tokens', () => {
  it('a code exchange with a proof: 400 use_dpop_nonce with a DPoP-Nonce first, then DPoP tokens with cnf.jkt', async () => {
    const key = await newDpopKey();
    const login = await logInForCode(tenant.issuer);

    const first = await postToken(
      tenant.issuer,
      codeExchange(login),
      await dpopProof(key, tokenEndpoint(tenant.issuer)),
    );
    expect(first.status).toBe(400);
    expect(first.body).toEqual({ error: 'use_dpop_nonce', error_description: 'nonce is required in the DPoP proof' });
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toMatch(/^[\w-]{43}$/);
    // The SPA can read the nonce of the refusal: CORS names its origin and exposes the header.
    expect(first.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(first.headers.get('access-control-expose-headers')).toBe('DPoP-Nonce,WWW-Authenticate');

    // The refusal did not use up the code: the retry with the nonce exchanges it.
    const retry = await postToken(
      tenant.issuer,
      codeExchange(login),
      await dpopProof(key, tokenEndpoint(tenant.issuer), nonce!),
    );
    expect(retry.status).toBe(200);
    expect(retry.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(retry.body.token_type).toBe('DPoP');
    expect(typeof retry.body.refresh_token).toBe('string');
    expect(decodePayload(String(retry.body.access_token))).toMatchObject({
      aud: 'organize',
      iss: tenant.issuer,
      scope: 'read:contacts read:calendar',
      cnf: { jkt: key.jkt },
    });
    // The ID token is for the SPA itself and stays unbound.
    expect(decodePayload(String(retry.body.id_token))).not.toHaveProperty('cnf');
  });

  it('binds the refresh token: refused without a proof or with another key, rotated and still bound with the same key', async () => {
    const { client, tokens } = await dpopLogin();

    const without = await postToken(tenant.issuer, refreshBody(tokens.body.refresh_token));
    expect(without.status).toBe(400);
    expect(without.body).toEqual({ error: 'invalid_grant', error_description: 'grant request is invalid' });
    expect(reasons.last()).toBe('failed jkt verification');

    const other = new DpopClient(tenant.issuer, await newDpopKey());
    other.nonce = client.nonce;
    const otherKey = await other.token(refreshBody(tokens.body.refresh_token));
    expect(otherKey.status).toBe(400);
    expect(otherKey.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('failed jkt verification');

    // The refusals consumed nothing: the key's owner still refreshes.
    const rotated = await client.token(refreshBody(tokens.body.refresh_token));
    expect(rotated.status).toBe(200);
    expect(rotated.body.token_type).toBe('DPoP');
    expect(rotated.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(decodePayload(String(rotated.body.access_token)).cnf).toEqual({ jkt: client.key.jkt });

    const rotatedWithout = await postToken(tenant.issuer, refreshBody(rotated.body.refresh_token));
    expect(rotatedWithout.status).toBe(400);
    expect(rotatedWithout.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('failed jkt verification');
    expect((await client.token(refreshBody(rotated.body.refresh_token))).status).toBe(200);
  });

  it('refuses a proof presented twice (its jti is remembered)', async () => {
    const { client, tokens } = await dpopLogin();
    const proof = await dpopProof(client.key, tokenEndpoint(tenant.issuer), client.nonce);
    const once = await postToken(tenant.issuer, refreshBody(tokens.body.refresh_token), proof);
    expect(once.status).toBe(200);
    const twice = await postToken(tenant.issuer, refreshBody(once.body.refresh_token), proof);
    expect(twice.status).toBe(400);
    expect(twice.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('DPoP proof JWT Replay detected');
  });

  it('refuses a proof for another URL (invalid_dpop_proof)', async () => {
    const { client, tokens } = await dpopLogin();
    const wrongHtu = await dpopProof(client.key, new URL('userinfo', tenant.issuer).href, client.nonce);
    const answer = await postToken(tenant.issuer, refreshBody(tokens.body.refresh_token), wrongHtu);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_dpop_proof', error_description: 'DPoP proof htu mismatch' });
    // The query and fragment are not part of htu (RFC 9449 §4.3): the same URL with them is accepted.
    const withQuery = await dpopProof(client.key, `${tokenEndpoint(tenant.issuer)}?x=1`, client.nonce);
    expect((await postToken(tenant.issuer, refreshBody(tokens.body.refresh_token), withQuery)).status).toBe(200);
  });

  it('without a proof everything is as before: Bearer tokens without cnf, refreshable without a proof', async () => {
    const login = await postToken(tenant.issuer, codeExchange(await logInForCode(tenant.issuer)));
    expect(login.status).toBe(200);
    expect(login.body.token_type).toBe('Bearer');
    expect(login.headers.get('dpop-nonce')).toBeNull();
    expect(decodePayload(String(login.body.access_token))).not.toHaveProperty('cnf');
    const refreshed = await postToken(tenant.issuer, refreshBody(login.body.refresh_token));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token_type).toBe('Bearer');
    expect(decodePayload(String(refreshed.body.access_token))).not.toHaveProperty('cnf');
  });
});

// `dpop_jkt` at /authorize (RFC 9449 §10) binds the code to a key before the exchange; without it, the
// exchange's proof alone decides.
describe('dpop_jkt at /authorize', () => {
  it('binds the code: the exchange with that key gets DPoP tokens', async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    const login = await logInForCode(tenant.issuer, { dpop_jkt: client.key.jkt });
    const tokens = await client.token(codeExchange(login));
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('DPoP');
    expect(decodePayload(String(tokens.body.access_token)).cnf).toEqual({ jkt: client.key.jkt });
  });

  it('refuses the bound code without a proof, or with a proof of another key', async () => {
    const key = await newDpopKey();
    const withoutProof = await postToken(
      tenant.issuer,
      codeExchange(await logInForCode(tenant.issuer, { dpop_jkt: key.jkt })),
    );
    expect(withoutProof.status).toBe(400);
    expect(withoutProof.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('missing DPoP proof JWT');

    const other = new DpopClient(tenant.issuer, await newDpopKey());
    const otherKey = await other.token(codeExchange(await logInForCode(tenant.issuer, { dpop_jkt: key.jkt })));
    expect(otherKey.status).toBe(400);
    expect(otherKey.body.error).toBe('invalid_grant');
    expect(reasons.last()).toBe('DPoP proof key thumbprint does not match dpop_jkt');
  });

  it('is optional: a code from a login without dpop_jkt is exchanged with a proof of any key', async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    const tokens = await client.token(codeExchange(await logInForCode(tenant.issuer)));
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('DPoP');
    expect(decodePayload(String(tokens.body.access_token)).cnf).toEqual({ jkt: client.key.jkt });
  });
});
