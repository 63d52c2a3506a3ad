import { DEFAULT_SPA_ORIGIN } from '@organizer/auth/settings';
import { describe, expect, test } from 'vitest';
import { type CurrentTenant, desiredTenant, planSetup, type Step, TENANT_FILE } from '../src/auth0-setup/index.ts';
import { FIXTURE_TENANT } from './auth0-stand-in/fixture-tenant.ts';

const desired = desiredTenant(FIXTURE_TENANT, DEFAULT_SPA_ORIGIN);
const empty: CurrentTenant = { roles: new Map(), users: new Map(), connection: { id: 'con_1', enabledClientIds: [] } };

/** A tenant that already matches the fixture, to be spoiled field by field. */
function matching(): CurrentTenant {
  return {
    resourceServer: { id: 'rs_1', fields: { ...desired.resourceServer } },
    spa: { id: 'spa_1', fields: { ...desired.spa } },
    m2m: { id: 'm2m_1', fields: { ...desired.m2m }, clientSecret: 's' },
    m2mGrant: { id: 'cgr_1', fields: { scope: ['read:contacts'] } },
    roles: new Map(
      desired.roles.map((role, i) => [
        role.name,
        { id: `rol_${i}`, fields: { ...role.fields }, permissions: [...role.permissions] },
      ]),
    ),
    connection: { id: 'con_1', enabledClientIds: ['spa_1'] },
    users: new Map(
      desired.users.map((user, i) => [
        user.email,
        { id: `u_${i}`, fields: { ...user.fields }, roles: [...user.roles] },
      ]),
    ),
  };
}

const find = (steps: Step[], label: string) => steps.find((step) => step.label === label);

describe('planSetup (pure: tenant file + current tenant → steps)', () => {
  test('a matching tenant: every step unchanged, with and without demo users', () => {
    expect(planSetup(desired, matching(), { withDemoUsers: false }).every((s) => s.action === 'unchanged')).toBe(true);
    const withUsers = planSetup(desired, matching(), { withDemoUsers: true });
    expect(withUsers).toHaveLength(15);
    expect(withUsers.every((s) => s.action === 'unchanged')).toBe(true);
  });

  test('an empty tenant: everything is created, in dependency order', () => {
    const steps = planSetup(desired, empty, { withDemoUsers: true });
    expect(steps.map((s) => `${s.action} ${s.label}`)).toEqual([
      'create API "organize"',
      'create SPA application "Organizer SPA"',
      'create M2M application "Organizer M2M"',
      'create grant of "Organizer M2M" to API "organize"',
      'create role "Organizer user"',
      'create permissions of role "Organizer user"',
      'create role "Contacts reader"',
      'create permissions of role "Contacts reader"',
      'update connection "Username-Password-Authentication" enabled for "Organizer SPA"',
      'create user alice@example.com',
      'create roles of user alice@example.com',
      'create user bob@example.com',
      'create roles of user bob@example.com',
      'create user carol@example.com',
      'create roles of user carol@example.com',
    ]);
  });

  test("URL lists and the API's permissions are additive: extras the owner added are kept, nothing to do while ours are present", () => {
    const current = matching();
    current.spa!.fields['web_origins'] = ['https://app.example.com', 'http://localhost:3000'];
    current.resourceServer!.fields['scopes'] = [
      ...(desired.resourceServer['scopes'] as object[]),
      { value: 'admin:organizer', description: 'theirs' },
    ];
    expect(planSetup(desired, current, { withDemoUsers: false }).every((s) => s.action === 'unchanged')).toBe(true);

    current.resourceServer!.fields['scopes'] = [
      { value: 'read:contacts', description: 'old words' },
      { value: 'admin:organizer', description: 'theirs' },
    ];
    const api = find(planSetup(desired, current, { withDemoUsers: false }), 'API "organize"');
    expect(api).toMatchObject({
      action: 'update',
      patch: {
        scopes: [
          { value: 'read:contacts', description: 'Read your contacts' },
          { value: 'write:contacts', description: 'Add and delete your contacts' },
          { value: 'read:calendar', description: 'Read your calendar' },
          { value: 'write:calendar', description: 'Add and delete your appointments' },
          { value: 'admin:organizer', description: 'theirs' },
        ],
      },
    });
  });

  test('scalar fields must equal the file: only the differing ones are patched', () => {
    const current = matching();
    current.resourceServer!.fields['enforce_policies'] = false;
    current.resourceServer!.fields['token_dialect'] = 'access_token';
    current.m2m!.fields['app_type'] = 'regular_web';
    const steps = planSetup(desired, current, { withDemoUsers: false });
    expect(find(steps, 'API "organize"')).toMatchObject({
      action: 'update',
      patch: { enforce_policies: true, token_dialect: 'access_token_authz' },
    });
    expect(find(steps, 'M2M application "Organizer M2M"')).toMatchObject({
      action: 'update',
      patch: { app_type: 'non_interactive' },
    });
  });

  test('--dpop gives the API proof-of-possession by DPoP, not required; without it the API is left as it is', () => {
    expect(desired.resourceServer).not.toHaveProperty('proof_of_possession');
    const withDpop = desiredTenant(FIXTURE_TENANT, DEFAULT_SPA_ORIGIN, { dpop: true });
    expect(withDpop.resourceServer['proof_of_possession']).toEqual({ mechanism: 'dpop', required: false });
    expect(find(planSetup(withDpop, matching(), { withDemoUsers: false }), 'API "organize"')).toMatchObject({
      action: 'update',
      patch: { proof_of_possession: { mechanism: 'dpop', required: false } },
    });
  });

  test("the SPA's refresh-token settings are compared key by key: Auth0's key order and its other keys change nothing", () => {
    const current = matching();
    const wanted = desired.spa['refresh_token'] as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(wanted).reverse());
    current.spa!.fields['refresh_token'] = { ...reversed, policies: null };
    expect(planSetup(desired, current, { withDemoUsers: false }).every((s) => s.action === 'unchanged')).toBe(true);

    current.spa!.fields['refresh_token'] = { ...reversed, policies: null, expiration_type: 'non-expiring' };
    expect(
      find(planSetup(desired, current, { withDemoUsers: false }), 'SPA application "Organizer SPA"'),
    ).toMatchObject({
      action: 'update',
      changes: [{ field: 'refresh_token.expiration_type', from: 'non-expiring', to: 'expiring' }],
      patch: { refresh_token: { ...wanted, policies: null } },
    });
  });

  test('who may call what is exact: extra role permissions and grant scopes are removed', () => {
    const current = matching();
    current.roles.get('Contacts reader')!.permissions.push('read:calendar');
    current.m2mGrant!.fields['scope'] = ['read:contacts', 'read:calendar'];
    const steps = planSetup(desired, current, { withDemoUsers: false });
    expect(find(steps, 'permissions of role "Contacts reader"')).toMatchObject({
      action: 'update',
      add: [],
      remove: ['read:calendar'],
    });
    expect(find(steps, 'grant of "Organizer M2M" to API "organize"')).toMatchObject({
      action: 'update',
      changes: [{ field: 'scope', from: ['read:contacts', 'read:calendar'], to: ['read:contacts'] }],
    });
  });

  test("a user's roles from the file are made exact; roles the file does not know are left alone", () => {
    const current = matching();
    current.users.get('bob@example.com')!.roles = ['Organizer user', 'Billing admin'];
    const step = find(planSetup(desired, current, { withDemoUsers: true }), 'roles of user bob@example.com');
    expect(step).toMatchObject({ action: 'update', add: ['Contacts reader'], remove: ['Organizer user'] });
  });

  test('the real tenant.config.ts plans one role step pair per role and grants only its listed permissions', () => {
    const real = desiredTenant(TENANT_FILE, DEFAULT_SPA_ORIGIN);
    const steps = planSetup(real, empty, { withDemoUsers: false });
    expect(steps).toHaveLength(4 + 2 * TENANT_FILE.roles.length);
    expect(
      find(steps, `grant of "${TENANT_FILE.applications.m2m.name}" to API "${TENANT_FILE.api.identifier}"`),
    ).toMatchObject({
      scope: TENANT_FILE.applications.m2m.grantedPermissions,
    });
  });
});
