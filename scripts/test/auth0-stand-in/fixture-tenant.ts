import type { TenantFile } from '../../src/auth0-setup/index.ts';

/**
 * A fixed tenant definition for the tests, so they keep asserting exact requests when someone
 * edits apps/local-tenant/tenant.config.ts. Its shape follows that file: one read and one write
 * permission per service, two roles, three demo users, and only the callback the SPA serves.
 */
export const FIXTURE_TENANT: TenantFile = {
  api: {
    name: 'Organizer Service',
    identifier: 'organize',
    signingAlgorithm: 'RS256',
    tokenLifetimeSeconds: 86400,
    allowSkippingUserConsent: false,
    permissions: [
      { value: 'read:contacts', description: 'Read your contacts' },
      { value: 'write:contacts', description: 'Add and delete your contacts' },
      { value: 'read:calendar', description: 'Read your calendar' },
      { value: 'write:calendar', description: 'Add and delete your appointments' },
    ],
  },
  defaultAudience: 'organize',
  roles: [
    {
      name: 'Organizer user',
      description: 'Uses every part of Organizer',
      permissions: ['read:contacts', 'write:contacts', 'read:calendar', 'write:calendar'],
    },
    { name: 'Contacts reader', description: 'Uses the contacts service only', permissions: ['read:contacts'] },
  ],
  users: [
    { email: 'alice@example.com', name: 'Alice Example', password: 'alice-demo-pw', roles: ['Organizer user'] },
    { email: 'bob@example.com', name: 'Bob Example', password: 'bob-demo-pw', roles: ['Contacts reader'] },
    { email: 'carol@example.com', name: 'Carol Example', password: 'carol-demo-pw', roles: ['Organizer user'] },
  ],
  applications: {
    spa: {
      name: 'Organizer SPA',
      clientId: 'organizer-spa',
      callbackUrls: ['http://localhost:3000'],
      logoutUrls: ['http://localhost:3000'],
      webOrigins: ['http://localhost:3000'],
    },
    m2m: { name: 'Organizer M2M', clientId: 'organizer-m2m', grantedPermissions: ['read:contacts'] },
  },
};
