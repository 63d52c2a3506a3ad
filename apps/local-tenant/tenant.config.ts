/**
 * The Organizer tenant: the API, its permissions, roles, users and applications, in the order of the
 * steps in Auth0's guide "Represent multiple APIs using a single logical API" (and the same concepts
 * in Logto's console). Edit this file to change what the local tenant serves; `pnpm auth0:setup`
 * applies the same file to a real Auth0 tenant. It is checked at start-up (src/tenant-definition.ts).
 */
import type { TenantDefinition } from './src/tenant-definition.ts';

export type { TenantDefinition } from './src/tenant-definition.ts';

export const tenant = {
  // Dashboard → Applications → APIs → Create API: one logical API stands for every microservice.
  api: {
    name: 'Organizer Service',
    // The `audience` the SPA asks for and the `aud` every service checks. Any string for Auth0; an
    // RFC 8707 server such as Logto wants an absolute URI here (for example https://api.organizer.example).
    identifier: 'organize',
    signingAlgorithm: 'RS256',
    // Auth0's default is 86400 s (24 h); Auth0 refuses more than 2592000 s (30 days), and so does this tenant.
    tokenLifetimeSeconds: 86400,
    // Auth0 never skips consent for apps on localhost, so the sample always shows the consent page.
    allowSkippingUserConsent: false,
    // Dashboard → APIs → Organizer Service → Permissions: one namespaced scope per microservice and action.
    permissions: [
      { value: 'read:contacts', description: 'Read your contacts' },
      { value: 'write:contacts', description: 'Add and delete your contacts' },
      { value: 'read:calendar', description: 'Read your calendar' },
      { value: 'write:calendar', description: 'Add and delete your appointments' },
    ],
  },

  // Logto's "default API resource": the API a token is for when a request names neither an
  // `audience` (Auth0) nor a `resource` (RFC 8707). Leave it undefined to issue no access token then.
  defaultAudience: 'organize',

  // Dashboard → User Management → Roles. With RBAC on, a user's token carries only the requested
  // scopes that one of the user's roles grants.
  roles: [
    {
      name: 'Organizer user',
      description: 'Uses every part of Organizer',
      permissions: ['read:contacts', 'write:contacts', 'read:calendar', 'write:calendar'],
    },
    {
      name: 'Contacts reader',
      description: 'Uses the contacts service only',
      permissions: ['read:contacts'],
    },
  ],

  // Dashboard → User Management → Users, in the Username-Password-Authentication database connection.
  // Demo passwords only: the local tenant keeps nothing but salted hashes of them in memory.
  users: [
    { email: 'alice@example.com', name: 'Alice Example', password: 'alice-demo-pw', roles: ['Organizer user'] },
    { email: 'bob@example.com', name: 'Bob Example', password: 'bob-demo-pw', roles: ['Contacts reader'] },
    { email: 'carol@example.com', name: 'Carol Example', password: 'carol-demo-pw', roles: ['Organizer user'] },
  ],

  // Dashboard → Applications.
  applications: {
    // A single-page application, no client secret: authorization code + PKCE with rotating refresh tokens
    // (the SPA's default flow; src/refresh-tokens.ts), and the guide's implicit grant (id_token token).
    spa: {
      name: 'Organizer SPA',
      clientId: 'organizer-spa',
      // Only URLs the SPA serves: whatever answered at a registered URL would receive the tokens.
      // http://localhost:3000 is SPA_ORIGIN's default: set SPA_ORIGIN and it replaces that origin in these
      // three lists (the local tenant and `pnpm auth0:setup` alike), so only the configured origin is accepted.
      // /api-docs/ is the API console's page (apps/spa/api-docs), which signs in with the same login.
      callbackUrls: ['http://localhost:3000', 'http://localhost:3000/api-docs/'],
      logoutUrls: ['http://localhost:3000', 'http://localhost:3000/api-docs/'],
      webOrigins: ['http://localhost:3000'],
    },
    // A machine-to-machine application: client credentials. Its secret comes from
    // AUTH0_M2M_CLIENT_SECRET (see .env.example), never from this file.
    m2m: {
      name: 'Organizer M2M',
      clientId: 'organizer-m2m',
      // The client grant: the permissions this application may ask for. Deliberately not all of them,
      // so the calendar service refuses its token and `pnpm m2m` shows a 403 beside a 200.
      grantedPermissions: ['read:contacts'],
    },
  },
} satisfies TenantDefinition;
