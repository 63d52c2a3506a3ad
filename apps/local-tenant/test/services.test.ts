import { signProof } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { codeExchange, DpopClient, newDpopKey } from './dpop-client.ts';
import {
  ALICE,
  authorizeUrl,
  BOB,
  clientCredentials,
  DEV_SECRET,
  type LocalTenantUnderTest,
  logInForCode,
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

  it("accepts alice's DPoP-bound token at both services with a proof of her key, and refuses it as Bearer", async () => {
    const client = new DpopClient(tenant.issuer, await newDpopKey());
    const { code, verifier } = await logInForCode(tenant.issuer);
    const answer = await client.token(codeExchange({ code, verifier }));
    expect(answer.body.token_type).toBe('DPoP');
    const token = String(answer.body.access_token);
    for (const url of [services.contacts, services.calendar]) {
      const proof = await signProof(client.key, { htm: 'GET', htu: url, accessToken: token });
      const bound = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
      expect(bound.status).toBe(200);
      const asBearer = await callApi(url, token);
      expect(asBearer.status).toBe(401);
      expect(await asBearer.json()).toMatchObject({ error: 'invalid_token' });
    }
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
