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

/**
 * Reads the service variables (ISSUER_BASE_URL, else AUTH0_DOMAIN, else LOCAL_TENANT_URL; AUDIENCE, else
 * AUTH0_AUDIENCE; SPA_ORIGIN) through the same parsers the SPA and the scripts use; throws ConfigError
 * naming a bad variable.
 */
export function parseAuthConfig(env: Env): AuthConfig {
  return { issuerBaseUrl: issuerFrom(env).issuer, audience: audienceFrom(env), spaOrigin: spaOriginFrom(env) };
}
