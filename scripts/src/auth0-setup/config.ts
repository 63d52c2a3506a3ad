import { join } from 'node:path';
import { ConfigError } from '@organizer/auth/settings';
import { findRepoRoot, readEnv } from '@organizer/env';
import { scopeHelp } from './management-scopes.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** How the setup signs in to the Management API: its own M2M application, or a ready token. */
export type ManagementCredentials = { clientId: string; clientSecret: string } | { token: string };

export interface Auth0SetupConfig {
  /** The tenant's host name as the apps use it (AUTH0_DOMAIN), e.g. your-tenant.eu.auth0.com. */
  domain: string;
  /**
   * Where the Management API is called (AUTH0_MGMT_DOMAIN, default AUTH0_DOMAIN). Differs when
   * AUTH0_DOMAIN is a custom domain: the Management API lives on the tenant's canonical domain.
   */
  managementDomain: string;
  credentials: ManagementCredentials;
  /** The .env file the resulting values are written to (the repository root's). */
  envFile: string;
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function readDomain(env: Env, name = 'AUTH0_DOMAIN'): string {
  const domain = value(env, name);
  if (domain === undefined) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      'is not set, so there is no Auth0 tenant to set up',
      "Set it to your tenant's domain (Auth0 Dashboard → Settings → Domain), e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com, in .env or the environment.",
    );
  }
  // The SDK builds https://<domain>/..., so a scheme, path or trailing slash would break every URL.
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) {
    throw new ConfigError(
      name,
      `must be a bare host name ("${domain}")`,
      'Write it without https:// and without a trailing slash, e.g. your-tenant.eu.auth0.com.',
    );
  }
  return domain;
}

function readCredentials(env: Env): ManagementCredentials {
  const token = value(env, 'AUTH0_MGMT_TOKEN');
  const clientId = value(env, 'AUTH0_MGMT_CLIENT_ID');
  const clientSecret = value(env, 'AUTH0_MGMT_CLIENT_SECRET');
  if (clientId !== undefined && clientSecret !== undefined) return { clientId, clientSecret };
  if (token !== undefined && clientId === undefined && clientSecret === undefined) return { token };
  const missing = [clientId === undefined && 'AUTH0_MGMT_CLIENT_ID', clientSecret === undefined && 'AUTH0_MGMT_CLIENT_SECRET']
    .filter((name): name is string => name !== false)
    .join(' and ');
  throw new ConfigError(
    missing,
    `${missing.includes(' and ') ? 'are' : 'is'} not set: pnpm auth0:setup needs Management API credentials`,
    `Set AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET to a machine-to-machine application of your tenant (or AUTH0_MGMT_TOKEN to a Management API token) in .env or the environment.\n${scopeHelp()}`,
  );
}

/** Parsed once at start-up; `env` defaults to the root .env merged under the process environment. */
export function loadAuth0SetupConfig(env: Env = readEnv(process.env), envFile = join(findRepoRoot(), '.env')): Auth0SetupConfig {
  const domain = readDomain(env);
  const managementDomain = value(env, 'AUTH0_MGMT_DOMAIN') === undefined ? domain : readDomain(env, 'AUTH0_MGMT_DOMAIN');
  return { domain, managementDomain, credentials: readCredentials(env), envFile };
}
