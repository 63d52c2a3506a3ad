import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Harness, line, MGMT, startHarness, writes } from './auth0-stand-in/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const calls = (h: Harness) => h.standIn.requests.map((r) => ({ call: line(r), body: r.body }));

describe('pnpm auth0:setup against an empty tenant', () => {
  test('first run: gets a Management token, reads by stable keys, then creates API, applications, grant and roles', async () => {
    const { code, out, err } = await h.run();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(calls(h)).toEqual([
      {
        call: 'POST /oauth/token',
        body: {
          grant_type: 'client_credentials',
          client_id: MGMT.clientId,
          client_secret: MGMT.clientSecret,
          audience: 'https://organizer-test.eu.auth0.com/api/v2/',
        },
      },
      {
        call: 'GET /api/v2/resource-servers?identifiers=organize&page=0&per_page=100&include_totals=true',
        body: undefined,
      },
      { call: 'GET /api/v2/clients?page=0&per_page=100&include_totals=true', body: undefined },
      { call: 'GET /api/v2/roles?per_page=100&page=0&include_totals=true', body: undefined },
      {
        call: 'POST /api/v2/resource-servers',
        body: {
          identifier: 'organize',
          name: 'Organizer Service',
          signing_alg: 'RS256',
          token_lifetime: 86400,
          scopes: [
            { value: 'read:contacts', description: 'Read your contacts' },
            { value: 'write:contacts', description: 'Add and delete your contacts' },
            { value: 'read:calendar', description: 'Read your calendar' },
            { value: 'write:calendar', description: 'Add and delete your appointments' },
          ],
          enforce_policies: true,
          token_dialect: 'access_token_authz',
          skip_consent_for_verifiable_first_party_clients: false,
          allow_offline_access: true,
        },
      },
      {
        call: 'POST /api/v2/clients',
        body: {
          name: 'Organizer SPA',
          app_type: 'spa',
          grant_types: ['authorization_code', 'refresh_token', 'implicit'],
          token_endpoint_auth_method: 'none',
          oidc_conformant: true,
          callbacks: ['http://localhost:3000'],
          allowed_logout_urls: ['http://localhost:3000'],
          web_origins: ['http://localhost:3000'],
          allowed_origins: ['http://localhost:3000'],
          refresh_token: {
            rotation_type: 'rotating',
            expiration_type: 'expiring',
            leeway: 10,
            token_lifetime: 86400,
            infinite_token_lifetime: false,
            idle_token_lifetime: 28800,
            infinite_idle_token_lifetime: false,
          },
        },
      },
      {
        call: 'POST /api/v2/clients',
        body: {
          name: 'Organizer M2M',
          app_type: 'non_interactive',
          grant_types: ['client_credentials'],
          token_endpoint_auth_method: 'client_secret_post',
          oidc_conformant: true,
        },
      },
      {
        call: 'POST /api/v2/client-grants',
        body: { client_id: 'client_2', audience: 'organize', scope: ['read:contacts'] },
      },
      { call: 'POST /api/v2/roles', body: { name: 'Organizer user', description: 'Uses every part of Organizer' } },
      {
        call: 'POST /api/v2/roles/rol_1/permissions',
        body: {
          permissions: [
            { resource_server_identifier: 'organize', permission_name: 'read:contacts' },
            { resource_server_identifier: 'organize', permission_name: 'write:contacts' },
            { resource_server_identifier: 'organize', permission_name: 'read:calendar' },
            { resource_server_identifier: 'organize', permission_name: 'write:calendar' },
          ],
        },
      },
      { call: 'POST /api/v2/roles', body: { name: 'Contacts reader', description: 'Uses the contacts service only' } },
      {
        call: 'POST /api/v2/roles/rol_2/permissions',
        body: { permissions: [{ resource_server_identifier: 'organize', permission_name: 'read:contacts' }] },
      },
    ]);
    expect(out).toContain('+ create     API "organize"');
    expect(out).toContain('Done: 8 created, 0 updated, 0 unchanged.');

    const secret = String(h.standIn.state.clients[1]?.['client_secret']);
    expect(await readFile(h.envFile, 'utf8')).toBe(
      [
        '# Written by pnpm auth0:setup for organizer-test.eu.auth0.com',
        'AUTH0_DOMAIN=organizer-test.eu.auth0.com',
        'AUTH0_CLIENT_ID=client_1',
        'AUTH0_AUDIENCE=organize',
        'AUTH0_M2M_CLIENT_ID=client_2',
        `AUTH0_M2M_CLIENT_SECRET=${secret}`,
        '',
      ].join('\n'),
    );
    // Secrets appear masked, never whole: the new M2M secret and the Management API credentials.
    expect(out).toContain(`AUTH0_M2M_CLIENT_SECRET=${secret.slice(0, 4)}…(${secret.length} characters)  added`);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(MGMT.clientSecret);
  });

  test('second run: reads only, makes no writes, and says there is nothing to change', async () => {
    await h.run();
    const envAfterFirst = await readFile(h.envFile, 'utf8');
    h.standIn.requests.length = 0;

    const { code, out } = await h.run();
    expect(code).toBe(0);
    expect(writes(h.standIn.requests)).toEqual([]);
    expect(out).toContain('Nothing to change: organizer-test.eu.auth0.com already matches tenant.config.ts.');
    expect(out).toContain(`${h.envFile}: nothing to change.`);
    expect(out.match(/= unchanged/g)).toHaveLength(8);
    expect(await readFile(h.envFile, 'utf8')).toBe(envAfterFirst);
  });

  test('--dry-run prints the plan and changes nothing, in the tenant or in .env', async () => {
    const { code, out } = await h.run(['--dry-run']);
    expect(code).toBe(0);
    expect(writes(h.standIn.requests)).toEqual([]);
    expect(h.standIn.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect(out).toContain('+ create     SPA application "Organizer SPA"');
    expect(out).toContain('      callbacks: ["http://localhost:3000"]');
    // The refresh-token policy, one line per setting, and the API allowing refresh tokens.
    expect(out).toContain(
      [
        '      refresh_token.rotation_type: "rotating"',
        '      refresh_token.expiration_type: "expiring"',
        '      refresh_token.leeway: 10',
        '      refresh_token.token_lifetime: 86400',
        '      refresh_token.infinite_token_lifetime: false',
        '      refresh_token.idle_token_lifetime: 28800',
        '      refresh_token.infinite_idle_token_lifetime: false',
      ].join('\n'),
    );
    expect(out).toContain('      grant_types: ["authorization_code","refresh_token","implicit"]');
    expect(out).toContain('      allow_offline_access: true');
    expect(out).toContain(
      'Dry run: 8 to create, 0 to update, 0 unchanged. Nothing was changed, in the tenant or in .env.',
    );
    await expect(readFile(h.envFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('pnpm auth0:setup against a tenant that drifted', () => {
  test('--dry-run shows the fields that differ; a run then fixes exactly those, keeping what the owner added', async () => {
    await h.run();
    const { state } = h.standIn;
    const spa = state.clients[0]!;
    spa['callbacks'] = ['https://organizer.example.com/callback.html']; // the owner's production URL
    state.resourceServers[0]!['token_lifetime'] = 600;
    state.roles[1]!.permissions.push({ resource_server_identifier: 'organize', permission_name: 'read:calendar' });
    h.standIn.requests.length = 0;

    const dry = await h.run(['--dry-run']);
    expect(writes(h.standIn.requests)).toEqual([]);
    expect(dry.out).toContain('~ update     API "organize"\n      token_lifetime: 600 → 86400');
    expect(dry.out).toContain(
      '~ update     SPA application "Organizer SPA"\n      callbacks: ["https://organizer.example.com/callback.html"] → ["https://organizer.example.com/callback.html","http://localhost:3000"]',
    );
    expect(dry.out).toContain(
      '~ update     permissions of role "Contacts reader"\n      permissions: ["read:contacts","read:calendar"] → ["read:contacts"]',
    );
    expect(dry.out).toContain('Dry run: 0 to create, 3 to update, 5 unchanged.');

    h.standIn.requests.length = 0;
    const { code, out } = await h.run();
    expect(code).toBe(0);
    expect(writes(h.standIn.requests).map((r) => ({ call: line(r), body: r.body }))).toEqual([
      { call: 'PATCH /api/v2/resource-servers/rs_1', body: { token_lifetime: 86400 } },
      {
        call: 'PATCH /api/v2/clients/client_1',
        body: { callbacks: ['https://organizer.example.com/callback.html', 'http://localhost:3000'] },
      },
      {
        call: 'DELETE /api/v2/roles/rol_2/permissions',
        body: { permissions: [{ resource_server_identifier: 'organize', permission_name: 'read:calendar' }] },
      },
    ]);
    expect(out).toContain('Done: 0 created, 3 updated, 5 unchanged.');
  });
});

describe('pnpm auth0:setup --with-demo-users', () => {
  test('creates the users in the database connection with their roles and enables it for the SPA; a second run makes no writes', async () => {
    const first = await h.run(['--with-demo-users']);
    expect(first.code).toBe(0);
    const userWrites = writes(h.standIn.requests).filter(
      (r) => r.path.includes('/users') || r.path.includes('/connections'),
    );
    expect(userWrites.map((r) => ({ call: line(r), body: r.body }))).toEqual([
      { call: 'PATCH /api/v2/connections/con_1/clients', body: [{ client_id: 'client_1', status: true }] },
      {
        call: 'POST /api/v2/users',
        body: {
          email: 'alice@example.com',
          name: 'Alice Example',
          email_verified: true,
          connection: 'Username-Password-Authentication',
          password: 'alice-demo-pw',
        },
      },
      { call: 'POST /api/v2/users/auth0%7Cuser_1/roles', body: { roles: ['rol_1'] } },
      {
        call: 'POST /api/v2/users',
        body: {
          email: 'bob@example.com',
          name: 'Bob Example',
          email_verified: true,
          connection: 'Username-Password-Authentication',
          password: 'bob-demo-pw',
        },
      },
      { call: 'POST /api/v2/users/auth0%7Cuser_2/roles', body: { roles: ['rol_2'] } },
      {
        call: 'POST /api/v2/users',
        body: {
          email: 'carol@example.com',
          name: 'Carol Example',
          email_verified: true,
          connection: 'Username-Password-Authentication',
          password: 'carol-demo-pw',
        },
      },
      { call: 'POST /api/v2/users/auth0%7Cuser_3/roles', body: { roles: ['rol_1'] } },
    ]);
    expect(first.out).not.toContain('alice-demo-pw');
    expect(first.out).not.toContain('carol-demo-pw');
    expect(first.out).toContain('password: (hidden, from tenant.config.ts)');

    h.standIn.requests.length = 0;
    const second = await h.run(['--with-demo-users']);
    expect(second.code).toBe(0);
    expect(writes(h.standIn.requests)).toEqual([]);
    expect(second.out).toContain('Nothing to change');
    expect(second.out).toContain('Passwords of demo users that already existed were left as they are.');
  });
});
