import { ConfigError } from '@organizer/auth/settings';
import type { TenantDefinition } from './tenant-definition.ts';

/** Auth0 refuses API token lifetimes above 30 days; the local tenant keeps the same limit. */
export const MAX_TOKEN_LIFETIME_SECONDS = 2_592_000;

// RFC 6749 §3.3 scope-token characters: printable ASCII except space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const FILE = 'tenant.config.ts';

function fail(field: string, problem: string, fix: string): never {
  throw new ConfigError(`${FILE} ${field}`, problem, fix);
}

function checkUrls(field: string, urls: readonly string[], originOnly: boolean): void {
  if (urls.length === 0) fail(field, 'is empty', 'List at least one URL, for example http://localhost:3000.');
  for (const value of urls) {
    const url = URL.parse(value);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      fail(
        field,
        `contains "${value}", which is not an http(s) URL`,
        'Use absolute URLs such as http://localhost:3000.',
      );
    }
    if (url.hash) fail(field, `contains "${value}" with a #fragment`, 'Remove the fragment.');
    if (originOnly && url.origin !== value.replace(/\/$/, '')) {
      fail(
        field,
        `contains "${value}", which is not an origin`,
        'Give scheme, host and port only, for example http://localhost:3000.',
      );
    }
  }
}

function checkUnique(field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) fail(field, `lists "${value}" twice`, 'Remove the duplicate.');
    seen.add(value);
  }
}

/**
 * Checks a tenant definition the way Auth0's dashboard would refuse the same input, so a mistake in
 * tenant.config.ts stops start-up with a message naming the field instead of failing at login time.
 */
export function validateTenant(definition: TenantDefinition): TenantDefinition {
  const { api, roles, users, applications } = definition;

  if (!api.name.trim()) fail('api.name', 'is empty', 'Give the API a name, for example "Organizer Service".');
  if (!api.identifier || /\s/.test(api.identifier)) {
    fail(
      'api.identifier',
      `must be a non-empty string without spaces ("${api.identifier}")`,
      'Use organize, or an absolute URI such as https://api.organizer.example.',
    );
  }
  if (api.signingAlgorithm !== 'RS256') {
    fail(
      'api.signingAlgorithm',
      `must be RS256 ("${String(api.signingAlgorithm)}")`,
      'The services verify RS256 signatures against the JWKS.',
    );
  }
  const lifetime = api.tokenLifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    fail(
      'api.tokenLifetimeSeconds',
      `must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SECONDS} (30 days), like Auth0's limit ("${lifetime}")`,
      'Use 86400 (24 hours, the Auth0 default) or less.',
    );
  }
  if (api.permissions.length === 0)
    fail('api.permissions', 'is empty', 'Declare one permission per service, for example read:contacts.');
  checkUnique(
    'api.permissions',
    api.permissions.map((p) => p.value),
  );
  for (const { value, description } of api.permissions) {
    if (!SCOPE_TOKEN.test(value))
      fail(
        'api.permissions',
        `contains "${value}", which is not a valid scope`,
        'Use letters, digits and punctuation without spaces or quotes, for example read:contacts.',
      );
    if (OIDC_SCOPES.has(value))
      fail(
        'api.permissions',
        `contains the OpenID Connect scope "${value}"`,
        'Name API permissions like read:contacts.',
      );
    if (!description.trim())
      fail(
        'api.permissions',
        `gives "${value}" no description`,
        'The consent page shows it; describe what the permission allows.',
      );
  }
  const permissions = new Set(api.permissions.map((p) => p.value));

  if (definition.defaultAudience !== undefined && definition.defaultAudience !== api.identifier) {
    fail(
      'defaultAudience',
      `is "${definition.defaultAudience}", which is not this tenant's API`,
      `Use "${api.identifier}" or leave it undefined.`,
    );
  }

  checkUnique(
    'roles',
    roles.map((r) => r.name),
  );
  for (const role of roles) {
    for (const permission of role.permissions) {
      if (!permissions.has(permission))
        fail(
          `roles "${role.name}"`,
          `grants "${permission}", which api.permissions does not declare`,
          'Add it to api.permissions or remove it from the role.',
        );
    }
  }
  const roleNames = new Set(roles.map((r) => r.name));

  checkUnique(
    'users',
    users.map((u) => u.email.toLowerCase()),
  );
  for (const user of users) {
    if (!/^[^\s@]+@[^\s@]+$/.test(user.email))
      fail('users', `contains "${user.email}", which is not an email address`, 'Users log in with an email address.');
    if (!user.name.trim()) fail(`users "${user.email}"`, 'has no name', 'The id_token carries it as `name`.');
    if (user.password.length < 8)
      fail(
        `users "${user.email}"`,
        'has a password shorter than 8 characters',
        "Use at least 8 characters (Auth0's lowest password policy).",
      );
    for (const role of user.roles) {
      if (!roleNames.has(role))
        fail(
          `users "${user.email}"`,
          `has the role "${role}", which roles does not define`,
          'Define the role or remove it from the user.',
        );
    }
  }

  const { spa, m2m } = applications;
  if (!spa.clientId.trim()) fail('applications.spa.clientId', 'is empty', 'Use organizer-spa.');
  if (!m2m.clientId.trim()) fail('applications.m2m.clientId', 'is empty', 'Use organizer-m2m.');
  if (spa.clientId === m2m.clientId)
    fail('applications.m2m.clientId', "equals the SPA's clientId", 'Give each application its own client ID.');
  checkUrls('applications.spa.callbackUrls', spa.callbackUrls, false);
  checkUrls('applications.spa.logoutUrls', spa.logoutUrls, false);
  checkUrls('applications.spa.webOrigins', spa.webOrigins, true);
  for (const permission of m2m.grantedPermissions) {
    if (!permissions.has(permission))
      fail(
        'applications.m2m.grantedPermissions',
        `lists "${permission}", which api.permissions does not declare`,
        'Grant only permissions of the API.',
      );
  }
  return definition;
}
