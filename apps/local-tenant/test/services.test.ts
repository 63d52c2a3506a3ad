import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, responseParameters, TenantBrowser } from '../src/login-client.ts';
import {
  ALICE,
  authorizeUrl,
  BOB,
  clientCredentials,
  DEV_SECRET,
  type LocalTenantUnderTest,
  startLocalTenant,
} from './helpers.ts';
import { callApi, type RunningServices, startServices } from './services.ts';

let tenant: LocalTenantUnderTest;
let services: RunningServices;
beforeAll(async () => {
  tenant = await startLocalTenant();
  services = await startServices(tenant.issuer);
});
afterAll(async () => {
  await services.close();
  await tenant.stop();
});

async function userToken(credentials: { email: string; password: string }): Promise<string> {
  const redirect = await authorizeAsUser(
    new TenantBrowser(tenant.issuer),
    authorizeUrl(tenant.issuer, {}),
    credentials,
  );
  return responseParameters(redirect).get('access_token')!;
}

describe('tokens through express-oauth2-jwt-bearer (the real services)', () => {
  it('contacts accepts an M2M token; calendar refuses it for lack of read:calendar', async () => {
    const response = await clientCredentials(tenant.issuer, {
      client_id: 'organizer-m2m',
      client_secret: DEV_SECRET,
      audience: 'organize',
    });
    const { access_token: token } = (await response.json()) as { access_token: string };

    const contacts = await callApi(services.contacts, token);
    expect(contacts.status).toBe(200);
    const calendar = await callApi(services.calendar, token);
    expect(calendar.status).toBe(403);
    expect(calendar.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await calendar.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it("accepts alice's token at both services", async () => {
    const token = await userToken(ALICE);
    expect((await callApi(services.contacts, token)).status).toBe(200);
    expect((await callApi(services.calendar, token)).status).toBe(200);
  });

  it("accepts bob's token at contacts only (RBAC)", async () => {
    const token = await userToken(BOB);
    expect((await callApi(services.contacts, token)).status).toBe(200);
    const calendar = await callApi(services.calendar, token);
    expect(calendar.status).toBe(403);
    expect(calendar.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('refuses a token from another issuer (the services trust only their tenant)', async () => {
    const other = await startLocalTenant();
    try {
      const response = await clientCredentials(other.issuer, { client_id: 'organizer-m2m', client_secret: DEV_SECRET });
      const { access_token: token } = (await response.json()) as { access_token: string };
      const contacts = await callApi(services.contacts, token);
      expect(contacts.status).toBe(401);
      expect(contacts.headers.get('www-authenticate')).toContain('error="invalid_token"');
    } finally {
      await other.stop();
    }
  });
});
