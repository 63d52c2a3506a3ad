import { ConfigError, requireUrl } from '@organizer/env';

type Env = Readonly<Record<string, string | undefined>>;

/** What every protected service needs to know about its tenant and its browser client. */
export interface AuthConfig {
  /** The tenant URL; tokens' `iss` must equal it exactly, and discovery starts from it. */
  readonly issuerBaseUrl: string;
  /** The `aud` every token must carry (one logical API for all services). */
  readonly audience: string;
  /** The only browser origin allowed by CORS. */
  readonly spaOrigin: string;
}

const LOCAL_TENANT = 'http://localhost:4000/';

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * ISSUER_BASE_URL as the exact issuer string. An origin without a path gets its "/" (that is the URL's
 * canonical form and Auth0's issuer, https://<domain>/). A URL with a path is kept as written, because some
 * providers' issuers end without a slash (Logto's https://<tenant>.logto.app/oidc); guessing one would make
 * every token fail the exact `iss` comparison.
 */
function issuerFrom(env: Env): string {
  const explicit = present(env.ISSUER_BASE_URL);
  if (explicit !== undefined) {
    const url = requireUrl('ISSUER_BASE_URL', explicit);
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      throw new ConfigError(
        'ISSUER_BASE_URL',
        `must not contain credentials, a query or a fragment ("${explicit}")`,
        'Use the tenant URL only, such as https://your-tenant.eu.auth0.com/.',
      );
    }
    return url.pathname === '/' ? url.href : explicit;
  }
  const domain = present(env.AUTH0_DOMAIN);
  if (domain === undefined) return LOCAL_TENANT;
  if (domain.includes('/') || domain.includes(':') || domain.includes('@')) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `must be a bare domain name ("${domain}")`,
      'Write it like your-tenant.eu.auth0.com (no https://, no port, no slash), or set ISSUER_BASE_URL instead.',
    );
  }
  return requireUrl('AUTH0_DOMAIN', `https://${domain}/`).href;
}

function audienceFrom(env: Env): string {
  const audience = present(env.AUDIENCE) ?? present(env.AUTH0_AUDIENCE) ?? 'organize';
  if (/\s/.test(audience)) {
    throw new ConfigError(
      present(env.AUDIENCE) === undefined ? 'AUTH0_AUDIENCE' : 'AUDIENCE',
      `must not contain spaces ("${audience}")`,
      "Use the API's identifier from the tenant, such as organize.",
    );
  }
  return audience;
}

function spaOriginFrom(env: Env): string {
  const raw = present(env.SPA_ORIGIN) ?? 'http://localhost:3000';
  const url = requireUrl('SPA_ORIGIN', raw);
  // A browser's Origin header is scheme://host[:port] and nothing else; a path would never match it.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new ConfigError(
      'SPA_ORIGIN',
      `must be an origin, without a path ("${raw}")`,
      'Use the address the browser shows for the SPA, such as http://localhost:3000.',
    );
  }
  return url.origin;
}

/** Reads the service variables of the contract (see .env.example); throws ConfigError on a bad value. */
export function parseAuthConfig(env: Env): AuthConfig {
  return { issuerBaseUrl: issuerFrom(env), audience: audienceFrom(env), spaOrigin: spaOriginFrom(env) };
}
