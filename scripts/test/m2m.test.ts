import { freePort } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTenant, readCliTenant } from '../src/cli-tenant.ts';
import { CliError, NotReachableError } from '../src/http-errors.ts';
import { runM2m } from '../src/m2m-run.ts';
import { type Stack, startStack } from './tenant-and-services.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

function cliTenant(): CliTenant {
  return readCliTenant({
    ISSUER_BASE_URL: stack.tenant.issuer,
    AUTH0_M2M_CLIENT_SECRET: 'local-dev-m2m-secret-change-me',
    CONTACTS_API_URL: stack.contacts,
    CALENDAR_API_URL: stack.calendar,
  });
}

describe('pnpm m2m', () => {
  it('gets a client-credentials token and prints both services’ status and body', async () => {
    const lines: string[] = [];
    await runM2m(cliTenant(), (line) => lines.push(line));
    const output = lines.join('\n');
    expect(output).toContain('Token for organizer-m2m');
    expect(output).toContain('scope: read:contacts)');
    expect(output).toContain(`GET ${stack.contacts} -> 200`);
    expect(output).toContain(`GET ${stack.calendar} -> 403`);
    expect(output).toContain('"error": "insufficient_scope"');
  });

  it('says clearly when the tenant is not running', async () => {
    const port = await freePort();
    const tenant = { ...cliTenant(), issuer: `http://localhost:${port}/`, local: true };
    const run = runM2m(tenant, () => undefined);
    await expect(run).rejects.toBeInstanceOf(NotReachableError);
    await expect(run).rejects.toThrow(
      /The tenant at http:\/\/localhost:\d+\/\.well-known\/openid-configuration is not reachable \(ECONNREFUSED\)\. Start everything with `pnpm dev`/,
    );
  });

  it('says clearly when a service is not running', async () => {
    const port = await freePort();
    const tenant = {
      ...cliTenant(),
      services: { contacts: stack.contacts, calendar: `http://localhost:${port}/api/calendar` },
    };
    await expect(runM2m(tenant, () => undefined)).rejects.toThrow(
      /The calendar service at .* is not reachable \(ECONNREFUSED\)/,
    );
  });

  it('reports a refused secret', async () => {
    const tenant = { ...cliTenant(), m2m: { clientId: 'organizer-m2m', clientSecret: 'wrong' } };
    const run = runM2m(tenant, () => undefined);
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toThrow(/refused the client-credentials request: 401 invalid_client/);
  });
});

describe('which tenant the helpers talk to', () => {
  it('defaults to the local tenant with the development secret', () => {
    const tenant = readCliTenant({});
    expect(tenant).toMatchObject({ issuer: 'http://localhost:4000/', local: true, auth0: false, audience: 'organize' });
    expect(tenant.m2m).toEqual({ clientId: 'organizer-m2m', clientSecret: 'local-dev-m2m-secret-change-me' });
    expect(tenant.services).toEqual({
      contacts: 'http://localhost:3001/api/contacts',
      calendar: 'http://localhost:3002/api/calendar',
    });
  });

  it('treats an ISSUER_BASE_URL on localhost as the local tenant and any other as a remote provider', () => {
    expect(readCliTenant({ ISSUER_BASE_URL: 'http://localhost:4100/' })).toMatchObject({
      issuer: 'http://localhost:4100/',
      local: true,
    });
    expect(() => readCliTenant({ ISSUER_BASE_URL: 'https://organizer.logto.app/oidc' })).toThrow(
      /AUTH0_M2M_CLIENT_SECRET is not set/,
    );
    const logto = readCliTenant({
      ISSUER_BASE_URL: 'https://organizer.logto.app/oidc',
      AUTH0_M2M_CLIENT_SECRET: 'x',
      AUDIENCE: 'https://api.organizer.example',
    });
    expect(logto).toMatchObject({
      issuer: 'https://organizer.logto.app/oidc',
      local: false,
      auth0: false,
      audience: 'https://api.organizer.example',
    });
  });

  it('uses https://<AUTH0_DOMAIN>/ and requires a real secret for Auth0', () => {
    expect(() => readCliTenant({ AUTH0_DOMAIN: 'demo.eu.auth0.com' })).toThrow(/AUTH0_M2M_CLIENT_SECRET is not set/);
    const tenant = readCliTenant({
      AUTH0_DOMAIN: 'demo.eu.auth0.com',
      AUTH0_M2M_CLIENT_SECRET: 's3cret',
      AUTH0_AUDIENCE: 'organize',
    });
    expect(tenant).toMatchObject({ issuer: 'https://demo.eu.auth0.com/', auth0: true, local: false });
    expect(() => readCliTenant({ AUTH0_DOMAIN: 'https://demo.eu.auth0.com' })).toThrow(
      /AUTH0_DOMAIN must be a bare domain, without a scheme/,
    );
  });
});
