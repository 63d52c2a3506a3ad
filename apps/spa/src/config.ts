import {
  ConfigError,
  DEFAULT_AUDIENCE,
  DEFAULT_LOCAL_TENANT_URL,
  DEFAULT_SPA_ORIGIN,
  parseAudience,
  parseAuth0Domain,
  parseLocalTenantUrl,
  parseSpaOrigin,
  present,
} from '@organizer/auth/settings';
import { parseApiUrls } from '@organizer/env/api-urls';

// One class and one parser per setting for every part (services, SPA, pnpm dev, scripts): the settings module
// is pure, so the page runs the same code.
export { ConfigError, DEFAULT_AUDIENCE, DEFAULT_SPA_ORIGIN };

/**
 * The only variables the page may receive. Its servers (the dev server and the built SPA's server) hand
 * exactly these to it as /config.json, so a secret in `.env` (AUTH0_M2M_CLIENT_SECRET, …) never reaches a browser.
 */
export const SPA_ENV_KEYS = [
  'AUTH0_DOMAIN',
  'LOCAL_TENANT_URL',
  'AUTH0_CLIENT_ID',
  'AUTH0_AUDIENCE',
  'SPA_CHECK_SESSION_SECONDS',
  'CONTACTS_API_URL',
  'CALENDAR_API_URL',
  'SPA_ORIGIN',
] as const;

export type SpaEnvKey = (typeof SPA_ENV_KEYS)[number];
export type SpaEnv = Partial<Record<SpaEnvKey, string>>;

export const LOCAL_TENANT_URL = DEFAULT_LOCAL_TENANT_URL;
export const DEFAULT_CLIENT_ID = 'organizer-spa';
/** Auth0's guide: check the session no more often than every 15 minutes (rate limits). */
export const DEFAULT_CHECK_SESSION_SECONDS = 15 * 60;
/** setInterval's limit (2^31-1 ms). */
const MAX_CHECK_SESSION_SECONDS = 2_147_483;

export interface TenantConfig {
  /** What auth0-js gets as `domain`: a bare host for Auth0, a full http URL for the local tenant. */
  domain: string;
  /** The `iss` the id_token must carry. */
  issuer: string;
  local: boolean;
}

export interface SpaConfig {
  tenant: TenantConfig;
  clientId: string;
  audience: string;
  checkSessionSeconds: number;
  apis: { contacts: string; calendar: string };
  /** Where the page must be open: the tenant's registered callback and logout URL, the services' CORS origin. */
  spaOrigin: string;
}

/** Copies only the SPA's variables out of an environment (the root `.env` merged under the process env). */
export function pickSpaEnv(env: Readonly<Record<string, string | undefined>>): SpaEnv {
  const picked: SpaEnv = {};
  for (const key of SPA_ENV_KEYS) {
    const value = env[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

const CLIENT_ID = /^[A-Za-z0-9._~-]+$/;

/** AUTH0_DOMAIN names a real tenant; empty, the local tenant at LOCAL_TENANT_URL (both checked either way). */
function parseTenant(env: SpaEnv): TenantConfig {
  const domain = parseAuth0Domain(env.AUTH0_DOMAIN);
  const local = parseLocalTenantUrl(env.LOCAL_TENANT_URL);
  if (domain === undefined) return { domain: local.origin, issuer: local.issuer, local: true };
  return { domain, issuer: `https://${domain}/`, local: false };
}

function parseClientId(raw: string | undefined): string {
  const value = present(raw);
  if (value === undefined) return DEFAULT_CLIENT_ID;
  if (CLIENT_ID.test(value)) return value;
  throw new ConfigError(
    'AUTH0_CLIENT_ID',
    `contains characters that are not allowed ("${value}")`,
    "Copy the Client ID from your SPA application's settings (local tenant: organizer-spa).",
  );
}

function parseSeconds(raw: string | undefined): number {
  const value = (raw ?? '').trim();
  if (value === '') return DEFAULT_CHECK_SESSION_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CHECK_SESSION_SECONDS) {
    throw new ConfigError(
      'SPA_CHECK_SESSION_SECONDS',
      `must be a whole number of seconds from 1 to ${MAX_CHECK_SESSION_SECONDS} ("${value}")`,
      `Unset it to check every ${DEFAULT_CHECK_SESSION_SECONDS} s (15 minutes, the least Auth0 advises).`,
    );
  }
  return seconds;
}

/** The SPA's settings, or a ConfigError naming the first bad variable. Pure: runs in Node and in the page. */
export function parseSpaConfig(env: SpaEnv): SpaConfig {
  return {
    tenant: parseTenant(env),
    clientId: parseClientId(env.AUTH0_CLIENT_ID),
    audience: parseAudience('AUTH0_AUDIENCE', env.AUTH0_AUDIENCE) ?? DEFAULT_AUDIENCE,
    checkSessionSeconds: parseSeconds(env.SPA_CHECK_SESSION_SECONDS),
    apis: { ...parseApiUrls(env) },
    spaOrigin: parseSpaOrigin(env.SPA_ORIGIN),
  };
}
