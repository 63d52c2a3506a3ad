import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { protectedTestApp, TestTenant, unreachableIssuer } from '../src/testing/index.ts';

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
    const res = await request(app).get('/api/things').set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:things' })}`);
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

  it('is off unless asked for', async () => {
    const tenant = await TestTenant.start();
    tenants.push(tenant);
    const { protection } = protectedTestApp(tenant.issuer);
    expect(await protection.ready).toBe(false);
    expect([tenant.discoveryFetches, tenant.jwksFetches]).toEqual([0, 0]);
  });
});
