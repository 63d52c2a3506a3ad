import { ConfigError, present, requireUrl } from './config-error.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the local tenant listens, and its issuer without the slash, when LOCAL_TENANT_URL is empty. */
export const DEFAULT_LOCAL_TENANT_URL = 'http://localhost:4000';
/** The logical API's identifier when neither AUDIENCE nor AUTH0_AUDIENCE is set. */
export const DEFAULT_AUDIENCE = 'organize';

// A DNS name of two labels or more (letters, digits, inner hyphens): what Auth0 tenant and custom domains are.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`, 'i');
// An identifier without spaces or control characters: Auth0 takes any such string, RFC 8707 servers a URI,
// and it ends up in the WWW-Authenticate realm, where only visible ASCII is safe.
const AUDIENCE = /^[\x21-\x7e]+$/;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * AUTH0_DOMAIN: a tenant domain or custom domain as a bare host name (your-tenant.eu.auth0.com), lower-cased
 * as Auth0 writes it in `iss`. No scheme, no path and no port: Auth0 serves every domain on 443, so a port is
 * a mistake that would only show later as a tenant nobody reaches. Undefined when empty (the local tenant).
 */
export function parseAuth0Domain(raw: string | undefined): string | undefined {
  const value = present(raw);
  if (value === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `must be a bare domain, without a scheme ("${value}")`,
      'Write it as your-tenant.eu.auth0.com, or leave it empty to use the local tenant.',
    );
  }
  if (/^[^/]*:\d*$/.test(value)) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `must not include a port ("${value}")`,
      'Auth0 serves tenant and custom domains on port 443 only: write the host name alone, such as your-tenant.eu.auth0.com. For another provider, set ISSUER_BASE_URL instead.',
    );
  }
  if (!DOMAIN_NAME.test(value)) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      `is not a domain name ("${value}")`,
      'Use your tenant domain such as your-tenant.eu.auth0.com (no path, no trailing slash), or leave it empty for the local tenant.',
    );
  }
  return value.toLowerCase();
}

/** The local tenant's address, read from LOCAL_TENANT_URL. */
export interface LocalTenantUrl {
  /** `http://localhost:4000`: what the SPA gives auth0-js as its domain, and where pnpm dev looks for the tenant. */
  readonly origin: string;
  /** The origin with its "/": the `iss` of the local tenant's tokens. */
  readonly issuer: string;
  /** The address to listen on: localhost, 127.0.0.1 or ::1. */
  readonly host: string;
  readonly port: number;
}

/**
 * LOCAL_TENANT_URL: where the local tenant listens and what its issuer is (default http://localhost:4000).
 * Plain http on a loopback host only (localhost, 127.0.0.1, [::1]): the tenant is a development server with
 * published secrets. http://127.0.0.1:4000 puts it on another site than the SPA, as a real tenant is.
 */
export function parseLocalTenantUrl(raw: string | undefined): LocalTenantUrl {
  const value = present(raw) ?? DEFAULT_LOCAL_TENANT_URL;
  const example =
    'Use http://localhost:4000 (the default), or http://127.0.0.1:4000 to put the tenant on another site than the SPA.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('LOCAL_TENANT_URL', `is not a URL ("${value}")`, example);
  }
  if (url.protocol !== 'http:') {
    throw new ConfigError(
      'LOCAL_TENANT_URL',
      `must use http ("${value}")`,
      `The local tenant serves plain http on this machine only. ${example}`,
    );
  }
  if (!LOOPBACK_HOSTS.includes(url.hostname)) {
    throw new ConfigError(
      'LOCAL_TENANT_URL',
      `must name this machine: localhost, 127.0.0.1 or [::1] ("${value}")`,
      'The local tenant is a development server and listens on loopback only; for a real tenant set AUTH0_DOMAIN.',
    );
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('LOCAL_TENANT_URL', `must be an origin, without a path ("${value}")`, example);
  }
  const port = url.port === '' ? 80 : Number(url.port);
  if (port === 0) throw new ConfigError('LOCAL_TENANT_URL', `must name a port from 1 to 65535 ("${value}")`, example);
  return { origin: url.origin, issuer: `${url.origin}/`, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** The local tenant's issuer once it listens on `port` of `host` (a LocalTenantUrl's host). */
export function localTenantIssuer(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/**
 * ISSUER_BASE_URL as the exact issuer string. An origin without a path gets its "/" (that is the URL's
 * canonical form and Auth0's issuer, https://<domain>/). A URL with a path is kept as written, because some
 * providers' issuers end without a slash (Logto's https://<tenant>.logto.app/oidc); guessing one would make
 * every token fail the exact `iss` comparison. Undefined when empty.
 */
export function parseIssuerBaseUrl(raw: string | undefined): string | undefined {
  const value = present(raw);
  if (value === undefined) return undefined;
  const url = requireUrl('ISSUER_BASE_URL', value);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      'ISSUER_BASE_URL',
      `must not contain credentials, a query or a fragment ("${value}")`,
      'Use the tenant URL only, such as https://your-tenant.eu.auth0.com/.',
    );
  }
  return url.pathname === '/' ? url.href : value;
}

/** AUDIENCE or AUTH0_AUDIENCE: the API identifier tokens must carry in `aud`. Undefined when empty. */
export function parseAudience(variable: 'AUDIENCE' | 'AUTH0_AUDIENCE', raw: string | undefined): string | undefined {
  const value = present(raw);
  if (value === undefined || AUDIENCE.test(value)) return value;
  throw new ConfigError(
    variable,
    `contains characters that are not allowed ("${value}")`,
    `Use the API's identifier exactly as in the tenant, without spaces (local tenant: ${DEFAULT_AUDIENCE}).`,
  );
}

/** Which variable named the issuer. */
export type IssuerSource = 'ISSUER_BASE_URL' | 'AUTH0_DOMAIN' | 'LOCAL_TENANT_URL';

/**
 * The issuer the services trust and the scripts ask for tokens: ISSUER_BASE_URL, else https://AUTH0_DOMAIN/,
 * else the local tenant's. Every one of the three is checked even when another wins, so a bad value stops
 * every part that reads it, whatever else is set.
 */
export function issuerFrom(env: Env): { readonly issuer: string; readonly source: IssuerSource } {
  const explicit = parseIssuerBaseUrl(env.ISSUER_BASE_URL);
  const domain = parseAuth0Domain(env.AUTH0_DOMAIN);
  const local = parseLocalTenantUrl(env.LOCAL_TENANT_URL);
  if (explicit !== undefined) return { issuer: explicit, source: 'ISSUER_BASE_URL' };
  if (domain !== undefined) return { issuer: `https://${domain}/`, source: 'AUTH0_DOMAIN' };
  return { issuer: local.issuer, source: 'LOCAL_TENANT_URL' };
}

/** The audience the services require and the scripts ask for: AUDIENCE, else AUTH0_AUDIENCE, else organize. */
export function audienceFrom(env: Env): string {
  const service = parseAudience('AUDIENCE', env.AUDIENCE);
  const shared = parseAudience('AUTH0_AUDIENCE', env.AUTH0_AUDIENCE);
  return service ?? shared ?? DEFAULT_AUDIENCE;
}
