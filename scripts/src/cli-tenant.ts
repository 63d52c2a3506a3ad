import { ConfigError, requireUrl } from '@organizer/env';

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

const LOCAL_ISSUER = 'http://localhost:4000/';
const DEV_M2M_SECRET = 'local-dev-m2m-secret-change-me';

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Reads the same variables as the services and the SPA (see .env.example); throws ConfigError on bad values. */
export function readCliTenant(env: Env): CliTenant {
  const domain = present(env.AUTH0_DOMAIN);
  const explicitIssuer = present(env.ISSUER_BASE_URL);
  if (domain && /[/:@]/.test(domain)) {
    throw new ConfigError('AUTH0_DOMAIN', `must be a bare domain name ("${domain}")`, 'Write it like your-tenant.eu.auth0.com, without https:// or a slash.');
  }
  const issuerUrl = explicitIssuer ? requireUrl('ISSUER_BASE_URL', explicitIssuer) : new URL(domain ? `https://${domain}/` : LOCAL_ISSUER);
  const local = !domain && ['localhost', '127.0.0.1', '[::1]'].includes(issuerUrl.hostname);
  const secret = present(env.AUTH0_M2M_CLIENT_SECRET) ?? (local ? DEV_M2M_SECRET : undefined);
  if (!secret) {
    throw new ConfigError('AUTH0_M2M_CLIENT_SECRET', 'is not set', 'Copy the machine-to-machine application\'s Client Secret from your tenant into .env.');
  }
  return {
    issuer: explicitIssuer && issuerUrl.pathname !== '/' ? explicitIssuer : issuerUrl.href,
    local,
    auth0: Boolean(domain) && !explicitIssuer,
    audience: present(env.AUDIENCE) ?? present(env.AUTH0_AUDIENCE) ?? 'organize',
    m2m: { clientId: present(env.AUTH0_M2M_CLIENT_ID) ?? 'organizer-m2m', clientSecret: secret },
    services: {
      contacts: requireUrl('CONTACTS_API_URL', present(env.CONTACTS_API_URL) ?? 'http://localhost:3001/api/contacts').href,
      calendar: requireUrl('CALENDAR_API_URL', present(env.CALENDAR_API_URL) ?? 'http://localhost:3002/api/calendar').href,
    },
  };
}
