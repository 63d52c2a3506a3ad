import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantDefinition } from '../src/tenant-definition.ts';
import { tenant as sampleTenant } from '../tenant.config.ts';
import {
  clientCredentials,
  DEV_SECRET,
  decodePayload,
  type LocalTenantUnderTest,
  startLocalTenant,
} from './helpers.ts';
import { callApi, type RunningServices, startServices } from './services.ts';

// Logto and other RFC 8707 servers name an API by an absolute URI and select it with `resource=`.
const API = 'https://api.organizer.example';
const uriTenant: TenantDefinition = {
  ...sampleTenant,
  api: { ...sampleTenant.api, identifier: API },
  // No default API: the token request itself must name the API.
  defaultAudience: undefined,
  applications: {
    ...sampleTenant.applications,
    m2m: { ...sampleTenant.applications.m2m, grantedPermissions: ['read:contacts', 'read:calendar'] },
  },
};
const M2M = { client_id: 'organizer-m2m', client_secret: DEV_SECRET };

let tenant: LocalTenantUnderTest;
let services: RunningServices;
beforeAll(async () => {
  tenant = await startLocalTenant(uriTenant);
  services = await startServices(tenant.issuer, API);
});
afterAll(async () => {
  await services.close();
  await tenant.stop();
});

describe('other providers: an API identified by a URI, selected with resource=', () => {
  it('issues a token for resource=<URI> that both services accept', async () => {
    const response = await clientCredentials(tenant.issuer, {
      ...M2M,
      resource: API,
      scope: 'read:contacts read:calendar',
    });
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    expect(decodePayload(token)).toMatchObject({ aud: API, iss: tenant.issuer, scope: 'read:contacts read:calendar' });

    expect((await callApi(services.contacts, token)).status).toBe(200);
    expect((await callApi(services.calendar, token)).status).toBe(200);
  });

  it('refuses a token for this API at services expecting the Auth0-style audience', async () => {
    const organize = await startServices(tenant.issuer, 'organize');
    try {
      const response = await clientCredentials(tenant.issuer, { ...M2M, resource: API });
      const { access_token: token } = (await response.json()) as { access_token: string };
      const contacts = await callApi(organize.contacts, token);
      expect(contacts.status).toBe(401);
      expect(contacts.headers.get('www-authenticate')).toContain('error="invalid_token"');
    } finally {
      await organize.close();
    }
  });

  it('refuses a client-credentials request that names no API when there is no default', async () => {
    const response = await clientCredentials(tenant.issuer, M2M);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'access_denied' });
  });
});
