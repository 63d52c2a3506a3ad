import { audienceFrom, ConfigError, issuerFrom, present } from '@organizer/auth/settings';
import { parseApiUrls } from '@organizer/env/api-urls';

type Env = Readonly<Record<string, string | undefined>>;

/** Where `pnpm m2m` and `pnpm access-token` get tokens, and which services `pnpm m2m` calls. */
export interface CliTenant {
  /** The issuer, with Auth0's trailing slash; discovery starts here. */
  issuer: string;
  /** True for the embedded local tenant: no AUTH0_DOMAIN, and no ISSUER_BASE_URL or one on localhost. */
  local: boolean;
  /** True for a real Auth0 tenant (AUTH0_DOMAIN set). */
  auth0: boolean;
  audience: string;
  m2m: { clientId: string; clientSecret: string };
  services: { contacts: string; calendar: string };
}

const DEV_M2M_SECRET = 'local-dev-m2m-secret-change-me';
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Reads the same variables as the services and the SPA (see .env.example), through the same parsers; the
 * issuer is the services' (ISSUER_BASE_URL, else AUTH0_DOMAIN, else LOCAL_TENANT_URL). Throws ConfigError.
 */
export function readCliTenant(env: Env): CliTenant {
  const { issuer, source } = issuerFrom(env);
  const local =
    source !== 'AUTH0_DOMAIN' &&
    present(env.AUTH0_DOMAIN) === undefined &&
    LOOPBACK_HOSTS.includes(new URL(issuer).hostname);
  const secret = present(env.AUTH0_M2M_CLIENT_SECRET) ?? (local ? DEV_M2M_SECRET : undefined);
  if (!secret) {
    throw new ConfigError(
      'AUTH0_M2M_CLIENT_SECRET',
      'is not set',
      "Copy the machine-to-machine application's Client Secret from your tenant into .env.",
    );
  }
  return {
    issuer,
    local,
    auth0: source === 'AUTH0_DOMAIN',
    audience: audienceFrom(env),
    m2m: { clientId: present(env.AUTH0_M2M_CLIENT_ID) ?? 'organizer-m2m', clientSecret: secret },
    services: { ...parseApiUrls(env) },
  };
}
