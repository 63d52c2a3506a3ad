import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readEnv } from '@organizer/auth/read-env';
import { ConfigError, optionalPort, parseLocalTenantUrl, parseSpaOrigin } from '@organizer/auth/settings';
import { workspaceEnvFile } from '@organizer/env';
import { tenant as defaultTenant } from '../tenant.config.ts';
import { type DpopNonceSecret, parseDpopNonceSecret } from './dpop-nonce-secret.ts';
import { withSpaOrigin } from './spa-origin.ts';
import type { TenantDefinition } from './tenant-definition.ts';
import { MAX_TOKEN_LIFETIME_SECONDS, validateTenant } from './validate-tenant.ts';

/** The value in .env.example, accepted when AUTH0_M2M_CLIENT_SECRET is unset so `start` works right after install. */
export const DEV_M2M_CLIENT_SECRET = 'local-dev-m2m-secret-change-me';

export interface TenantConfig {
  /** The loopback address to listen on (localhost, 127.0.0.1 or ::1), from LOCAL_TENANT_URL. */
  host: string;
  /** LOCAL_TENANT_URL's port, unless PORT overrides it; 0 asks the OS for a free port (tests). */
  port: number;
  /** Where the signing keys live: a per-user folder outside the repository. Tests pass a temporary folder. */
  keysDir: string;
  /** SPA_ORIGIN: where the SPA is served; the SPA application's callback, logout URL and web origin. */
  spaOrigin: string;
  /** The validated tenant definition, with the SPA's origin and the M2M client ID taken from the environment. */
  tenant: TenantDefinition;
  m2mClientSecret: string;
  /** True when the secret is the published development value (start-up warns about it). */
  usingDevM2mSecret: boolean;
  /** DPOP_NONCE_SECRET, or a random secret for this process when it is unset (src/dpop-nonce-secret.ts). */
  dpopNonce: DpopNonceSecret;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * The private signing key must never sit where a dev server could hand it out, so it lives in the
 * user's state folder (XDG Base Directory: $XDG_STATE_HOME, else ~/.local/state), outside any checkout.
 */
export function defaultKeysDir(env: Env): string {
  const stateHome = nonEmpty(env.XDG_STATE_HOME);
  // The XDG spec says a relative value is invalid and must be ignored.
  const base =
    stateHome && isAbsolute(stateHome) ? stateHome : join(nonEmpty(env.HOME) ?? homedir(), '.local', 'state');
  return join(base, 'organizer', 'local-tenant');
}

/**
 * LOCAL_TENANT_ACCESS_TOKEN_SECONDS: when set, the access-token lifetime instead of tenant.config.ts's
 * api.tokenLifetimeSeconds, so a test stack (or a developer watching renewals) gets short-lived tokens
 * without editing the tenant file. Same limits as that field.
 */
function accessTokenSeconds(raw: string | undefined, fallback: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new ConfigError(
      'LOCAL_TENANT_ACCESS_TOKEN_SECONDS',
      `must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SECONDS} ("${value}")`,
      `Unset it to use tenant.config.ts's api.tokenLifetimeSeconds (${fallback} s).`,
    );
  }
  return seconds;
}

/**
 * Reads LOCAL_TENANT_URL (where the tenant listens; its issuer is that URL with "/"), PORT (when set, it
 * replaces that URL's port, as it did before LOCAL_TENANT_URL existed), SPA_ORIGIN (it replaces
 * tenant.config.ts's http://localhost:3000 in the SPA's URLs: src/spa-origin.ts), AUTH0_M2M_CLIENT_ID and
 * AUTH0_M2M_CLIENT_SECRET, LOCAL_TENANT_ACCESS_TOKEN_SECONDS, DPOP_NONCE_SECRET and the keys folder
 * (XDG_STATE_HOME, HOME), and validates the tenant definition.
 * Throws ConfigError for a bad value or an invalid tenant.config.ts.
 */
export function loadConfig(
  env: Env = readEnv(process.env, workspaceEnvFile()),
  definition: TenantDefinition = defaultTenant,
): TenantConfig {
  if (nonEmpty(env.NODE_ENV) === 'production') {
    throw new ConfigError(
      'NODE_ENV',
      'is production, and the local tenant is a development server (demo users, a published secret, plain http)',
      'Use your Auth0 tenant in production (AUTH0_DOMAIN); run the local tenant without NODE_ENV=production.',
    );
  }
  const spaOrigin = parseSpaOrigin(env.SPA_ORIGIN);
  const validated = withSpaOrigin(validateTenant(definition), spaOrigin);
  const m2mClientId = nonEmpty(env.AUTH0_M2M_CLIENT_ID) ?? validated.applications.m2m.clientId;
  const secret = nonEmpty(env.AUTH0_M2M_CLIENT_SECRET);
  const tenant = validateTenant({
    ...validated,
    api: {
      ...validated.api,
      tokenLifetimeSeconds: accessTokenSeconds(
        env.LOCAL_TENANT_ACCESS_TOKEN_SECONDS,
        validated.api.tokenLifetimeSeconds,
      ),
    },
    applications: { ...validated.applications, m2m: { ...validated.applications.m2m, clientId: m2mClientId } },
  });
  const local = parseLocalTenantUrl(env.LOCAL_TENANT_URL);
  const dpopNonce = parseDpopNonceSecret(env.DPOP_NONCE_SECRET);
  return {
    host: local.host,
    port: optionalPort('PORT', env.PORT, local.port),
    keysDir: defaultKeysDir(env),
    spaOrigin,
    tenant,
    m2mClientSecret: secret ?? DEV_M2M_CLIENT_SECRET,
    usingDevM2mSecret: secret === undefined || secret === DEV_M2M_CLIENT_SECRET,
    dpopNonce,
  };
}
