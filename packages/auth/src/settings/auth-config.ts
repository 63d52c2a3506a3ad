import { ConfigError, present, requireUrl } from './config-error.ts';
import { audienceFrom, issuerFrom } from './tenant-settings.ts';

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

export const DEFAULT_SPA_ORIGIN = 'http://localhost:3000';

/**
 * SPA_ORIGIN: where the browser opens the SPA. One parser for every part that needs it: the services (CORS),
 * the SPA's servers (redirect_uri and returnTo, handed to the page), the local tenant and `pnpm auth0:setup`
 * (callback, logout and web origin), `pnpm dev` (the SPA's port).
 */
export function parseSpaOrigin(value: string | undefined): string {
  const raw = present(value) ?? DEFAULT_SPA_ORIGIN;
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

/**
 * Reads the service variables (ISSUER_BASE_URL, else AUTH0_DOMAIN, else LOCAL_TENANT_URL; AUDIENCE, else
 * AUTH0_AUDIENCE; SPA_ORIGIN) through the same parsers the SPA and the scripts use; throws ConfigError
 * naming a bad variable.
 */
export function parseAuthConfig(env: Env): AuthConfig {
  return {
    issuerBaseUrl: issuerFrom(env).issuer,
    audience: audienceFrom(env),
    spaOrigin: parseSpaOrigin(env.SPA_ORIGIN),
  };
}
