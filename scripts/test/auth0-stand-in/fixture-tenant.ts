import type { TenantFile } from '../../src/auth0-setup/index.ts';

/**
 * A fixed tenant definition for the tests, so they keep asserting exact requests when someone
 * edits apps/local-tenant/tenant.config.ts.
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
      { value: 'read:calendar', description: 'Read your calendar' },
    ],
  },
  defaultAudience: 'organize',
  roles: [
    { name: 'Organizer user', description: 'Uses every part of Organizer', permissions: ['read:contacts', 'read:calendar'] },
    { name: 'Contacts reader', description: 'Uses the contacts service only', permissions: ['read:contacts'] },
  ],
  users: [
    { email: 'alice@example.com', name: 'Alice Example', password: 'alice-demo-pw', roles: ['Organizer user'] },
    { email: 'bob@example.com', name: 'Bob Example', password: 'bob-demo-pw', roles: ['Contacts reader'] },
  ],
  applications: {
    spa: {
      name: 'Organizer SPA',
      clientId: 'organizer-spa',
      callbackUrls: ['http://localhost:3000', 'http://localhost:3000/callback.html'],
      logoutUrls: ['http://localhost:3000'],
      webOrigins: ['http://localhost:3000'],
    },
    m2m: { name: 'Organizer M2M', clientId: 'organizer-m2m', grantedPermissions: ['read:contacts'] },
  },
};
