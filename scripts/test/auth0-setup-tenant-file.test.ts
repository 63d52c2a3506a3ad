import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TENANT_FILE, type TenantFile } from '../src/auth0-setup/index.ts';
import { FIXTURE_TENANT } from './auth0-stand-in/fixture-tenant.ts';
import { type Harness, line, startHarness, writes } from './auth0-stand-in/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const body = (h: Harness) => writes(h.standIn.requests).map((r) => ({ call: line(r), body: r.body }));

/**
 * Whether the SPA answers at a URL with one of its own pages: its origin (apps/spa/vite.config.ts
 * serves it on localhost:3000, the SPA_ORIGIN the services allow) and an HTML file at the root of
 * apps/spa, `/` being index.html. Anything else that answered there would receive the tokens.
 */
const SPA_ORIGIN = 'http://localhost:3000';
function spaServes(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.origin !== SPA_ORIGIN || parsed.search !== '' || parsed.hash !== '') return false;
  const page = parsed.pathname === '/' ? 'index.html' : parsed.pathname.slice(1);
  return page.endsWith('.html') && !page.includes('/') && existsSync(join(findRepoRoot(), 'apps/spa', page));
}

describe('the callback URLs auth0:setup registers for the SPA', () => {
  test("exactly the tenant file's, each a page the SPA serves", async () => {
    expect((await h.run()).code).toBe(0);
    const spa = h.standIn.state.clients.find((client) => client['app_type'] === 'spa')!;
    expect(spa['callbacks']).toEqual(FIXTURE_TENANT.applications.spa.callbackUrls);
    expect(spa['callbacks']).toEqual([SPA_ORIGIN]);
    for (const url of spa['callbacks'] as string[]) expect(spaServes(url), url).toBe(true);
    // The check itself: a page the SPA does not have is not "served".
    expect(spaServes(`${SPA_ORIGIN}/callback.html`)).toBe(false);
    expect(spaServes('http://localhost:3001')).toBe(false);
  });

  test('the real tenant.config.ts: the SPA application gets exactly its callback URLs', async () => {
    expect((await h.run([], { tenant: TENANT_FILE })).code).toBe(0);
    const spa = h.standIn.state.clients.find((client) => client['name'] === TENANT_FILE.applications.spa.name)!;
    expect(spa['callbacks']).toEqual(TENANT_FILE.applications.spa.callbackUrls);
  });
});

describe('SPA_ORIGIN: the origin auth0:setup registers for the SPA', () => {
  const lists = (client: Record<string, unknown>) => ({
    callbacks: client['callbacks'],
    allowed_logout_urls: client['allowed_logout_urls'],
    web_origins: client['web_origins'],
    allowed_origins: client['allowed_origins'],
  });

  test("an empty tenant gets the configured origin in place of the file's http://localhost:3000", async () => {
    const origin = 'http://localhost:5173';
    expect((await h.run([], { config: { spaOrigin: origin } })).code).toBe(0);
    const spa = h.standIn.state.clients.find((client) => client['app_type'] === 'spa')!;
    expect(lists(spa)).toEqual({
      callbacks: [origin],
      allowed_logout_urls: [origin],
      web_origins: [origin],
      allowed_origins: [origin],
    });
  });

  test('a tenant set up with the default keeps http://localhost:3000 and gains the new origin (the lists are additive)', async () => {
    expect((await h.run()).code).toBe(0);
    h.standIn.requests.length = 0;
    const origin = 'https://organizer.example.com';
    const both = [SPA_ORIGIN, origin];
    const { code, out } = await h.run([], { config: { spaOrigin: origin } });
    expect(code).toBe(0);
    expect(out).toContain(`      callbacks: ["${SPA_ORIGIN}"] → ${JSON.stringify(both)}`);
    expect(body(h)).toEqual([
      {
        call: 'PATCH /api/v2/clients/client_1',
        body: { callbacks: both, allowed_logout_urls: both, web_origins: both, allowed_origins: both },
      },
    ]);
  });
});

describe('permissions, roles and demo users: exactly what the tenant file says', () => {
  test('--with-demo-users on an empty tenant: four permissions, two roles, three users with their roles', async () => {
    expect((await h.run(['--with-demo-users'])).code).toBe(0);
    const { state } = h.standIn;
    expect(state.resourceServers).toHaveLength(1);
    expect(state.resourceServers[0]!['scopes']).toEqual(FIXTURE_TENANT.api.permissions);
    const permissions = Object.fromEntries(
      state.roles.map((role) => [role.name, role.permissions.map((p) => p.permission_name)]),
    );
    expect(permissions).toEqual({
      'Organizer user': ['read:contacts', 'write:contacts', 'read:calendar', 'write:calendar'],
      'Contacts reader': ['read:contacts'],
    });
    const roleName = (id: string) => state.roles.find((role) => role.id === id)?.name;
    expect(Object.fromEntries(state.users.map((user) => [user.email, user.roles.map(roleName)]))).toEqual({
      'alice@example.com': ['Organizer user'],
      'bob@example.com': ['Contacts reader'],
      'carol@example.com': ['Organizer user'],
    });
    // The machine-to-machine grant stays read-only.
    expect(state.grants.map((grant) => grant['scope'])).toEqual([['read:contacts']]);
  });

  test('a tenant set up before the write permissions: they are added, carol is created, nothing else changes', async () => {
    const readOnly = (names: readonly string[]) => names.filter((name) => name.startsWith('read:'));
    const before: TenantFile = {
      ...FIXTURE_TENANT,
      api: {
        ...FIXTURE_TENANT.api,
        permissions: FIXTURE_TENANT.api.permissions.filter((p) => p.value.startsWith('read:')),
      },
      roles: FIXTURE_TENANT.roles.map((role) => ({ ...role, permissions: readOnly(role.permissions) })),
      users: FIXTURE_TENANT.users.filter((user) => user.email !== 'carol@example.com'),
    };
    expect((await h.run(['--with-demo-users'], { tenant: before })).code).toBe(0);
    h.standIn.requests.length = 0;

    const { code, out } = await h.run(['--with-demo-users']);
    expect(code).toBe(0);
    const permission = (name: string) => ({ resource_server_identifier: 'organize', permission_name: name });
    expect(body(h)).toEqual([
      { call: 'PATCH /api/v2/resource-servers/rs_1', body: { scopes: FIXTURE_TENANT.api.permissions } },
      {
        call: 'POST /api/v2/roles/rol_1/permissions',
        body: { permissions: [permission('write:contacts'), permission('write:calendar')] },
      },
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
    expect(out).toContain('Done: 2 created, 2 updated, 11 unchanged.');
  });
});

describe("the SPA's refresh tokens on a tenant that drifted", () => {
  test('rotation switched off and the grant unticked in the Dashboard: the dry run names each setting, a run restores them, keeping what the owner added', async () => {
    expect((await h.run()).code).toBe(0);
    const { state } = h.standIn;
    const spa = state.clients[0]!;
    const policies = [{ audience: 'https://billing.example.com', scope: ['read:invoices'] }]; // the owner's own setting
    spa['refresh_token'] = { ...(spa['refresh_token'] as object), rotation_type: 'non-rotating', leeway: 0, policies };
    spa['grant_types'] = ['authorization_code', 'implicit'];
    state.resourceServers[0]!['allow_offline_access'] = false;
    h.standIn.requests.length = 0;

    const dry = await h.run(['--dry-run']);
    expect(writes(h.standIn.requests)).toEqual([]);
    expect(dry.out).toContain('~ update     API "organize"\n      allow_offline_access: false → true\n');
    expect(dry.out).toContain(
      [
        '~ update     SPA application "Organizer SPA"',
        '      grant_types: ["authorization_code","implicit"] → ["authorization_code","implicit","refresh_token"]',
        '      refresh_token.rotation_type: "non-rotating" → "rotating"',
        '      refresh_token.leeway: 0 → 10',
        '  = unchanged  M2M application "Organizer M2M"',
      ].join('\n'),
    );

    h.standIn.requests.length = 0;
    const { code, out } = await h.run();
    expect(code).toBe(0);
    expect(body(h)).toEqual([
      { call: 'PATCH /api/v2/resource-servers/rs_1', body: { allow_offline_access: true } },
      {
        call: 'PATCH /api/v2/clients/client_1',
        body: {
          grant_types: ['authorization_code', 'implicit', 'refresh_token'],
          refresh_token: {
            rotation_type: 'rotating',
            expiration_type: 'expiring',
            leeway: 10,
            token_lifetime: 86400,
            infinite_token_lifetime: false,
            idle_token_lifetime: 28800,
            infinite_idle_token_lifetime: false,
            policies,
          },
        },
      },
    ]);
    expect(out).toContain('Done: 0 created, 2 updated, 6 unchanged.');

    h.standIn.requests.length = 0;
    expect((await h.run()).out).toContain('Nothing to change');
    expect(writes(h.standIn.requests)).toEqual([]);
  });
});
