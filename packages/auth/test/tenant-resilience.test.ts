import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigningKey, TestTenant, unreachableIssuer } from '@organizer/testing';
import type { Express } from 'express';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ProtectionOptions } from '../src/index.ts';
import { protectedTestApp } from './support/protected-app.ts';

const servers: Server[] = [];
const tenants: TestTenant[] = [];

async function listen(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function tenantAndService(options: ProtectionOptions = {}): Promise<{ tenant: TestTenant; url: string }> {
  const tenant = await TestTenant.start();
  tenants.push(tenant);
  // The cache is off unless a test asks for it: these tests are about the library's own key handling.
  const { app } = protectedTestApp(tenant.issuer, { cache: false, ...options });
  return { tenant, url: await listen(app) };
}

function call(url: string, token?: string): Promise<Response> {
  return fetch(`${url}/api/things`, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(async () => {
  await Promise.all(tenants.splice(0).map((tenant) => tenant.close()));
});

describe('discovery and JWKS fetches', () => {
  it('concurrent first requests cause one discovery fetch and one JWKS fetch', async () => {
    const { tenant, url } = await tenantAndService();
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tenant.mint({ sub: `auth0|u${i}`, scope: 'read:things' })),
    );
    const statuses = await Promise.all(tokens.map(async (token) => (await call(url, token)).status));
    expect(statuses).toEqual(tokens.map(() => 200));
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
  });

  it('a flood of unknown kids causes no JWKS fetch during the 30 s cooldown, and one after it', async () => {
    const { tenant, url } = await tenantAndService();
    const stranger = await createSigningKey('stranger');
    const flood = async () => {
      const tokens = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          tenant.mint({ scope: 'read:things' }, { key: stranger, header: { kid: `unknown-${i}-${Math.random()}` } }),
        ),
      );
      return new Set(await Promise.all(tokens.map(async (token) => (await call(url, token)).status)));
    };
    expect((await call(url, await tenant.mint({ scope: 'read:things' }))).status).toBe(200);
    // Only Date moves (the cooldown is measured with it), so the test does not wait 30 s or race a short one.
    vi.useFakeTimers({ toFake: ['Date'] });
    expect(await flood()).toEqual(new Set([401]));
    expect(tenant.jwksFetches).toBe(1);
    vi.setSystemTime(Date.now() + 31_000);
    expect(await flood()).toEqual(new Set([401]));
    expect(tenant.jwksFetches).toBe(2);
    expect(tenant.discoveryFetches).toBe(1);
  });
});

describe('key rotation', () => {
  it('picks up a new kid without a restart and keeps accepting the old key while it is published', async () => {
    const { tenant, url } = await tenantAndService();
    const old = await tenant.mint({ scope: 'read:things' });
    expect((await call(url, old)).status).toBe(200);
    await tenant.rotate('key-2');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000); // past the library's cooldown since the first JWKS fetch
    expect((await call(url, await tenant.mint({ scope: 'read:things' }))).status).toBe(200);
    expect(
      (await call(url, await tenant.mint({ sub: 'auth0|again', scope: 'read:things' }, { key: tenant.published[0] })))
        .status,
    ).toBe(200);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 2]);
  });
});

describe('a tenant that is down', () => {
  it('unreachable from the start: 503 at once, no internal detail, the service keeps running', async () => {
    const issuer = await unreachableIssuer();
    const minter = await TestTenant.start();
    tenants.push(minter);
    const { app } = protectedTestApp(issuer, { cache: false, tenantTimeoutMs: 500 });
    const url = await listen(app);
    const token = await minter.mint({ iss: issuer, scope: 'read:things' });
    const started = Date.now();
    const res = await call(url, token);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = JSON.stringify([await res.json(), [...res.headers]]);
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|metadata|Error/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await call(url)).status).toBe(401);
  });

  it('silent (accepts connections, never answers): 503 after the tenant timeout, then recovers', async () => {
    const { tenant, url } = await tenantAndService({ tenantTimeoutMs: 300 });
    tenant.mode = 'silent';
    const token = await tenant.mint({ scope: 'read:things' });
    const started = Date.now();
    expect((await call(url, token)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
    tenant.mode = 'up';
    // The library retries discovery once its failed attempt is over; a short wait lets the silent one end.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await call(url, token)).status).toBe(200);
  });

  it('answering 500: 503, and the same token works once the tenant is back (failures are not kept)', async () => {
    const { tenant, url } = await tenantAndService({ cache: {} });
    tenant.mode = 'failing';
    const token = await tenant.mint({ scope: 'read:things' });
    expect((await call(url, token)).status).toBe(503);
    tenant.mode = 'up';
    expect((await call(url, token)).status).toBe(200);
  });

  it('going down later: keys stay cached, so valid tokens keep working; an unknown kid gets a prompt answer', async () => {
    const { tenant, url } = await tenantAndService({ jwksCooldownMs: 0, tenantTimeoutMs: 300 });
    expect((await call(url, await tenant.mint({ scope: 'read:things' }))).status).toBe(200);
    await tenant.close();
    tenants.splice(tenants.indexOf(tenant), 1);
    expect((await call(url, await tenant.mint({ sub: 'auth0|new-token', scope: 'read:things' }))).status).toBe(200);
    const stranger = await createSigningKey('rotated-while-down');
    const token = await tenant.mint({ scope: 'read:things' }, { key: stranger });
    const started = Date.now();
    const res = await call(url, token);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
