import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

describe('discovery and JWKS', () => {
  it('serves OpenID discovery with Auth0 paths and the trailing-slash issuer', async () => {
    const response = await fetch(new URL('.well-known/openid-configuration', tenant.issuer));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(tenant.issuer).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(doc).toMatchObject({
      issuer: tenant.issuer,
      authorization_endpoint: `${tenant.issuer}authorize`,
      token_endpoint: `${tenant.issuer}oauth/token`,
      userinfo_endpoint: `${tenant.issuer}userinfo`,
      jwks_uri: `${tenant.issuer}.well-known/jwks.json`,
      end_session_endpoint: `${tenant.issuer}v2/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(doc.response_types_supported).toEqual(expect.arrayContaining(['id_token token', 'code']));
    expect(doc.response_modes_supported).toEqual(expect.arrayContaining(['fragment', 'web_message']));
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(['implicit', 'authorization_code', 'refresh_token', 'client_credentials']),
    );
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'profile', 'email']));
  });

  it('publishes only the public part of the signing key, with CORS for the SPA', async () => {
    const response = await fetch(new URL('.well-known/jwks.json', tenant.issuer), {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: tenant.activeKid, alg: 'RS256', use: 'sig' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(secret);
  });

  it('listens on a loopback address only', () => {
    expect(['127.0.0.1', '::1']).toContain(tenant.address);
  });
});
