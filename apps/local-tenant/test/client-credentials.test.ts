import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientCredentials,
  DEV_SECRET,
  decodePayload,
  type LocalTenantUnderTest,
  startLocalTenant,
} from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

const M2M = { client_id: 'organizer-m2m', client_secret: DEV_SECRET };

describe('client credentials at /oauth/token', () => {
  it('issues an Auth0-shaped RS256 JWT for a form body with the secret in Basic', async () => {
    const response = await clientCredentials(tenant.issuer, { ...M2M, audience: 'organize' }, true);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'read:contacts' });

    const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', tenant.issuer));
    const { payload, protectedHeader } = await jwtVerify(String(body.access_token), jwks, {
      issuer: tenant.issuer,
      audience: 'organize',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      iss: tenant.issuer,
      aud: 'organize',
      sub: 'organizer-m2m@clients',
      client_id: 'organizer-m2m',
      gty: 'client-credentials',
      scope: 'read:contacts',
    });
    expect(payload.exp! - payload.iat!).toBe(86400);
  });

  it('accepts a JSON body with the secret in the body, as Auth0 does', async () => {
    const response = await fetch(new URL('oauth/token', tenant.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', ...M2M, audience: 'organize' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string };
    expect(decodePayload(body.access_token)).toMatchObject({ aud: 'organize', sub: 'organizer-m2m@clients' });
  });

  it('rejects malformed JSON with invalid_request', async () => {
    const response = await fetch(new URL('oauth/token', tenant.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('uses the default API when neither audience nor resource is sent', async () => {
    const response = await clientCredentials(tenant.issuer, M2M);
    const body = (await response.json()) as { access_token: string };
    expect(decodePayload(body.access_token).aud).toBe('organize');
  });

  it('refuses a scope outside the client grant with 403 access_denied naming it, as Auth0 does', async () => {
    for (const scope of ['read:contacts read:calendar', 'write:contacts', 'no:such-scope']) {
      const response = await clientCredentials(tenant.issuer, { ...M2M, scope });
      expect(response.status, scope).toBe(403);
      expect(response.headers.get('cache-control')).toContain('no-store');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        error: 'access_denied',
        error_description: `Client has not been granted scopes: ${scope.replace('read:contacts ', '')}`,
      });
    }
  });

  it('issues exactly the granted scope when it is requested, and all granted scopes when none is', async () => {
    const variants: Array<Record<string, string>> = [{ scope: 'read:contacts' }, {}, { scope: '' }];
    for (const extra of variants) {
      const response = await clientCredentials(tenant.issuer, { ...M2M, ...extra });
      expect(response.status, JSON.stringify(extra)).toBe(200);
      const body = (await response.json()) as { access_token: string; scope: string };
      expect(body.scope).toBe('read:contacts');
      expect(decodePayload(body.access_token).scope).toBe('read:contacts');
    }
  });

  it('checks the client before the scope: a wrong secret never learns what the grant holds', async () => {
    const response = await clientCredentials(tenant.issuer, {
      ...M2M,
      client_secret: 'wrong-secret',
      scope: 'read:calendar',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses an unknown audience instead of issuing an opaque token', async () => {
    const response = await clientCredentials(tenant.issuer, { ...M2M, audience: 'not-an-api' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_target' });
    const byResource = await clientCredentials(tenant.issuer, { ...M2M, resource: 'https://unknown.example' });
    expect(byResource.status).toBe(400);
    expect(await byResource.json()).toMatchObject({ error: 'invalid_target' });
  });

  it('refuses a wrong secret and an unknown client with invalid_client', async () => {
    const wrong = await clientCredentials(tenant.issuer, { ...M2M, client_secret: 'wrong-secret' }, true);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const unknown = await clientCredentials(tenant.issuer, { client_id: 'nobody', client_secret: 'x' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('does not let the SPA use client credentials', async () => {
    const response = await clientCredentials(tenant.issuer, { client_id: 'organizer-spa' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('uses AUTH0_M2M_CLIENT_SECRET when it is set', async () => {
    const custom = await startLocalTenant(undefined, {
      env: { AUTH0_M2M_CLIENT_SECRET: 'a-different-secret-for-tests' },
    });
    try {
      expect((await clientCredentials(custom.issuer, M2M)).status).toBe(401);
      expect(
        (await clientCredentials(custom.issuer, { ...M2M, client_secret: 'a-different-secret-for-tests' })).status,
      ).toBe(200);
      expect(custom.config.usingDevM2mSecret).toBe(false);
    } finally {
      await custom.stop();
    }
  });
});
