import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, TenantBrowser } from '../src/login-client.ts';
import {
  ALICE,
  authorizeUrl,
  decodePayload,
  type LocalTenantUnderTest,
  SPA_CALLBACK,
  startLocalTenant,
} from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

/** Alice logs in with a fresh S256 challenge; returns the code and the verifier that matches it. */
async function logInWithPkce(): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = await authorizeAsUser(
    new TenantBrowser(tenant.issuer),
    authorizeUrl(tenant.issuer, { response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' }),
    ALICE,
  );
  const code = redirect.searchParams.get('code');
  expect(code).toBeTruthy();
  return { code: code!, verifier };
}

function exchange(code: string, codeVerifier: string): Promise<Response> {
  return fetch(new URL('oauth/token', tenant.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: 'organizer-spa',
      code,
      redirect_uri: SPA_CALLBACK,
      code_verifier: codeVerifier,
    }),
  });
}

describe('authorization code + PKCE', () => {
  it('refuses the code with a wrong verifier', async () => {
    const { code } = await logInWithPkce();
    const wrong = await exchange(code, randomBytes(32).toString('base64url'));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('issues the tokens for the right verifier', async () => {
    const { code, verifier } = await logInWithPkce();
    const response = await exchange(code, verifier);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; id_token: string; scope: string };
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: 'organize',
      iss: tenant.issuer,
      scope: 'read:contacts read:calendar',
      client_id: 'organizer-spa',
    });
    expect(decodePayload(body.id_token)).toMatchObject({
      aud: 'organizer-spa',
      email: ALICE.email,
      name: 'Alice Example',
    });
  });

  it('requires PKCE from the public SPA client', async () => {
    const response = await fetch(authorizeUrl(tenant.issuer, { response_type: 'code' }), { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });
});
