import { ConfigError } from './config-error.ts';

export { ConfigError };

/**
 * The only variables the SPA's bundle may carry. vite.config.ts passes exactly these to the page, so a
 * secret in `.env` (AUTH0_M2M_CLIENT_SECRET, …) can never end up in JavaScript served to a browser.
 */
export const SPA_ENV_KEYS = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_AUDIENCE', 'SPA_CHECK_SESSION_SECONDS'] as const;

export type SpaEnvKey = (typeof SPA_ENV_KEYS)[number];
export type SpaEnv = Partial<Record<SpaEnvKey, string>>;

export const LOCAL_TENANT_URL = 'http://localhost:4000';
export const DEFAULT_CLIENT_ID = 'organizer-spa';
export const DEFAULT_AUDIENCE = 'organize';
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

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::\d{1,5})?$/i;
const CLIENT_ID = /^[A-Za-z0-9._~-]+$/;
// Any identifier without spaces or control characters: Auth0 takes any string, RFC 8707 servers a URI.
const AUDIENCE = /^[\x21-\x7e]+$/;

function parseTenant(raw: string | undefined): TenantConfig {
  const value = (raw ?? '').trim();
  if (value === '') return { domain: LOCAL_TENANT_URL, issuer: `${LOCAL_TENANT_URL}/`, local: true };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `must be a bare domain, without a scheme ("${value}")`,
      'Write it as your-tenant.eu.auth0.com, or leave it empty to use the local tenant.',
    );
  }
  if (!HOST.test(value)) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `is not a domain name ("${value}")`,
      'Use your tenant domain such as your-tenant.eu.auth0.com (no path, no trailing slash), or leave it empty for the local tenant.',
    );
  }
  return { domain: value, issuer: `https://${value}/`, local: false };
}

function parseToken(variable: SpaEnvKey, raw: string | undefined, fallback: string, pattern: RegExp, fix: string): string {
  const value = (raw ?? '').trim();
  if (value === '') return fallback;
  if (!pattern.test(value)) throw new ConfigError(variable, `contains characters that are not allowed ("${value}")`, fix);
  return value;
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
    tenant: parseTenant(env.AUTH0_DOMAIN),
    clientId: parseToken(
      'AUTH0_CLIENT_ID',
      env.AUTH0_CLIENT_ID,
      DEFAULT_CLIENT_ID,
      CLIENT_ID,
      "Copy the Client ID from your SPA application's settings (local tenant: organizer-spa).",
    ),
    audience: parseToken(
      'AUTH0_AUDIENCE',
      env.AUTH0_AUDIENCE,
      DEFAULT_AUDIENCE,
      AUDIENCE,
      "Use the API's identifier exactly as in the dashboard (local tenant: organize).",
    ),
    checkSessionSeconds: parseSeconds(env.SPA_CHECK_SESSION_SECONDS),
    apis: { contacts: 'http://localhost:3001/api/contacts', calendar: 'http://localhost:3002/api/calendar' },
  };
}
