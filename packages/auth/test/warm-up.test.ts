import { TestTenant, unreachableIssuer } from '@organizer/testing';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { protectedTestApp } from './support/protected-app.ts';

const tenants: TestTenant[] = [];
afterAll(async () => {
  await Promise.all(tenants.map((tenant) => tenant.close()));
});

describe('warm-up', () => {
  it('fetches discovery and the JWKS once at start, so the first request fetches nothing', async () => {
    const tenant = await TestTenant.start();
    tenants.push(tenant);
    const { app, protection } = protectedTestApp(tenant.issuer, { warmUp: true });
    expect(await protection.ready).toBe(true);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
    const res = await request(app)
      .get('/api/things')
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`);
    expect(res.status).toBe(200);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
  });

  it('keeps trying while the tenant is not up yet, and is ready once it is', async () => {
    const issuer = await unreachableIssuer();
    const { protection } = protectedTestApp(issuer, { warmUp: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tenant = await TestTenant.start({ port: Number(new URL(issuer).port) });
    tenants.push(tenant);
    expect(await protection.ready).toBe(true);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([1, 1]);
  });

  it('says in plain words why the tenant cannot be used, once, and when it can', async () => {
    const tenant = await TestTenant.start();
    tenants.push(tenant);
    tenant.mode = 'failing';
    const lines: string[] = [];
    const { protection } = protectedTestApp(tenant.issuer, { warmUp: { report: (line) => lines.push(line) } });
    const said = () => lines.length > 0;
    for (let waited = 0; !said() && waited < 8000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toEqual([
      `test: cannot reach the tenant at ${tenant.issuer} (${tenant.issuer}.well-known/openid-configuration answered HTTP 500); start it or set ISSUER_BASE_URL. Requests will answer 503 until it is reachable.`,
    ]);
    tenant.mode = 'up';
    expect(await protection.ready).toBe(true);
    expect(lines.slice(1)).toEqual([`test: the tenant at ${tenant.issuer} is reachable now; its keys are loaded.`]);
  }, 20_000);

  it('is off unless asked for', async () => {
    const tenant = await TestTenant.start();
    tenants.push(tenant);
    const { protection } = protectedTestApp(tenant.issuer);
    expect(await protection.ready).toBe(false);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([0, 0]);
  });
});
