import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTenant } from '@organizer/local-tenant';
import { loadConfig } from '@organizer/local-tenant/config';
import { freePort } from '@organizer/testing';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { readCliTenant } from '../src/cli-tenant.ts';
import { requestM2mToken } from '../src/client-credentials.ts';
import { startService, stopChild } from './tenant-and-services.ts';

describe('LOCAL_TENANT_URL', () => {
  it('puts the tenant on 127.0.0.1 with that issuer, and a service configured from the same env accepts its tokens', async () => {
    const port = await freePort('127.0.0.1');
    // What a developer sets to put the tenant on another site than the SPA; nothing names the issuer itself.
    const env = { LOCAL_TENANT_URL: `http://127.0.0.1:${port}`, AUTH0_DOMAIN: '', ISSUER_BASE_URL: '' };
    const keysDir = await mkdtemp(join(tmpdir(), 'scripts-tenant-keys-'));
    const tenant = await startTenant({ ...loadConfig(env), keysDir });
    const contacts = await startService('contacts', env).catch(async (err: unknown) => {
      await tenant.close();
      throw err;
    });
    try {
      expect(tenant.issuer).toBe(`http://127.0.0.1:${port}/`);
      expect(tenant.address).toBe('127.0.0.1');
      const discovery = (await (await fetch(`${tenant.issuer}.well-known/openid-configuration`)).json()) as {
        issuer: string;
      };
      expect(discovery.issuer).toBe(tenant.issuer);

      const cli = readCliTenant(env);
      expect(cli).toMatchObject({ issuer: tenant.issuer, local: true });
      const { accessToken } = await requestM2mToken(cli);
      expect(decodeJwt(accessToken).iss).toBe(`http://127.0.0.1:${port}/`);

      const res = await fetch(contacts.url, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { kind: string }).kind).toBe('client');
    } finally {
      await stopChild(contacts.child);
      await tenant.close();
      await rm(keysDir, { recursive: true, force: true });
    }
  }, 60_000);
});
