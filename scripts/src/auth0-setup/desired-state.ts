import { tenant, type TenantDefinition } from '@organizer/local-tenant/tenant';

/** The tenant file's shape (apps/local-tenant/src/tenant-definition.ts). */
export type TenantFile = TenantDefinition;

/** apps/local-tenant/tenant.config.ts: what the local tenant serves and a real tenant should hold. */
export const TENANT_FILE: TenantFile = tenant;

/** The database connection Auth0 creates in every tenant; the demo users live there. */
export const DEMO_CONNECTION = 'Username-Password-Authentication';

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

/** What the tenant should look like, derived from the tenant file alone (no I/O). */
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

export function desiredTenant(tenant: TenantFile): DesiredTenant {
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
    },
    spa: {
      name: applications.spa.name,
      app_type: 'spa',
      // implicit is what the sample's SPA uses (the guide's flow); authorization_code lets the same
      // application move to code + PKCE without touching the tenant again.
      grant_types: ['implicit', 'authorization_code'],
      token_endpoint_auth_method: 'none',
      oidc_conformant: true,
      callbacks: [...applications.spa.callbackUrls],
      allowed_logout_urls: [...applications.spa.logoutUrls],
      web_origins: [...applications.spa.webOrigins],
      allowed_origins: [...applications.spa.webOrigins],
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
