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
  /** DPOP_MODE: whether DPoP-bound tokens (RFC 9449) are refused, accepted beside Bearer, or the only kind. Default allowed. */
  readonly dpop?: DpopMode;
}

/** `off`: Bearer only. `allowed`: Bearer, and DPoP-bound tokens with their proof. `required`: DPoP only. */
export type DpopMode = 'off' | 'allowed' | 'required';

const DPOP_MODES: readonly DpopMode[] = ['off', 'allowed', 'required'];

/** DPOP_MODE: off, allowed or required; unset or empty, allowed. */
export function parseDpopMode(raw: string | undefined): DpopMode {
  const value = present(raw) ?? 'allowed';
  const mode = DPOP_MODES.find((m) => m === value);
  if (mode !== undefined) return mode;
  throw new ConfigError(
    'DPOP_MODE',
    `must be off, allowed or required ("${value}")`,
    'Unset it to accept Bearer tokens and DPoP-bound tokens with their proof.',
  );
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

/** Plain http, or a host that is this machine: an issuer for development, never for production. */
function insecure(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer);
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback =
    host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
  return protocol === 'http:' || loopback;
}

/** ALLOW_INSECURE_ISSUER: `true` lets a production service trust an http:// or loopback issuer. */
function allowsInsecureIssuer(raw: string | undefined): boolean {
  const value = present(raw);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(
    'ALLOW_INSECURE_ISSUER',
    `must be true or false ("${value}")`,
    'Unset it unless you mean true.',
  );
}

/**
 * Reads the service variables (ISSUER_BASE_URL, else AUTH0_DOMAIN, else LOCAL_TENANT_URL; AUDIENCE, else
 * AUTH0_AUDIENCE; SPA_ORIGIN; DPOP_MODE) through the same parsers the SPA and the scripts use; throws ConfigError
 * naming a bad variable. With NODE_ENV=production, an issuer over plain http or on this machine (the local
 * tenant's) is refused unless ALLOW_INSECURE_ISSUER=true: a production service trusts only a real tenant.
 */
export function parseAuthConfig(env: Env): AuthConfig {
  const { issuer, source } = issuerFrom(env);
  const allowed = allowsInsecureIssuer(env.ALLOW_INSECURE_ISSUER);
  if (present(env.NODE_ENV) === 'production' && insecure(issuer) && !allowed) {
    throw new ConfigError(
      source,
      `gives the issuer ${issuer}, which is plain http or this machine, and NODE_ENV is production`,
      'Point the service at your tenant (AUTH0_DOMAIN=your-tenant.eu.auth0.com, or an https ISSUER_BASE_URL), or set ALLOW_INSECURE_ISSUER=true if you mean it.',
    );
  }
  return {
    issuerBaseUrl: issuer,
    audience: audienceFrom(env),
    spaOrigin: parseSpaOrigin(env.SPA_ORIGIN),
    dpop: parseDpopMode(env.DPOP_MODE),
  };
}
