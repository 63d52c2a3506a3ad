import { withSpaOrigin } from '@organizer/local-tenant/spa-origin';
import { type TenantDefinition, tenant } from '@organizer/local-tenant/tenant';

/** The tenant file's shape (apps/local-tenant/src/tenant-definition.ts). */
export type TenantFile = TenantDefinition;

/** apps/local-tenant/tenant.config.ts: what the local tenant serves and a real tenant should hold. */
export const TENANT_FILE: TenantFile = tenant;

/** The database connection Auth0 creates in every tenant; the demo users live there. */
export const DEMO_CONNECTION = 'Username-Password-Authentication';

/**
 * Settings a real Auth0 tenant needs that the tenant file does not express (yet): how the SPA
 * renews its tokens. The SPA logs in with authorization code + PKCE by default and keeps the guide's
 * implicit flow selectable, so its application allows both grants, plus refresh tokens.
 */
export const AUTH0_SPA_SETTINGS = {
  grant_types: ['authorization_code', 'refresh_token', 'implicit'],
  // Dashboard → Applications → Organizer SPA → Refresh Token Rotation / Expiration.
  refresh_token: {
    // Every use returns a new refresh token; presenting a used one again revokes the whole family.
    rotation_type: 'rotating',
    expiration_type: 'expiring',
    // "Reuse interval": a renewal retried after its answer was lost gets a token instead of a logout.
    leeway: 10,
    // The SPA keeps refresh tokens in memory only, so a long life buys little: one lasts at most a
    // day, and 8 h unused; after that the SPA signs in again through the tenant's session.
    token_lifetime: 86_400,
    infinite_token_lifetime: false,
    idle_token_lifetime: 28_800,
    infinite_idle_token_lifetime: false,
  },
} as const;

/** Fields of an Auth0 object as the Management API names them (snake_case), ready to send. */
export type Fields = Record<string, unknown>;

export interface DesiredRole {
  name: string;
  fields: Fields;
  /** Permission names of this API the role must hold (exactly these). */
  permissions: readonly string[];
}

export interface DesiredUser {
  email: string;
  /** Fields compared with an existing user (the password is only sent on creation). */
  fields: Fields;
  password: string;
  roles: readonly string[];
}

/** What the tenant should look like, derived from the tenant file and SPA_ORIGIN alone (no I/O). */
export interface DesiredTenant {
  audience: string;
  resourceServer: Fields;
  spa: Fields & { name: string };
  m2m: Fields & { name: string };
  m2mGrantScope: readonly string[];
  roles: readonly DesiredRole[];
  users: readonly DesiredUser[];
  connection: string;
}

/**
 * `dpop` (--dpop) adds the API's proof-of-possession. `spaOrigin` (SPA_ORIGIN) replaces the file's http://localhost:3000 in the SPA's URLs, exactly as the local
 * tenant does (apps/local-tenant/src/spa-origin.ts), so both register the SPA at the same origin.
 */
export function desiredTenant(file: TenantFile, spaOrigin: string, { dpop = false } = {}): DesiredTenant {
  const tenant = withSpaOrigin(file, spaOrigin);
  const { api, applications } = tenant;
  return {
    audience: api.identifier,
    resourceServer: {
      identifier: api.identifier,
      name: api.name,
      signing_alg: api.signingAlgorithm,
      token_lifetime: api.tokenLifetimeSeconds,
      scopes: api.permissions.map((p) => ({ value: p.value, description: p.description })),
      // RBAC: a token carries only the permissions the user's roles (or the client grant) allow.
      enforce_policies: true,
      // Adds the `permissions` claim beside `scope`, so both views of RBAC are in the token.
      token_dialect: 'access_token_authz',
      skip_consent_for_verifiable_first_party_clients: api.allowSkippingUserConsent,
      // Without it Auth0 issues no refresh token for this API, whatever the SPA asks for.
      allow_offline_access: true,
      // --dpop: tokens for this API may be DPoP-bound (RFC 9449), as the SPA's code flow asks when the
      // tenant's discovery lists ES256; not required, so the guide's implicit flow and M2M stay Bearer
      // (the services' DPOP_MODE=allowed).
      ...(dpop ? { proof_of_possession: { mechanism: 'dpop', required: false } } : {}),
    },
    spa: {
      name: applications.spa.name,
      app_type: 'spa',
      grant_types: [...AUTH0_SPA_SETTINGS.grant_types],
      // A public client: no secret; PKCE protects the code exchange.
      token_endpoint_auth_method: 'none',
      oidc_conformant: true,
      callbacks: [...applications.spa.callbackUrls],
      allowed_logout_urls: [...applications.spa.logoutUrls],
      web_origins: [...applications.spa.webOrigins],
      allowed_origins: [...applications.spa.webOrigins],
      refresh_token: { ...AUTH0_SPA_SETTINGS.refresh_token },
    },
    m2m: {
      name: applications.m2m.name,
      app_type: 'non_interactive',
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_post',
      oidc_conformant: true,
    },
    m2mGrantScope: [...applications.m2m.grantedPermissions],
    roles: tenant.roles.map((role) => ({
      name: role.name,
      fields: { name: role.name, description: role.description },
      permissions: [...role.permissions],
    })),
    users: tenant.users.map((user) => ({
      email: user.email.toLowerCase(),
      fields: { email: user.email.toLowerCase(), name: user.name, email_verified: true },
      password: user.password,
      roles: [...user.roles],
    })),
    connection: DEMO_CONNECTION,
  };
}
