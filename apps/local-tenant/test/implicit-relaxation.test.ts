import type { ClientMetadata } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

const implicitClient = (redirect: string): ClientMetadata => ({
  client_id: 'probe',
  token_endpoint_auth_method: 'none',
  grant_types: ['implicit'],
  response_types: ['id_token token'],
  redirect_uris: [redirect],
});

describe('the dev-only relaxation of client validation', () => {
  it('allows implicit clients on http://localhost (the guide’s SPA)', async () => {
    await expect(tenant.provider.Client.validate(implicitClient('http://localhost:3000/'))).resolves.toBeUndefined();
  });

  it('keeps every other client check', async () => {
    await expect(
      tenant.provider.Client.validate(implicitClient('http://localhost:3000/#fragment')),
    ).rejects.toMatchObject({ error_description: expect.stringMatching(/must not contain fragments/) });
    await expect(tenant.provider.Client.validate(implicitClient('ftp://localhost/'))).rejects.toMatchObject({
      error_description: expect.stringMatching(/must only contain web uris/),
    });
    await expect(
      tenant.provider.Client.validate({ ...implicitClient('http://localhost:3000'), response_types: ['code token'] }),
    ).rejects.toMatchObject({ error_description: expect.stringMatching(/response_types/) });
  });
});
